{{/* The three services: name, component key in values, ports, what they call. */}}
{{- define "palisade.services" -}}
gateway:
  name: gateway-service
  port: 8080
  managementPort: 9000
auth:
  name: auth-service
  port: 8081
  managementPort: 9001
user:
  name: user-service
  port: 8082
  managementPort: 9002
{{- end -}}

{{- define "palisade.fullname" -}}
{{- printf "%s-%s" .root.Release.Name .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "palisade.labels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/part-of: palisade
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{- define "palisade.selector" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "palisade.image" -}}
{{- $digest := index .root.Values.image.digests .key -}}
{{- if $digest -}}
{{ .root.Values.image.registry }}/{{ .name }}@{{ $digest }}
{{- else -}}
{{ .root.Values.image.registry }}/{{ .name }}:{{ .root.Values.image.tag }}
{{- end -}}
{{- end -}}

{{- define "palisade.secretName" -}}
{{- if .Values.secrets.existingSecret -}}{{ .Values.secrets.existingSecret }}{{- else -}}{{ printf "%s-secrets" .Release.Name }}{{- end -}}
{{- end -}}

{{- define "palisade.monitoringCrds" -}}
{{- if eq (toString .Values.metrics.serviceMonitor) "true" -}}true
{{- else if eq (toString .Values.metrics.serviceMonitor) "false" -}}false
{{- else if .Capabilities.APIVersions.Has "monitoring.coreos.com/v1" -}}true
{{- else -}}false
{{- end -}}
{{- end -}}

{{- define "palisade.prometheusRule" -}}
{{- if eq (toString .Values.metrics.prometheusRule) "true" -}}true
{{- else if eq (toString .Values.metrics.prometheusRule) "false" -}}false
{{- else if .Capabilities.APIVersions.Has "monitoring.coreos.com/v1" -}}true
{{- else -}}false
{{- end -}}
{{- end -}}
