#!/usr/bin/env bash
# Installs ailit and runs the whole test suite on SQLite, then the database tests on
# PostgreSQL. With CI=true a PostgreSQL that cannot be reached is a failure; elsewhere the
# script says plainly that it ran SQLite only.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1

PG_URL="${AILIT_TEST_POSTGRES_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test}"
pg_up() { .venv/bin/python - "$PG_URL" <<'PY' >/dev/null 2>&1
import sys, sqlalchemy as sa
sa.create_engine(sys.argv[1]).connect().close()
PY
}

pytest_run() {  # exit 5 (no tests collected) is a failure: a run must test something
  .venv/bin/python -m pytest "$@"
}

# Redis (rate limits shared by several servers): the two-server test needs it.
redis_up() { .venv/bin/python -c "import redis; redis.Redis(socket_timeout=2).ping()" >/dev/null 2>&1; }
if ! redis_up && command -v redis-server >/dev/null; then
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no >/dev/null
  for _ in $(seq 1 20); do redis_up && break; sleep 0.5; done
fi

echo "== lint: undefined names, unused imports, syntax (ruff) =="
.venv/bin/ruff check --select F,E9 platform tests bench || exit 1

echo "== security lint (bandit; findings are fixed or explained inline with # nosec) =="
.venv/bin/bandit -c pyproject.toml -r platform/ailit -q || exit 1

echo "== known vulnerabilities in dependencies (pip-audit) =="
.venv/bin/python scripts/audit_dependencies.py || exit 1

echo "== tests on SQLite =="
pytest_run "$@"; sqlite_rc=$?

if ! pg_up && [ -d /etc/postgresql ] && command -v pg_ctlcluster >/dev/null; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start >/dev/null 2>&1 || true
  for _ in $(seq 1 20); do pg_up && break; sleep 0.5; done
fi

if pg_up; then
  echo "== database tests on PostgreSQL ($PG_URL) =="
  AILIT_TEST_DATABASE_URL="$PG_URL" pytest_run -m db "$@"; pg_rc=$?
else
  if [ "${CI:-}" = "true" ]; then
    echo "FAILED: PostgreSQL is not reachable at $PG_URL; CI requires the PostgreSQL run." >&2
    pg_rc=1
  else
    echo "NOTE: PostgreSQL is not reachable at $PG_URL: ran the tests on SQLite only."
    pg_rc=0
  fi
fi

[ "$sqlite_rc" = 0 ] && [ "$pg_rc" = 0 ]
