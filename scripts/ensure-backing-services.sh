#!/usr/bin/env bash
# Makes sure the PostgreSQL and Redis that the tests use answer on loopback, starting the machine's own
# servers when they do not, and creates the databases the suite needs. Fails loudly when it cannot.
set -euo pipefail

PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
REDIS_PORT=${REDIS_PORT:-6379}
DATABASES=(palisade_auth palisade_users palisade_auth_test palisade_users_test palisade_auth_e2e palisade_users_e2e)

say() { printf '[backing-services] %s\n' "$*"; }
die() { printf '[backing-services] ERROR: %s\n' "$*" >&2; exit 1; }

wait_for() { # description, command...
    local what=$1; shift
    for _ in $(seq 1 60); do
        if "$@" >/dev/null 2>&1; then return 0; fi
        sleep 0.5
    done
    die "$what did not become ready within 30 s"
}

if ! pg_isready -q -h "$PGHOST" -p "$PGPORT"; then
    command -v pg_ctlcluster >/dev/null || die "PostgreSQL is not answering on $PGHOST:$PGPORT and pg_ctlcluster is missing (apt-get install postgresql)"
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    [ -n "$version" ] || die "no PostgreSQL cluster under /etc/postgresql"
    say "starting PostgreSQL $version"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || die "pg_ctlcluster could not start PostgreSQL $version"
    wait_for "PostgreSQL" pg_isready -q -h "$PGHOST" -p "$PGPORT"
fi
say "PostgreSQL answers on $PGHOST:$PGPORT"

if ! redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; then
    command -v redis-server >/dev/null || die "Redis is not answering on 127.0.0.1:$REDIS_PORT and redis-server is missing (apt-get install redis-server)"
    say "starting Redis"
    redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no \
        || die "redis-server could not start"
    wait_for "Redis" sh -c "redis-cli -h 127.0.0.1 -p $REDIS_PORT ping | grep -q PONG"
fi
say "Redis answers on 127.0.0.1:$REDIS_PORT"

for db in "${DATABASES[@]}"; do
    exists=$(psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$db'")
    if [ "$exists" != "1" ]; then
        psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -qc "CREATE DATABASE $db" || die "could not create database $db"
        say "created database $db"
    fi
done
