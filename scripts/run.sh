#!/usr/bin/env bash
# Installs ailit and serves the bundled courses with SQLite at http://127.0.0.1:5000/ through
# gunicorn (ailit serve), then waits until /readyz says the site is ready.
#   bash scripts/run.sh           the platform, empty of users
#   bash scripts/run.sh --demo    also loads the demo school (public passwords: local trials only)
# HOST and PORT in the environment change the address; other arguments go to `ailit serve`
# (--workers N, --dev for Flask's reloader).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ "${1:-}" = "--demo" ]; then
  shift
  .venv/bin/ailit demo
fi
host="${HOST:-127.0.0.1}" port="${PORT:-5000}"
.venv/bin/ailit serve --host "$host" --port "$port" "$@" &
server=$!
trap 'kill -TERM "$server" 2>/dev/null; wait "$server"' INT TERM
url="http://$([ "$host" = 0.0.0.0 ] && echo 127.0.0.1 || echo "$host"):$port"
for _ in $(seq 1 120); do
  if ! kill -0 "$server" 2>/dev/null; then wait "$server"; exit $?; fi
  if .venv/bin/python -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)" "$url/readyz" 2>/dev/null; then
    echo "ready: $url/  (health: $url/healthz, readiness: $url/readyz; Ctrl-C stops)"
    break
  fi
  sleep 1
done
wait "$server"
