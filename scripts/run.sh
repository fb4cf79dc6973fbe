#!/usr/bin/env bash
# Installs ailit and serves the bundled courses with SQLite at http://127.0.0.1:5000/
#   bash scripts/run.sh           the platform, empty of users
#   bash scripts/run.sh --demo    also loads the demo school (public passwords: local trials only)
# HOST and PORT in the environment change the address.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ "${1:-}" = "--demo" ]; then
  shift
  .venv/bin/ailit demo
fi
exec .venv/bin/ailit serve --host "${HOST:-127.0.0.1}" --port "${PORT:-5000}" "$@"
