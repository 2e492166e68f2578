#!/usr/bin/env bash
# Install everything sourcing-audit needs on a fresh Debian machine: the system libraries WeasyPrint
# renders with, the fonts the templates use, poppler-utils (the tests read PDFs with pdftotext), and the
# package itself with its test extras into .venv. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
APT_PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1
              fonts-dejavu-core poppler-utils chromium)  # chromium: the web page's browser tests

apt_install() {  # apt_install PKG...: as root, or through sudo; otherwise say what to run
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo -n"; else
      echo "setup: these Debian packages are needed; as root run: apt-get install -y $*" >&2
      exit 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"

# A virtual environment with a working pip (Debian's python3 needs python3-venv for that).
if ! .venv/bin/python -m pip --version >/dev/null 2>&1; then
  rm -rf .venv
  if ! python3 -m venv .venv >/dev/null 2>&1; then
    rm -rf .venv
    apt_install python3-venv
    python3 -m venv .venv
  fi
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install -q -e '.[test,web,report,html,lsp,batch,dask]'  # everything (lsp: the language server; batch, dask: archives); check alone needs none of the extras

# axe-core from the npm registry, for the web page's accessibility test (tests/test_web_browser.py injects it;
# without it that test fails, it never skips)
if [ ! -f .venv/node/node_modules/axe-core/axe.min.js ]; then
  command -v npm >/dev/null 2>&1 || apt_install npm
  npm install --silent --no-audit --no-fund --prefix .venv/node axe-core@4 >/dev/null
fi
