#!/usr/bin/env bash
# The gateway's JVM start options, side by side (bench/README.md): Java 17 as the pods run it, Java 25 plain,
# Java 25 with an AppCDS archive and Java 25 with a JEP 483/514/515 ahead-of-time cache, both archives recorded
# here in a training run of 30 s of the bench's load. Per option and round: launch to ready, req/s in each of the
# first four 5 s after ready, resident memory. Needs a JDK 25 (JAVA25, by default Temurin's under /usr/lib/jvm).
# Not run in CI; loopback only; about 6 minutes.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work="$root/target/bench-start"
mkdir -p "$work"
J17=${JAVA17:-java}
J25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
ROUNDS=${ROUNDS:-3}
[ -x "$J25" ] || { echo "no Java 25 at $J25: set JAVA25" >&2; exit 1; }
for svc in auth-service user-service gateway-service; do
    [ -f "$root/$svc/target/quarkus-app/quarkus-run.jar" ] || (cd "$root" && ./mvnw -B -q -DskipTests package)
done
bash "$root/scripts/ensure-backing-services.sh" >/dev/null
report="$root/bench/results/$(date -u +%Y-%m-%dT%H%M%SZ)-start-options.md"

source "$root/bench/suite.sh"
pids=()
cleanup() { trap '' INT TERM; kill -TERM "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM
stop() { kill -TERM "$1"; wait "$1" 2>/dev/null || true; }

JAVA="$J17" start_user_and_auth
GW=$(free_port); GW_M=$(free_port)
email="start-$(date +%s%N)@palisade.test"; password="Benchmark-Quay-$(date +%N)!x"
curl -fs -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$password\",\"displayName\":\"Bench\"}" "http://127.0.0.1:$AUTH/api/auth/register"
token=$(curl -fs -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"$password\"}" \
    "http://127.0.0.1:$AUTH/api/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')

gateway_env=(QUARKUS_HTTP_PORT="$GW" QUARKUS_MANAGEMENT_PORT="$GW_M" PALISADE_GATEWAY_UPSTREAM_AUTH_URL="http://127.0.0.1:$AUTH"
             PALISADE_GATEWAY_UPSTREAM_USER_URL="http://127.0.0.1:$USER" PALISADE_GATEWAY_RATE_LIMIT_API_LIMIT=1000000
             PALISADE_GATEWAY_POLICIES_API_LEASE=10)
rps() { wrk -t1 -c32 -d"$1s" -H "Authorization: Bearer $token" "http://127.0.0.1:$GW/api/users/me" | awk '/Requests\/sec/ { printf "%.0f", $2 }'; }

# Training runs: the JVM writes each archive as it exits. They also warm user-service for the rounds.
rm -f "$work/gateway.aot" "$work/gateway.jsa"
for archive in "-XX:AOTCacheOutput=$work/gateway.aot" "-XX:ArchiveClassesAtExit=$work/gateway.jsa"; do
    read -r _ pid < <(JAVA="$J25" OPTIONS="$archive" LOG_AS=gateway-training launch gateway-service "$GW_M" \
        "${gateway_env[@]}")
    rps 30 >/dev/null
    stop "$pid"
done

declare -A java=([java17]="$J17" [java25]="$J25" [java25-appcds]="$J25" [java25-aot]="$J25")
declare -A options=([java17]="" [java25]="" [java25-appcds]="-XX:SharedArchiveFile=$work/gateway.jsa"
                    [java25-aot]="-XX:AOTCache=$work/gateway.aot")
modes=(java17 java25 java25-appcds java25-aot)
rows=()
for round in $(seq "$ROUNDS"); do
    for mode in "${modes[@]}"; do
        read -r ms pid < <(JAVA="${java[$mode]}" OPTIONS="${options[$mode]}" LOG_AS="gateway-$mode" \
            launch gateway-service "$GW_M" "${gateway_env[@]}")
        curve=(); for _ in 1 2 3 4; do curve+=("$(rps 5)"); done
        rows+=("| $round | $mode | $ms | ${curve[*]} | $(( (curve[0] + curve[1]) / 2 )) | $(rss_mb "$pid") |")
        stop "$pid"
    done
done
{
    printf '# bench/start-options.sh, %s\n\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
    printf 'Machine: %s, %s cores, %s. The gateway with scripts/jvm.options; archives from a 30 s training run on\n' \
        "$(uname -m)" "$(nproc)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
    printf 'Java 25 (%s); wrk -t1 -c32 on GET /api/users/me; AppCDS: -XX:SharedArchiveFile, AOT: -XX:AOTCache.\n\n' \
        "$("$J25" -version 2>&1 | head -1)"
    printf '| round | option | launch to ready (ms) | req/s in each 5 s after ready | first 10 s (req/s) | resident after 20 s (MiB) |\n'
    printf '|---|---|---|---|---|---|\n'
    printf '%s\n' "${rows[@]}"
    printf '\nArchives: AOT cache %s MiB, AppCDS %s MiB.\n' $(( $(stat -c %s "$work/gateway.aot") / 1048576 )) \
        $(( $(stat -c %s "$work/gateway.jsa") / 1048576 ))
} | tee "$report"
echo "written to $report"
