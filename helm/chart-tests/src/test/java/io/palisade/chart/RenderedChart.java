package io.palisade.chart;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The chart rendered by the Helm that helm-java bundles, every object parsed into its fabric8 type. Parsing
 * is strict: a field the Kubernetes model does not know (a typo such as {@code readOnlyRootFileSystem})
 * would land in an object's additional properties, and fails the render here instead of being silently
 * ignored by the API server.
 */
final class RenderedChart {

    static final Path ROOT = Path.of(System.getProperty("palisade.root", "../.."));
    static final Path CHART = ROOT.resolve("helm/palisade");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private static final Map<String, Class<? extends HasMetadata>> TYPES = Map.of(
            "Deployment", Deployment.class, "Service", Service.class, "ConfigMap", ConfigMap.class,
            "Secret", Secret.class, "Ingress", Ingress.class, "HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "PodDisruptionBudget", PodDisruptionBudget.class, "NetworkPolicy", NetworkPolicy.class, "Pod", Pod.class);
    private static final Set<String> OPERATOR_KINDS = Set.of("ServiceMonitor", "PrometheusRule");

    final String yaml;
    final List<HasMetadata> objects = new ArrayList<>();

    private RenderedChart(String yaml) {
        this.yaml = yaml;
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (document.lines().allMatch(line -> line.isBlank() || line.startsWith("#"))) {
                continue;
            }
            objects.add(parse(document));
        }
    }

    /** The chart as `helm template palisade helm/palisade -n palisade`, plus a values file when given. */
    static RenderedChart render(String valuesResource) {
        return render(valuesResource, Map.of());
    }

    /** The same, with {@code --set} values on top. */
    static RenderedChart render(String valuesResource, Map<String, String> sets) {
        TemplateCommand template = new Helm(CHART).template().withName("palisade").withNamespace("palisade");
        if (valuesResource != null) {
            template.withValuesFile(resource(valuesResource));
        }
        sets.forEach(template::set);
        return new RenderedChart(template.call());
    }

    static Path resource(String name) {
        return ROOT.resolve("helm/chart-tests/src/test/resources").resolve(name);
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<GenericKubernetesResource> operatorObjects(String kind) {
        return objects.stream().filter(o -> o instanceof GenericKubernetesResource && kind.equals(o.getKind()))
                .map(GenericKubernetesResource.class::cast).toList();
    }

    private static HasMetadata parse(String document) {
        try {
            Map<?, ?> raw = YAML.readValue(document, Map.class);
            String kind = String.valueOf(raw.get("kind"));
            if (OPERATOR_KINDS.contains(kind)) {
                return YAML.convertValue(raw, GenericKubernetesResource.class);
            }
            Class<? extends HasMetadata> type = TYPES.get(kind);
            if (type == null) {
                throw new AssertionError("the chart renders a " + kind + ", which these tests do not know");
            }
            HasMetadata object = YAML.convertValue(raw, type);
            requireNoUnknownFields(object, kind, new IdentityHashMap<>());
            return object;
        } catch (java.io.IOException e) {
            throw new AssertionError("not YAML:\n" + document, e);
        }
    }

    private static void requireNoUnknownFields(Object node, String path, Map<Object, Boolean> seen) {
        if (node == null || seen.put(node, true) != null || !node.getClass().getName().startsWith("io.fabric8")) {
            if (node instanceof Collection<?> items) {
                items.forEach(item -> requireNoUnknownFields(item, path + "[]", seen));
            }
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    throw new AssertionError(path + " has fields the Kubernetes model does not know: " + extra.keySet());
                }
                continue;
            }
            if (value instanceof Collection<?> items) {
                items.forEach(item -> requireNoUnknownFields(item, path + "." + getter.getName().substring(3), seen));
            } else if (value instanceof Map<?, ?> map) {
                map.values().forEach(item -> requireNoUnknownFields(item, path + "." + getter.getName().substring(3), seen));
            } else {
                requireNoUnknownFields(value, path + "." + getter.getName().substring(3), seen);
            }
        }
    }

    /** The data of {@code service}'s ConfigMap. */
    Map<String, String> configMap(String service) {
        return all(ConfigMap.class).stream().filter(map -> map.getMetadata().getName().endsWith(service))
                .findFirst().orElseThrow().getData();
    }

    /** Whether the service's pods may open a connection to a peer with these labels, or in this CIDR, on {@code port}. */
    boolean egressAllowed(String service, Map<String, String> namespace, Map<String, String> pod, String cidr,
            int port) {
        Map<String, String> labels = all(Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().endsWith(service)).findFirst().orElseThrow()
                .getSpec().getTemplate().getMetadata().getLabels();
        return all(NetworkPolicy.class).stream()
                .filter(p -> selects(p.getSpec().getPodSelector(), labels) && p.getSpec().getEgress() != null)
                .flatMap(p -> p.getSpec().getEgress().stream())
                .anyMatch(rule -> portMatches(rule, port) && rule.getTo() != null
                        && rule.getTo().stream().anyMatch(peer -> reaches(peer, namespace, pod, cidr)));
    }

    private static boolean reaches(NetworkPolicyPeer peer, Map<String, String> namespace, Map<String, String> pod,
            String cidr) {
        if (cidr != null) {
            return peer.getIpBlock() != null && peer.getIpBlock().getCidr().equals(cidr);
        }
        return peer.getNamespaceSelector() != null && selects(peer.getNamespaceSelector(), namespace)
                && peer.getPodSelector() != null && selects(peer.getPodSelector(), pod);
    }

    private static boolean portMatches(NetworkPolicyEgressRule rule, int port) {
        return rule.getPorts() == null || rule.getPorts().isEmpty() || rule.getPorts().stream()
                .anyMatch(p -> p.getPort() != null && p.getPort().getIntVal() != null && p.getPort().getIntVal() == port);
    }

    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        return selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty() && labels != null
                || labels != null && selector.getMatchLabels().entrySet().stream()
                        .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}
