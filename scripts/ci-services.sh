#!/usr/bin/env bash
# Installs (from Debian's packages) and starts what the test suites need beyond
# npm: PostgreSQL for the multi-instance tests, Redis for the shared rate limits
# on Redis, Chromium for the admin UI tests.
# Prints the environment the tests read on its last line's file.
set -euo pipefail

need=()
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
# The admin panel's Simplified Chinese pages need a CJK font in the browser tests' screenshots.
[ -d /usr/share/fonts/truetype/wqy ] || need+=(fonts-wqy-zenhei)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

version=$(ls /usr/lib/postgresql | sort -n | tail -1)
pg_ctlcluster "$version" main start 2>/dev/null || pg_ctlcluster "$version" main status >/dev/null
for _ in $(seq 1 30); do
  su postgres -c "psql -qtAc 'select 1'" >/dev/null 2>&1 && break
  sleep 1
done
# A login with the right to create one database per test file.
su postgres -c "psql -qtAc \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'quanzi') THEN CREATE ROLE quanzi LOGIN PASSWORD 'quanzi' CREATEDB; END IF; END \\\$\\\$;\""
echo "PostgreSQL $version ready on 127.0.0.1:5432 (role quanzi)"

# Loopback only, nothing written to disk: the tests' buckets are throwaway.
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  redis-server --bind 127.0.0.1 --port 6379 --save '' --appendonly no --daemonize yes --logfile /tmp/quanzi-test-redis.log
  for _ in $(seq 1 30); do
    redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break
    sleep 0.2
  done
fi
echo "Redis $(redis-server --version | sed -n 's/.*v=\([0-9.]*\).*/\1/p') ready on 127.0.0.1:6379"
