#!/usr/bin/env bash
# Installs ailit and serves the bundled courses with SQLite at http://127.0.0.1:5000/
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/ailit serve --host "${HOST:-127.0.0.1}" --port "${PORT:-5000}" "$@"
