#!/usr/bin/env bash
# Starts the local PostgreSQL and Redis that the "services" test profile talks to, installing them
# from Debian's packages when they are missing. Idempotent: does nothing for a server already up.
set -euo pipefail

say() { echo "[services] $*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }

apt_updated=
apt_install() {
  if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

wait_for() { # description, command...
  local what=$1; shift
  for _ in $(seq 1 60); do
    if "$@" >/dev/null 2>&1; then say "$what is up"; return 0; fi
    sleep 0.5
  done
  say "$what did not come up in 30 s"; return 1
}

postgres_up() { pg_isready -q -h 127.0.0.1 -p 5432; }
redis_up() { [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = PONG ]; }

# PostgreSQL on 127.0.0.1:5432, trust auth for local TCP, database "test".
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  say "installing PostgreSQL"; apt_install postgresql postgresql-client
fi
if ! postgres_up; then
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  if [ -z "$version" ]; then say "no PostgreSQL cluster found"; exit 1; fi
  hba=/etc/postgresql/$version/main/pg_hba.conf
  if ! grep -qE '^host\s+all\s+all\s+127\.0\.0\.1/32\s+trust' "$hba"; then
    say "allowing trust auth on 127.0.0.1 for tests"
    as_root sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
  fi
  say "starting PostgreSQL $version"
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  wait_for PostgreSQL postgres_up
fi
if [ "$(psql -h 127.0.0.1 -U postgres -tAc "select 1 from pg_database where datname='test'" 2>/dev/null)" != 1 ]; then
  say "creating database test"
  psql -h 127.0.0.1 -U postgres -c "create database test" >/dev/null
fi

# Redis on 127.0.0.1:6379, nothing kept on disk.
if ! command -v redis-server >/dev/null 2>&1; then
  say "installing Redis"; apt_install redis-server
fi
if ! redis_up; then
  say "starting Redis"
  as_root mkdir -p /var/lib/redis /var/log/redis
  as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  wait_for Redis redis_up
fi
