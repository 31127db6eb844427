# Sourced by the bench scripts: Palisade's packaged services started on free loopback ports, against the
# machine's PostgreSQL and Redis, with the pods' JVM options (scripts/jvm.options). The caller sets root, work
# and the array pids (what its cleanup stops).

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
db_env() { echo "QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/$1 QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$1 QUARKUS_DATASOURCE_USERNAME=postgres"; }
rss_mb() { echo $(( $(awk '/VmRSS/ {print $2}' "/proc/$1/status") / 1024 )); }

# Starts a service and prints "<ms from launch to ready> <pid>". JAR: another quarkus-run.jar than the service's
# own; LOG_AS: its log's name under $work; JAVA: another java; OPTIONS: JVM options beyond the pods'.
launch() { # name mgmt-port env...
    local name=$1 mport=$2; shift 2
    local started; started=$(date +%s%N)
    env "${common_env[@]}" "$@" "${JAVA:-java}" @"$root/scripts/jvm.options" ${OPTIONS:-} \
        -jar "${JAR:-$root/$name/target/quarkus-app/quarkus-run.jar}" >"$work/${LOG_AS:-$name}.log" 2>&1 &
    local pid=$!
    until curl -fs -o /dev/null "http://127.0.0.1:$mport/q/health/ready"; do
        kill -0 "$pid" 2>/dev/null || { echo "$name exited; see $work/${LOG_AS:-$name}.log" >&2; exit 1; }
        sleep 0.05
    done
    echo "$(( ($(date +%s%N) - started) / 1000000 )) $pid"
}

# Starts user-service, then auth-service (with a fresh signing key and the extra environment given), on free
# ports. Sets USER, USER_M, AUTH, AUTH_M, common_env (what every service is given: JWKS, Redis, loopback),
# user_ms, user_pid, auth_ms and auth_pid.
start_user_and_auth() { # auth-service env...
    AUTH=$(free_port); AUTH_M=$(free_port); USER=$(free_port); USER_M=$(free_port)
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/signing-key.pem" 2>/dev/null
    common_env=(PALISADE_JWT_JWKS_URL="http://127.0.0.1:$AUTH/.well-known/jwks.json" QUARKUS_REDIS_HOSTS=redis://127.0.0.1:6379/5
                QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_MANAGEMENT_HOST=127.0.0.1)
    read -r user_ms user_pid < <(launch user-service "$USER_M" QUARKUS_HTTP_PORT="$USER" QUARKUS_MANAGEMENT_PORT="$USER_M" \
        $(db_env palisade_users) QUARKUS_REST_CLIENT_AUTH_SERVICE_URL="http://127.0.0.1:$AUTH"); pids+=("$user_pid")
    read -r auth_ms auth_pid < <(launch auth-service "$AUTH_M" QUARKUS_HTTP_PORT="$AUTH" QUARKUS_MANAGEMENT_PORT="$AUTH_M" \
        $(db_env palisade_auth) PALISADE_AUTH_SIGNING_KEY_PRIVATE_KEY_FILE="$work/signing-key.pem" \
        PALISADE_AUTH_CSRF_SECRET="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
        PALISADE_AUTH_MFA_ENCRYPTION_KEY="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
        QUARKUS_REST_CLIENT_USER_SERVICE_URL="http://127.0.0.1:$USER" "$@"); pids+=("$auth_pid")
}
