#!/usr/bin/env bash
# Installs everything ailit needs on a fresh Debian/Ubuntu machine, idempotently:
# system packages (fonts for certificates in every script, HarfBuzz subsetting, Chromium for
# browser tests), a virtual environment in .venv with the project and its test extra,
# compiled UI translations and the compiled course catalogue.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(
  fonts-noto-core        # Latin, Cyrillic and Arabic (Noto Sans, Noto Naskh Arabic)
  fonts-noto-cjk         # Simplified Chinese (Noto Sans CJK SC)
  fonts-noto-color-emoji # emoji in names on certificates and login cards
  fonts-dejavu-core      # monospaced codes, usernames and passwords on PDFs
  poppler-utils          # pdffonts/pdftoppm: tests check which fonts PDFs embed
  zbar-tools             # zbarimg: tests decode the QR codes printed on login cards
  libharfbuzz-subset0    # fast font subsetting in WeasyPrint
  libpango-1.0-0 libpangoft2-1.0-0
  chromium chromium-driver  # headless browser tests
  redis-server           # shared rate limits; the two-server test uses it
)

missing=()
for pkg in "${SYSTEM_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else SUDO=""; fi
  if [ "$(id -u)" = 0 ] || [ -n "$SUDO" ]; then
    echo "setup: installing system packages: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: please install these Debian packages first: ${missing[*]}" >&2
    exit 1
  fi
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.ailit-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[test]'
  touch "$stamp"
fi

# UI translations: .po (in git) -> .mo
.venv/bin/pybabel compile -d locales -D messages >/dev/null
