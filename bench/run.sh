#!/usr/bin/env bash
# Benchmarks the packaged suite on loopback and writes one table to bench/results/ (see bench/README.md).
# Not run in CI. Every load is bounded in time and targets 127.0.0.1 only; the whole run takes about 10 min.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work="$root/target/bench"
mkdir -p "$work"
WARMUP=${WARMUP:-60}        # seconds of load before a steady-state measurement (a JVM needs about a minute)
RUNS=${RUNS:-3}              # measured runs per scenario; the table gives their median
RUN_SECONDS=${RUN_SECONDS:-20}
COLD_SECONDS=${COLD_SECONDS:-60}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-1}        # one wrk thread: the load generator shares the machine's cores with the suite
# Another gateway build (its quarkus-run.jar, e.g. from a worktree of an earlier commit), measured in the same
# rounds on Palisade's own route: what a change to the gateway costs, free of the machine's drift.
BASELINE_GATEWAY=${BASELINE_GATEWAY:-}

declare -A package=([wrk]=wrk [nginx]=nginx [redis-cli]=redis-tools)
for tool in wrk nginx redis-cli; do
    command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install ${package[$tool]}" >&2; exit 1; }
done
results="$root/bench/results"
mkdir -p "$results"
report="$results/$(date -u +%Y-%m-%dT%H%M%SZ).md"
for svc in auth-service user-service gateway-service examples/quarkus-orders; do
    [ -f "$root/$svc/target/quarkus-app/quarkus-run.jar" ] || (cd "$root" && ./mvnw -B -q -DskipTests package)
done
# Spring Cloud Gateway, the peer users compare us with: built here on demand (bench/peers), never by CI.
scg_jar="$root/bench/peers/spring-cloud-gateway/target/scg-peer.jar"
[ -f "$scg_jar" ] || (cd "$root/bench/peers/spring-cloud-gateway" && "$root/mvnw" -B -q -DskipTests package)
[ -z "$BASELINE_GATEWAY" ] || [ -f "$BASELINE_GATEWAY" ] || { echo "BASELINE_GATEWAY: no such jar: $BASELINE_GATEWAY" >&2; exit 1; }
bash "$root/scripts/ensure-backing-services.sh" >/dev/null

source "$root/bench/suite.sh"
pids=()
cleanup() { trap '' INT TERM; kill -TERM "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

start_user_and_auth PALISADE_AUTH_LOGIN_THROTTLE_MAX_FAILURES=1000000
GW=$(free_port); GW_M=$(free_port); NGINX=$(free_port); ORDERS=$(free_port); ORDERS_M=$(free_port); SCG=$(free_port)
# A team's own service (examples/quarkus-orders) behind a configured route with a policy of its own.
read -r _ orders_pid < <(LOG_AS=example-quarkus-orders launch examples/quarkus-orders "$ORDERS_M" \
    QUARKUS_HTTP_PORT="$ORDERS" QUARKUS_MANAGEMENT_PORT="$ORDERS_M"); pids+=("$orders_pid")
gateway_env=(QUARKUS_HTTP_PORT="$GW" QUARKUS_MANAGEMENT_PORT="$GW_M"
             PALISADE_GATEWAY_UPSTREAM_AUTH_URL="http://127.0.0.1:$AUTH" PALISADE_GATEWAY_UPSTREAM_USER_URL="http://127.0.0.1:$USER"
             PALISADE_GATEWAY_RATE_LIMIT_API_LIMIT=1000000 PALISADE_GATEWAY_RATE_LIMIT_LOGIN_LIMIT=1000000
             PALISADE_GATEWAY_RATE_LIMIT_REGISTER_LIMIT=1000000 PALISADE_GATEWAY_RATE_LIMIT_AUTH_LIMIT=1000000
             PALISADE_GATEWAY_POLICIES_API_LEASE=10)   # as the chart deploys it (gateway.rateLimit.apiLease)
route_env=(PALISADE_GATEWAY_ROUTES_ORDERS_PATH=/api/orders/** PALISADE_GATEWAY_ROUTES_ORDERS_UPSTREAM="http://127.0.0.1:$ORDERS"
           PALISADE_GATEWAY_ROUTES_ORDERS_POLICY=orders PALISADE_GATEWAY_POLICIES_ORDERS_LIMIT=1000000
           PALISADE_GATEWAY_POLICIES_ORDERS_WINDOW=PT1M)

email="bench-$(date +%s%N)@palisade.test"; password="Benchmark-Quay-$(date +%N)!x"
curl -fs -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$password\",\"displayName\":\"Bench\"}" "http://127.0.0.1:$AUTH/api/auth/register"
login() {
    curl -fs -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"$password\"}" \
        "http://127.0.0.1:$AUTH/api/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])'
}
# Access tokens live 15 minutes and a run lasts longer: each round (and the revocation load) takes a fresh one,
# so no measured request is a cheap 401 for an expired token.
fresh_token() { token=$(login); auth_header=(-H "Authorization: Bearer $token"); }
fresh_token

# --- Measuring -------------------------------------------------------------------------------------------------
ticks=$(getconf CLK_TCK)
# Calls of the rate-limit scripts Redis has run so far (every replica's, every bucket's): per request, what a
# hop costs Redis.
redis_calls() { redis-cli -h 127.0.0.1 -p 6379 info commandstats | awk -F'[:,=]' '/^cmdstat_eval(sha)?:/ { n += $3 } END { print n + 0 }'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }   # user + system time of a process, all its threads
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# One wrk run; sets rps, p50, p99 (ms), requests and non2xx.
wrk_run() { # seconds url [wrk args...]
    local seconds=$1 url=$2; shift 2
    local out; out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --latency "$@" "$url")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")
    p99=$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")
    requests=$(awk '/requests in/ {print $1}' <<<"$out")
    non2xx=$(awk '/Non-2xx or 3xx responses/ {print $5}' <<<"$out"); non2xx=${non2xx:-0}
}

# Every process is started and warmed before anything is measured. The measured runs then take turns, one of
# each scenario per round, so that a machine whose speed drifts during the run (a shared host does) slows every
# scenario alike, and each ratio is taken within one round; the table gives the median of each figure and of
# each ratio over the rounds.
me=/api/users/me

# 1. Straight to user-service: its warm-up.
[ "$WARMUP" -gt 0 ] && wrk_run "$WARMUP" "http://127.0.0.1:$USER$me" "${auth_header[@]}"

# 2. The gateway from a cold start: req/s in each 5 s of its first COLD_SECONDS after ready (its warm-up).
read -r gw_ms gw_pid < <(launch gateway-service "$GW_M" "${gateway_env[@]}" "${route_env[@]}"); pids+=("$gw_pid")
cold=()
for _ in $(seq $((COLD_SECONDS / 5))); do
    wrk_run 5 "http://127.0.0.1:$GW$me" "${auth_header[@]}"
    cold+=("$rps")
done

# 3. A second gateway with rate limiting off, beside the first: what its one Redis call costs.
GW_OFF=$(free_port); GW_OFF_M=$(free_port)
read -r _ gw_off_pid < <(LOG_AS=gateway-service-unlimited launch gateway-service "$GW_OFF_M" "${gateway_env[@]}" "${route_env[@]}" \
    QUARKUS_HTTP_PORT="$GW_OFF" QUARKUS_MANAGEMENT_PORT="$GW_OFF_M" PALISADE_GATEWAY_RATE_LIMIT_ENABLED=false)
pids+=("$gw_off_pid")
[ "$WARMUP" -gt 0 ] && wrk_run "$WARMUP" "http://127.0.0.1:$GW_OFF$me" "${auth_header[@]}"

# 3b. The configured route: straight to the example's warm-up, then through the gateway (warm already).
orders=/api/orders
[ "$WARMUP" -gt 0 ] && wrk_run "$WARMUP" "http://127.0.0.1:$ORDERS$orders" "${auth_header[@]}"
wrk_run 10 "http://127.0.0.1:$GW$orders" "${auth_header[@]}"
[ "$non2xx" = 0 ] || { echo "the configured route answered $non2xx non-2xx; see $work/gateway-service.log" >&2; exit 1; }

# 3c. The baseline gateway build, when given, on Palisade's own route (it need not know configured routes).
if [ -n "$BASELINE_GATEWAY" ]; then
    GW_BASE=$(free_port); GW_BASE_M=$(free_port)
    read -r _ gw_base_pid < <(JAR="$BASELINE_GATEWAY" LOG_AS=gateway-service-baseline launch gateway-service "$GW_BASE_M" \
        "${gateway_env[@]}" QUARKUS_HTTP_PORT="$GW_BASE" QUARKUS_MANAGEMENT_PORT="$GW_BASE_M"); pids+=("$gw_base_pid")
    [ "$WARMUP" -gt 0 ] && wrk_run "$WARMUP" "http://127.0.0.1:$GW_BASE$me" "${auth_header[@]}"
fi

# 3d. Tracing on: an OTLP/HTTP receiver that takes and drops every export, and a second user-service and gateway
#     exporting to it at the default sampling ratio (0.1), so a traced request pays what it pays in production.
OTLP=$(free_port)
python3 - "$OTLP" >"$work/otlp-receiver.log" 2>&1 <<'PY' &
import http.server, sys
class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200); self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0"); self.end_headers()
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Receiver).serve_forever()
PY
pids+=("$!")
tracing_env=(QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$OTLP" QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf)
USER_T=$(free_port); USER_T_M=$(free_port); GW_T=$(free_port); GW_T_M=$(free_port)
read -r _ user_t_pid < <(LOG_AS=user-service-traced launch user-service "$USER_T_M" QUARKUS_HTTP_PORT="$USER_T" \
    QUARKUS_MANAGEMENT_PORT="$USER_T_M" $(db_env palisade_users) QUARKUS_REST_CLIENT_AUTH_SERVICE_URL="http://127.0.0.1:$AUTH" \
    "${tracing_env[@]}"); pids+=("$user_t_pid")
read -r _ gw_t_pid < <(LOG_AS=gateway-service-traced launch gateway-service "$GW_T_M" "${gateway_env[@]}" \
    QUARKUS_HTTP_PORT="$GW_T" QUARKUS_MANAGEMENT_PORT="$GW_T_M" PALISADE_GATEWAY_UPSTREAM_USER_URL="http://127.0.0.1:$USER_T" \
    "${tracing_env[@]}"); pids+=("$gw_t_pid")
[ "$WARMUP" -gt 0 ] && wrk_run "$WARMUP" "http://127.0.0.1:$GW_T$me" "${auth_header[@]}"

# 3e. Spring Cloud Gateway (bench/peers) to the same user-service: every token verified against auth-service's
#     JWKS, a Redis rate limiter keyed by client IP, a CORS allow-list, Reactor Netty's access log on; the
#     same JVM options. Ready once it passes a request through.
env PEER_PORT="$SCG" PEER_JWKS_URL="http://127.0.0.1:$AUTH/.well-known/jwks.json" PEER_UPSTREAM="http://127.0.0.1:$USER" \
    java @"$root/scripts/jvm.options" -Dreactor.netty.http.server.accessLogEnabled=true -jar "$scg_jar" \
    >"$work/spring-cloud-gateway.log" 2>&1 &
scg_pid=$!; pids+=("$scg_pid")
until [ "$(curl -s -o /dev/null -w '%{http_code}' "${auth_header[@]}" "http://127.0.0.1:$SCG$me")" = 200 ]; do
    kill -0 "$scg_pid" 2>/dev/null || { echo "Spring Cloud Gateway exited; see $work/spring-cloud-gateway.log" >&2; exit 1; }
    sleep 0.2
done
[ "$WARMUP" -gt 0 ] && wrk_run "$WARMUP" "http://127.0.0.1:$SCG$me" "${auth_header[@]}"

# 4. nginx from Debian proxying to user-service: the reference for what a hop costs.
mkdir -p "$work/nginx"
cat >"$work/nginx/nginx.conf" <<NGINX
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $work/nginx/body; proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi; uwsgi_temp_path $work/nginx/uwsgi; scgi_temp_path $work/nginx/scgi;
    upstream user { server 127.0.0.1:$USER; keepalive 64; }
    server {
        listen 127.0.0.1:$NGINX;
        location / { proxy_pass http://user; proxy_http_version 1.1; proxy_set_header Connection ""; }
    }
}
NGINX
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' &
nginx_pid=$!; pids+=("$nginx_pid")
until curl -s -o /dev/null "http://127.0.0.1:$NGINX/q/"; do sleep 0.1; done
# nginx's workers are separate processes: its CPU is summed over the master and each worker.
cpu_ticks() {
    if [ "$1" = nginx ]; then
        local t=0 p
        for p in "$nginx_pid" $(pgrep -P "$nginx_pid"); do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done
        echo "$t"
    else
        awk '{print $14 + $15}' "/proc/$1/stat"
    fi
}
wrk_run 10 "http://127.0.0.1:$NGINX$me" "${auth_header[@]}"

# 5. The rounds. Per scenario: its URL, the hop whose CPU is read (- for none) and its label in the table.
# The upstream's CPU is read from user-service, or from the example for the configured route.
scenarios=(direct gateway nginx scg unlimited orders-direct orders traced)
declare -A url=([traced]="http://127.0.0.1:$GW_T$me" [direct]="http://127.0.0.1:$USER$me" [gateway]="http://127.0.0.1:$GW$me"
                [nginx]="http://127.0.0.1:$NGINX$me" [scg]="http://127.0.0.1:$SCG$me" [unlimited]="http://127.0.0.1:$GW_OFF$me"
                [orders-direct]="http://127.0.0.1:$ORDERS$orders" [orders]="http://127.0.0.1:$GW$orders")
declare -A hop=([traced]="$gw_t_pid" [direct]=- [gateway]="$gw_pid" [nginx]=nginx [scg]="$scg_pid" [unlimited]="$gw_off_pid" [orders-direct]=- [orders]="$gw_pid")
declare -A upstream=([traced]="$user_t_pid" [direct]="$user_pid" [gateway]="$user_pid" [nginx]="$user_pid" [scg]="$user_pid"
                     [unlimited]="$user_pid" [orders-direct]="$orders_pid" [orders]="$orders_pid")
declare -A label=([direct]="GET $me straight to user-service" [gateway]="GET $me through the gateway (rate limiting on)"
                  [nginx]="GET $me through nginx (reference hop)"
                  [scg]="GET $me through Spring Cloud Gateway 5.0.4 (JWT, Redis rate limit, CORS, access log)"
                  [unlimited]="GET $me through the gateway (rate limiting off)"
                  [orders-direct]="GET $orders straight to examples/quarkus-orders"
                  [orders]="GET $orders through the gateway's configured route (its own policy)"
                  [traced]="GET $me through a gateway to a user-service, both tracing (OTLP, sampling 0.1)")
if [ -n "$BASELINE_GATEWAY" ]; then
    scenarios+=(baseline); url[baseline]="http://127.0.0.1:$GW_BASE$me"; hop[baseline]="$gw_base_pid"
    upstream[baseline]="$user_pid"; label[baseline]="GET $me through the baseline gateway build (rate limiting on)"
fi
declare -A all_rps all_p50 all_p99 all_hop all_up all_redis errors round_rps
per_1k() { awk -v t="$1" -v hz="$ticks" -v n="$2" 'BEGIN { printf "%.3f", t / hz / n * 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
gateway_ratios=() nginx_ratios=() cpu_ratios=() orders_ratios=() baseline_cpu_ratios=() scg_ratios=() nginx_cpu_ratios=()
traced_rps_ratios=() traced_hop_ratios=() traced_up_ratios=()
declare -A round_up
declare -A round_hop
for _ in $(seq "$RUNS"); do
    fresh_token
    for s in "${scenarios[@]}"; do
        hop_before=0; [ "${hop[$s]}" != - ] && hop_before=$(cpu_ticks "${hop[$s]}")
        up_before=$(cpu_ticks "${upstream[$s]}"); redis_before=$(redis_calls)
        wrk_run "$RUN_SECONDS" "${url[$s]}" "${auth_header[@]}"
        all_rps[$s]+=" $rps"; all_p50[$s]+=" $p50"; all_p99[$s]+=" $p99"; errors[$s]=$(( ${errors[$s]:-0} + non2xx ))
        up_cpu=$(per_1k $(( $(cpu_ticks "${upstream[$s]}") - up_before )) "$requests"); all_up[$s]+=" $up_cpu"
        round_rps[$s]=$rps; round_up[$s]=$up_cpu
        all_redis[$s]+=" $(awk -v c=$(( $(redis_calls) - redis_before )) -v n="$requests" 'BEGIN { printf "%.3f", c / n }')"
        if [ "${hop[$s]}" != - ]; then
            hop_cpu=$(per_1k $(( $(cpu_ticks "${hop[$s]}") - hop_before )) "$requests"); all_hop[$s]+=" $hop_cpu"
            round_hop[$s]=$hop_cpu
            [ "$s" = gateway ] && cpu_ratios+=("$(ratio "$hop_cpu" "$up_cpu")")
        fi
    done
    gateway_ratios+=("$(ratio "${round_rps[gateway]}" "${round_rps[direct]}")")
    nginx_ratios+=("$(ratio "${round_rps[nginx]}" "${round_rps[direct]}")")
    scg_ratios+=("$(ratio "${round_rps[gateway]}" "${round_rps[scg]}")")
    nginx_cpu_ratios+=("$(ratio "${round_hop[gateway]}" "${round_hop[nginx]}")")
    orders_ratios+=("$(ratio "${round_rps[orders]}" "${round_rps[orders-direct]}")")
    traced_rps_ratios+=("$(ratio "${round_rps[traced]}" "${round_rps[gateway]}")")
    traced_hop_ratios+=("$(ratio "${round_hop[traced]}" "${round_hop[gateway]}")")
    traced_up_ratios+=("$(ratio "${round_up[traced]}" "${round_up[gateway]}")")
    [ -z "$BASELINE_GATEWAY" ] || baseline_cpu_ratios+=("$(ratio "${round_hop[gateway]}" "${round_hop[baseline]}")")
done
rows=()
for s in "${scenarios[@]}"; do
    hop_median=-; [ "${hop[$s]}" != - ] && hop_median=$(median ${all_hop[$s]})
    rows+=("$(printf '| %s | %s | %s | %s | %s | %s | %s | %s |' "${label[$s]}" "$(median ${all_rps[$s]})" \
        "$(median ${all_p50[$s]})" "$(median ${all_p99[$s]})" "${errors[$s]}" "$hop_median" "$(median ${all_up[$s]})" \
        "$(median ${all_redis[$s]})")")
done
gateway_rps=$(median ${all_rps[gateway]}); gateway_cpu=$(median ${all_hop[gateway]}); gateway_user_cpu=$(median ${all_up[gateway]})
nginx_cpu=$(median ${all_hop[nginx]})

# 6. The revocation bound under load: while wrk loads the gateway, sessions are revoked at auth-service and
#    each one's token is tried at the gateway every 5 ms until it is refused.
fresh_token
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$((RUN_SECONDS + 10))s" "${auth_header[@]}" "http://127.0.0.1:$GW$me" >/dev/null &
load=$!
sleep 2
revocations=()
for _ in 1 2 3 4 5; do
    victim=$(login)
    sid=$(python3 -c 'import base64,json,sys; p=sys.argv[1].split(".")[1]; print(json.loads(base64.urlsafe_b64decode(p + "=" * (-len(p) % 4)))["sid"])' "$victim")
    [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $victim" "http://127.0.0.1:$GW$me")" = 200 ]
    started=$(date +%s%N)
    curl -fs -o /dev/null -X DELETE -H "Authorization: Bearer $victim" "http://127.0.0.1:$AUTH/api/auth/sessions/$sid"
    until [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $victim" "http://127.0.0.1:$GW$me")" = 401 ]; do
        [ $(( ($(date +%s%N) - started) / 1000000 )) -lt 10000 ] || { echo "a revoked session was still accepted after 10 s" >&2; exit 1; }
        sleep 0.005
    done
    revocations+=("$(( ($(date +%s%N) - started) / 1000000 ))")
done
wait "$load" || true
gw_rss=$(rss_mb "$gw_pid")

# 7. Logins: Argon2id on this machine's cores, and whether probes stay fast while they saturate the pool.
login_lua="$work/login.lua"
cat >"$login_lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"email":"$email","password":"$password"}'
LUA
wrk_run "$RUN_SECONDS" "http://127.0.0.1:$AUTH/api/auth/login" -s "$login_lua"
rows+=("| POST /api/auth/login straight to auth-service (one run; fast 503s once the hashing pool is full) | $rps | $p50 | $p99 | $non2xx | - | - | - |")
wrk -t1 -c"$CONNECTIONS" -d"${RUN_SECONDS}s" -s "$login_lua" "http://127.0.0.1:$AUTH/api/auth/login" >/dev/null &
flood=$!
sleep 2
CONNECTIONS=4 wrk_run $((RUN_SECONDS - 4)) "http://127.0.0.1:$AUTH_M/q/health/ready"
rows+=("| GET /q/health/ready on auth-service during that login flood (one run) | $rps | $p50 | $p99 | $non2xx | - | - | - |")
wait "$flood" || true

# --- The table --------------------------------------------------------------------------------------------------
verdict() { awk -v ok="$1" 'BEGIN { print (ok ? "met" : "NOT met") }'; }
cold_first10=$(awk -v a="${cold[0]}" -v b="${cold[1]}" 'BEGIN { printf "%.0f", (a + b) / 2 }')
revocation_median=$(median "${revocations[@]}")
gateway_ratio=$(median "${gateway_ratios[@]}"); cpu_ratio=$(median "${cpu_ratios[@]}")
revocation_worst=$(printf '%s\n' "${revocations[@]}" | sort -g | tail -1)
{
    printf '# bench/run.sh, %s\n\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
    printf 'Machine: %s, %s cores, %s. JVM mode with scripts/jvm.options; wrk -t%s -c%s; every process warmed\n' \
        "$(uname -m)" "$(nproc)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" "$THREADS" "$CONNECTIONS"
    printf '(%s s, the gateway by its cold curve), then %s rounds in which the %s scenarios take turns, %s s each;\n' \
        "$WARMUP" "$RUNS" "${#scenarios[@]}" "$RUN_SECONDS"
    printf 'medians over the rounds, ratios taken within a round. CPU: seconds of CPU per 1,000 requests, from /proc.\n\n'
    printf '| scenario | req/s | p50 ms | p99 ms | non-2xx | CPU s/1k req: the hop | CPU s/1k req: the upstream | Redis scripts/req |\n'
    printf '|---|---|---|---|---|---|---|---|\n'
    printf '%s\n' "${rows[@]}"
    printf '\nThe gateway from a cold start, req/s in each 5 s after ready: %s\n' "${cold[*]}"
    printf '\nRevocation under load (5 sessions, gateway loaded): until refused at the gateway, median %s ms, worst %s ms\n' \
        "$revocation_median" "$revocation_worst"
    printf '\n| service | launch to ready (ms) | resident after the run (MiB) |\n|---|---|---|\n'
    printf '| auth-service | %s | %s |\n| user-service | %s | %s |\n| gateway-service | %s | %s |\n' \
        "$auth_ms" "$(rss_mb "$auth_pid")" "$user_ms" "$(rss_mb "$user_pid")" "$gw_ms" "$gw_rss"
    nginx_cpu_ratio=$(median "${nginx_cpu_ratios[@]}"); scg_ratio=$(median "${scg_ratios[@]}")
    gateway_redis=$(median ${all_redis[gateway]})
    printf '\n| target (issue #31) | measured | |\n|---|---|---|\n'
    printf '| the gateway'"'"'s CPU per request <= 3 x nginx'"'"'s as the hop (per round) | %s vs %s s/1k (%s x) | %s |\n' \
        "$gateway_cpu" "$nginx_cpu" "$nginx_cpu_ratio" "$(verdict "$(awk -v r="$nginx_cpu_ratio" 'BEGIN { print r <= 3 }')")"
    printf '| through the gateway >= 0.6 x straight, rate limiting on (per round) | %s x | %s |\n' "$gateway_ratio" \
        "$(verdict "$(awk -v r="$gateway_ratio" 'BEGIN { print r >= 0.6 }')")"
    printf '| <= 0.1 Redis round trips per request on api (leased as the chart sets it) | %s | %s |\n' "$gateway_redis" \
        "$(verdict "$(awk -v r="$gateway_redis" 'BEGIN { print r <= 0.1 }')")"
    printf '| through the gateway >= 4 x Spring Cloud Gateway (per round) | %s x | %s |\n' "$scg_ratio" \
        "$(verdict "$(awk -v r="$scg_ratio" 'BEGIN { print r >= 4 }')")"
    printf '| the gateway CPU/request against user-service'"'"'s (per round) | %s vs %s s/1k (%s) | |\n' "$gateway_cpu" \
        "$gateway_user_cpu" "$cpu_ratio"
    printf '| first 10 s after ready >= half of steady | %s vs %s req/s | %s |\n' "$cold_first10" "$gateway_rps" \
        "$(verdict "$(awk -v c="$cold_first10" -v s="$gateway_rps" 'BEGIN { print c >= 0.5 * s }')")"
    printf '| resident <= 300 MiB per service (auth-service after its login flood) | %s / %s / %s MiB | %s |\n' "$(rss_mb "$auth_pid")" "$(rss_mb "$user_pid")" "$gw_rss" \
        "$(verdict "$(awk -v a="$(rss_mb "$auth_pid")" -v u="$(rss_mb "$user_pid")" -v g="$gw_rss" 'BEGIN { print a <= 300 && u <= 300 && g <= 300 }')")"
    printf '| revocation refused within 2 s under load | worst %s ms | %s |\n' "$revocation_worst" \
        "$(verdict "$(awk -v w="$revocation_worst" 'BEGIN { print w <= 2000 }')")"
    printf '| reference: nginx as the hop (per round) | %s x straight, %s s/1k req of its own CPU | |\n' "$(median "${nginx_ratios[@]}")" "$nginx_cpu"
    printf '| a configured route to a team'"'"'s own service (per round) | %s x straight | |\n' "$(median "${orders_ratios[@]}")"
    traced_hop=$(median "${traced_hop_ratios[@]}"); traced_up=$(median "${traced_up_ratios[@]}")
    printf '| tracing at sampling 0.1 costs <= 5%% CPU per request (per round, against the untraced pair) | gateway %s x, user-service %s x, req/s %s x | %s |\n' \
        "$traced_hop" "$traced_up" "$(median "${traced_rps_ratios[@]}")" \
        "$(verdict "$(awk -v g="$traced_hop" -v u="$traced_up" 'BEGIN { print g <= 1.05 && u <= 1.05 }')")"
    [ -z "$BASELINE_GATEWAY" ] || printf '| the gateway'"'"'s CPU on Palisade'"'"'s own route against the baseline build (per round) | %s x | |\n' \
        "$(median "${baseline_cpu_ratios[@]}")"
} | tee "$report"
echo "written to $report"
