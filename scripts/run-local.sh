#!/usr/bin/env bash
# Runs the whole Palisade suite on this machine, as Kubernetes runs it: the packaged services, prod profile.
# See README.md "Run the suite" and API.md "Running locally". Stops everything it started on Ctrl-C/SIGTERM.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
run_dir="$root/target/local-run"
mkdir -p "$run_dir"

export PGHOST=${PGHOST:-localhost}
export PGPORT=${PGPORT:-5432}
export PGUSER=${PGUSER:-postgres}
QUARKUS_REDIS_HOSTS=${QUARKUS_REDIS_HOSTS:-redis://localhost:6379}

say() { printf '[run-local] %s\n' "$*"; }
die() { printf '[run-local] ERROR: %s\n' "$*" >&2; exit 1; }

pids=()
private_pg=""
private_redis_port=""

stop_all() {
    # A second signal during clean-up must not leave a private server behind.
    trap '' INT TERM
    trap - EXIT
    if [ ${#pids[@]} -gt 0 ]; then
        say "stopping services"
        kill -TERM "${pids[@]}" 2>/dev/null || true
        wait "${pids[@]}" 2>/dev/null || true
    fi
    if [ -n "$private_redis_port" ]; then
        redis-cli -p "$private_redis_port" shutdown nosave >/dev/null 2>&1 || true
        say "stopped private Redis"
    fi
    if [ -n "$private_pg" ]; then
        as_pg_owner "$private_pg/pg_ctl" -D "$run_dir/pgdata" -m fast -w stop >/dev/null 2>&1 || true
        say "stopped private PostgreSQL"
    fi
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap stop_all EXIT

as_pg_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bin_dir() {
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -n "$found" ] && [ -x "$found/initdb" ]; then echo "$found"; return; fi
    if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then dirname "$(command -v initdb)"; return; fi
    return 1
}

# --- PostgreSQL -------------------------------------------------------------------------------------------
if ! pg_isready -q -h "$PGHOST" -p "$PGPORT" 2>/dev/null; then
    bin=$(pg_bin_dir) || die "nothing answers at PostgreSQL $PGHOST:$PGPORT and initdb/pg_ctl are missing: install the 'postgresql' package"
    say "nothing answers at $PGHOST:$PGPORT: starting a private PostgreSQL under $run_dir/pgdata"
    if [ ! -s "$run_dir/pgdata/PG_VERSION" ]; then
        mkdir -p "$run_dir/pgdata"
        # PostgreSQL refuses to run as root: as root, the throwaway cluster belongs to the postgres user.
        [ "$(id -u)" = 0 ] && chown postgres "$run_dir/pgdata"
        as_pg_owner "$bin/initdb" -D "$run_dir/pgdata" -U "$PGUSER" -A trust >"$run_dir/initdb.log" 2>&1 \
            || die "initdb failed, see $run_dir/initdb.log"
    fi
    touch "$run_dir/postgresql.log"
    [ "$(id -u)" = 0 ] && chown postgres "$run_dir/postgresql.log"
    as_pg_owner "$bin/pg_ctl" -D "$run_dir/pgdata" -l "$run_dir/postgresql.log" -w \
        -o "-h $PGHOST -p $PGPORT -k /tmp" start >/dev/null || die "PostgreSQL did not start, see $run_dir/postgresql.log"
    private_pg=$bin
fi
for db in palisade_auth palisade_users; do
    if [ "$(psql -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$db'")" != "1" ]; then
        psql -d postgres -qc "CREATE DATABASE $db" || die "could not create database $db"
        say "created database $db"
    fi
done

# --- Redis ------------------------------------------------------------------------------------------------
redis_hostport=${QUARKUS_REDIS_HOSTS#*://}
redis_hostport=${redis_hostport##*@}
redis_hostport=${redis_hostport%%/*}
redis_host=${redis_hostport%%:*}
redis_port=${redis_hostport##*:}
[ "$redis_port" = "$redis_hostport" ] && redis_port=6379
if ! redis-cli -h "$redis_host" -p "$redis_port" ping 2>/dev/null | grep -q PONG; then
    command -v redis-server >/dev/null || die "nothing answers at Redis $redis_host:$redis_port and redis-server is missing: install the 'redis-server' package"
    say "nothing answers at $redis_host:$redis_port: starting a private Redis"
    redis-server --daemonize yes --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no \
        --dir "$run_dir" --logfile "$run_dir/redis.log" || die "Redis did not start, see $run_dir/redis.log"
    private_redis_port=$redis_port
fi

# --- Build what is missing ----------------------------------------------------------------------------------
# The build makes the browser client the demo frontend imports; its tools come from its lockfile.
if [ ! -d "$root/clients/browser/node_modules" ]; then
    command -v npm >/dev/null || die "install 'npm': the build makes the browser client (clients/browser) with it"
    npm ci --prefix "$root/clients/browser" --no-audit --no-fund --loglevel=error >/dev/null \
        || die "npm could not install the browser client's build tools (clients/browser)"
fi
for svc in auth-service user-service gateway-service; do
    if [ ! -f "$root/$svc/target/quarkus-app/quarkus-run.jar" ] || [ ! -f "$root/clients/browser/dist/index.js" ]; then
        say "building the services (first run)"
        (cd "$root" && ./mvnw -B -q -DskipTests package) || die "the build failed"
        break
    fi
done

# --- Local conveniences: a throwaway signing key, CSRF secret and TOTP key, and the demo frontend's origin ---
if [ -z "${PALISADE_AUTH_SIGNING_KEY_PRIVATE_KEY_FILE:-}" ]; then
    key="$run_dir/signing-key.pem"
    if [ ! -s "$key" ]; then
        openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$key" 2>/dev/null \
            || die "openssl could not generate a throwaway signing key: install the 'openssl' package or set PALISADE_AUTH_SIGNING_KEY_PRIVATE_KEY_FILE"
        chmod 600 "$key"
        say "generated a throwaway signing key: $key"
    fi
    export PALISADE_AUTH_SIGNING_KEY_PRIVATE_KEY_FILE=$key
fi
if [ -z "${PALISADE_AUTH_MFA_ENCRYPTION_KEY:-}" ]; then
    key_file="$run_dir/mfa-encryption-key"
    [ -s "$key_file" ] || { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$key_file"; chmod 600 "$key_file"; }
    PALISADE_AUTH_MFA_ENCRYPTION_KEY=$(cat "$key_file")
    export PALISADE_AUTH_MFA_ENCRYPTION_KEY
fi
if [ -z "${PALISADE_AUTH_CSRF_SECRET:-}" ]; then
    secret_file="$run_dir/csrf-secret"
    [ -s "$secret_file" ] || { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$secret_file"; chmod 600 "$secret_file"; }
    PALISADE_AUTH_CSRF_SECRET=$(cat "$secret_file")
    export PALISADE_AUTH_CSRF_SECRET
fi
export PALISADE_GATEWAY_CORS_ALLOWED_ORIGINS=${PALISADE_GATEWAY_CORS_ALLOWED_ORIGINS:-http://localhost:5173}
# auth-service and user-service log the client address the local gateway forwards, and only its.
export PALISADE_HTTP_TRUSTED_PROXIES=${PALISADE_HTTP_TRUSTED_PROXIES:-127.0.0.1/32,::1/128}
export QUARKUS_REDIS_HOSTS

# --- Mail and the demo frontend -------------------------------------------------------------------------------
# Without an SMTP server of your own (QUARKUS_MAILER_HOST), mail goes to a local catcher with a web inbox
# (maildev from npm, on loopback); the demo frontend, which mailed links open, is served on port 5173.
inbox=""
if [ -z "${QUARKUS_MAILER_HOST:-}" ]; then
    command -v npm >/dev/null || die "set QUARKUS_MAILER_HOST to an SMTP server, or install 'npm' for the local mail catcher"
    npm ci --prefix "$root/scripts/mail-catcher" --no-audit --no-fund --loglevel=error >/dev/null \
        || die "npm could not install the mail catcher (scripts/mail-catcher)"
    "$root/scripts/mail-catcher/node_modules/.bin/maildev" --smtp 1025 --web 1080 --ip 127.0.0.1 --web-ip 127.0.0.1 \
        >"$run_dir/maildev.log" 2>&1 &
    pids+=($!)
    export QUARKUS_MAILER_HOST=127.0.0.1 QUARKUS_MAILER_PORT=1025 QUARKUS_MAILER_START_TLS=DISABLED
    inbox="http://localhost:1080"
fi
if command -v node >/dev/null; then
    node "$root/e2e/frontend/serve.mjs" 5173 >"$run_dir/frontend.log" 2>&1 &
    pids+=($!)
fi
export PALISADE_AUTH_PUBLIC_URL=${PALISADE_AUTH_PUBLIC_URL:-http://localhost:5173}

# --- Start the services --------------------------------------------------------------------------------------
start() { # name, database (or -)
    local name=$1 db=$2
    local env=()
    if [ "$db" != "-" ]; then
        env+=("QUARKUS_DATASOURCE_REACTIVE_URL=${QUARKUS_DATASOURCE_REACTIVE_URL:-postgresql://$PGHOST:$PGPORT/$db}"
              "QUARKUS_DATASOURCE_JDBC_URL=${QUARKUS_DATASOURCE_JDBC_URL:-jdbc:postgresql://$PGHOST:$PGPORT/$db}"
              "QUARKUS_DATASOURCE_USERNAME=${QUARKUS_DATASOURCE_USERNAME:-$PGUSER}")
        if [ -n "${PGPASSWORD:-}" ]; then env+=("QUARKUS_DATASOURCE_PASSWORD=${QUARKUS_DATASOURCE_PASSWORD:-$PGPASSWORD}"); fi
    fi
    env "${env[@]}" java ${JAVA_OPTS:-@$root/scripts/jvm.options} -jar "$root/$name/target/quarkus-app/quarkus-run.jar" \
        >"$run_dir/$name.log" 2>&1 &
    pids+=($!)
    say "started $name (pid $!, log $run_dir/$name.log)"
}
start auth-service palisade_auth
start user-service palisade_users
start gateway-service -

ready() { curl -fsS -o /dev/null "http://localhost:$1/q/health/ready" 2>/dev/null; }
for _ in $(seq 1 120); do
    if ready 9001 && ready 9002 && ready 9000; then
        say "ready:"
        say "  gateway (public)      http://localhost:8080   management http://localhost:9000/q/health"
        say "  auth-service          http://localhost:8081   management http://localhost:9001/q/health"
        say "  user-service          http://localhost:8082   management http://localhost:9002/q/health"
        say "  demo frontend         http://localhost:5173"
        [ -z "$inbox" ] || say "  mail inbox            $inbox   (every mail the suite sends lands here)"
        say "Ctrl-C stops everything."
        wait -n "${pids[@]}" || true
        say "a service exited; see the logs under $run_dir"
        exit 1
    fi
    for pid in "${pids[@]}"; do
        kill -0 "$pid" 2>/dev/null || die "a service exited during start-up; see the logs under $run_dir"
    done
    sleep 1
done
die "the services were not ready within 120 s; see the logs under $run_dir"
