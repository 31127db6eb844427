#!/usr/bin/env bash
# Benchmarks the packaged suite on loopback and prints a table (see bench/README.md). Not run in CI.
# Every load is bounded in time (DURATION, default 15 s) and targets 127.0.0.1 only.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work="$root/target/bench"
mkdir -p "$work"
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
for svc in auth-service user-service gateway-service; do
    [ -f "$root/$svc/target/quarkus-app/quarkus-run.jar" ] || (cd "$root" && ./mvnw -B -q -DskipTests package)
done
bash "$root/scripts/ensure-backing-services.sh" >/dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
AUTH=$(free_port); AUTH_M=$(free_port); USER=$(free_port); USER_M=$(free_port); GW=$(free_port); GW_M=$(free_port)

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/signing-key.pem" 2>/dev/null
pids=()
cleanup() { trap '' INT TERM; kill -TERM "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

common_env=(PALISADE_JWT_JWKS_URL="http://127.0.0.1:$AUTH/.well-known/jwks.json" QUARKUS_REDIS_HOSTS=redis://127.0.0.1:6379/5
            QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_MANAGEMENT_HOST=127.0.0.1)
db_env() { echo "QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/$1 QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$1 QUARKUS_DATASOURCE_USERNAME=postgres"; }

# Starts a service and prints "<ms to ready> <pid>".
launch() { # name mgmt-port env...
    local name=$1 mport=$2; shift 2
    local started; started=$(date +%s%N)
    env "${common_env[@]}" "$@" java @"$root/scripts/jvm.options" -jar "$root/$name/target/quarkus-app/quarkus-run.jar" >"$work/$name.log" 2>&1 &
    local pid=$!
    until curl -fs -o /dev/null "http://127.0.0.1:$mport/q/health/ready"; do
        kill -0 "$pid" 2>/dev/null || { echo "$name exited; see $work/$name.log" >&2; exit 1; }
        sleep 0.1
    done
    echo "$(( ($(date +%s%N) - started) / 1000000 )) $pid"
}
rss_mb() { echo $(( $(awk '/VmRSS/ {print $2}' "/proc/$1/status") / 1024 )); }

read -r user_ms user_pid < <(launch user-service "$USER_M" QUARKUS_HTTP_PORT="$USER" QUARKUS_MANAGEMENT_PORT="$USER_M" \
    $(db_env palisade_users) QUARKUS_REST_CLIENT_AUTH_SERVICE_URL="http://127.0.0.1:$AUTH"); pids+=("$user_pid")
read -r auth_ms auth_pid < <(launch auth-service "$AUTH_M" QUARKUS_HTTP_PORT="$AUTH" QUARKUS_MANAGEMENT_PORT="$AUTH_M" \
    $(db_env palisade_auth) PALISADE_AUTH_SIGNING_KEY_PRIVATE_KEY_FILE="$work/signing-key.pem" \
    PALISADE_AUTH_CSRF_SECRET="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
    PALISADE_AUTH_MFA_ENCRYPTION_KEY="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
    QUARKUS_REST_CLIENT_USER_SERVICE_URL="http://127.0.0.1:$USER" PALISADE_AUTH_LOGIN_THROTTLE_MAX_FAILURES=1000000); pids+=("$auth_pid")
gateway_env=(QUARKUS_HTTP_PORT="$GW" QUARKUS_MANAGEMENT_PORT="$GW_M"
             PALISADE_GATEWAY_UPSTREAM_AUTH_URL="http://127.0.0.1:$AUTH" PALISADE_GATEWAY_UPSTREAM_USER_URL="http://127.0.0.1:$USER"
             PALISADE_GATEWAY_RATE_LIMIT_API_LIMIT=1000000 PALISADE_GATEWAY_RATE_LIMIT_LOGIN_LIMIT=1000000
             PALISADE_GATEWAY_RATE_LIMIT_REGISTER_LIMIT=1000000 PALISADE_GATEWAY_RATE_LIMIT_AUTH_LIMIT=1000000)
read -r gw_ms gw_pid < <(launch gateway-service "$GW_M" "${gateway_env[@]}"); pids+=("$gw_pid")

email="bench-$(date +%s%N)@palisade.test"; password="Benchmark-Quay-$(date +%N)!x"
curl -fs -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$password\",\"displayName\":\"Bench\"}" "http://127.0.0.1:$GW/api/auth/register"
token=$(curl -fs -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"$password\"}" \
    "http://127.0.0.1:$GW/api/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')

# The same user's token as auth-service would mint it but without a sid, signed with the suite's own key: the
# gateway then skips the revocation check in its rate-limit script, which is what the sid check costs.
kid=$(curl -fs "http://127.0.0.1:$AUTH/.well-known/jwks.json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["keys"][0]["kid"])')
token_without_sid=$(python3 - "$work/signing-key.pem" "$kid" "$token" <<'PY'
import base64, json, subprocess, sys, time, uuid
key, kid, token = sys.argv[1:4]
def b64(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
claims = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))
now = int(time.time())
head = b64(json.dumps({"alg": "RS256", "typ": "at+jwt", "kid": kid}).encode())
body = b64(json.dumps({"iss": claims["iss"], "aud": claims["aud"], "sub": claims["sub"], "groups": claims["groups"],
                       "iat": now, "exp": now + 900, "jti": str(uuid.uuid4())}).encode())
signature = subprocess.run(["openssl", "dgst", "-sha256", "-sign", key], input=f"{head}.{body}".encode(),
                           capture_output=True, check=True).stdout
print(f"{head}.{body}.{b64(signature)}")
PY
)

# wrk prints latency percentiles with --latency; this pulls requests/s, p50 and p99.
measure() { # label url [wrk args...]
    local label=$1 url=$2; shift 2
    local out; out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" "$url")
    local rps p50 p99 errors
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    errors=$(awk '/Non-2xx or 3xx responses/ {print $5}' <<<"$out")
    printf '| %-58s | %10s | %9s | %9s | %8s |\n' "$label" "$rps" "$p50" "$p99" "${errors:-0}"
}
login_lua="$work/login.lua"
cat >"$login_lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"email":"$email","password":"$password"}'
LUA

printf '\nmachine: %s, %s cores, %s\n' "$(uname -m)" "$(nproc)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
printf '| %-58s | %10s | %9s | %9s | %8s |\n' scenario "req/s" p50 p99 "non-2xx"
printf '|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..60})" "$(printf -- '-%.0s' {1..12})" "$(printf -- '-%.0s' {1..11})" "$(printf -- '-%.0s' {1..11})" "$(printf -- '-%.0s' {1..10})"
measure "GET /api/users/me direct to user-service" "http://127.0.0.1:$USER/api/users/me" -H "Authorization: Bearer $token"
measure "GET /api/users/me through the gateway (rate limiting on)" "http://127.0.0.1:$GW/api/users/me" -H "Authorization: Bearer $token"
# The sid check, before and after, alternated so that neither side gets all of the warm-up.
for round in 1 2; do
    measure "  same, token without sid (no revocation check), round $round" "http://127.0.0.1:$GW/api/users/me" \
        -H "Authorization: Bearer $token_without_sid"
    measure "  same, token with sid (revocation checked), round $round" "http://127.0.0.1:$GW/api/users/me" \
        -H "Authorization: Bearer $token"
done

kill -TERM "$gw_pid"; wait "$gw_pid" 2>/dev/null || true
read -r _ gw_pid < <(launch gateway-service "$GW_M" "${gateway_env[@]}" PALISADE_GATEWAY_RATE_LIMIT_ENABLED=false); pids+=("$gw_pid")
measure "GET /api/users/me through the gateway (rate limiting off)" "http://127.0.0.1:$GW/api/users/me" -H "Authorization: Bearer $token"

measure "POST /api/auth/login direct to auth-service" "http://127.0.0.1:$AUTH/api/auth/login" -s "$login_lua"
wrk -t1 -c"$CONNECTIONS" -d"$DURATION" -s "$login_lua" "http://127.0.0.1:$AUTH/api/auth/login" >/dev/null &
flood=$!
sleep 2
measure "GET /q/health/ready on auth-service during a login flood" "http://127.0.0.1:$AUTH_M/q/health/ready" -c4 -t1
wait "$flood" || true

printf '\n| service | start-up to ready (ms) | RSS after the run (MiB) |\n|---|---|---|\n'
printf '| auth-service | %s | %s |\n| user-service | %s | %s |\n| gateway-service | %s | %s |\n' \
    "$auth_ms" "$(rss_mb "$auth_pid")" "$user_ms" "$(rss_mb "$user_pid")" "$gw_ms" "$(rss_mb "$gw_pid")"
