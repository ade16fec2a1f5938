#!/usr/bin/env bash
# Installs Checkov (PyPI) into a virtual environment in the tools cache, only when missing, for the
# side-by-side benchmark (`npm run bench -- peer`). It is a measuring tool, never a dependency of
# the extension or the CLI. Needs python3 with venv (Debian's python3-venv, installed when missing
# and running as root). Prints the path of the checkov executable on its last line.
set -euo pipefail
CHECKOV_VERSION="${CHECKOV_VERSION:-3.3.30}"
TOOLS="${ADE_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ade-vscode-tools}"
VENV="$TOOLS/checkov-$CHECKOV_VERSION"

if [ -x "$VENV/bin/checkov" ] && [ -f "$VENV/.installed" ]; then
  echo "$VENV/bin/checkov"
  exit 0
fi
if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "python3 venv is missing. Install it with: sudo apt-get install python3-venv" >&2
    exit 1
  fi
  echo "[tools] apt-get install python3-venv" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
fi
mkdir -p "$TOOLS"
echo "[tools] installing checkov $CHECKOV_VERSION into $VENV (a few minutes, once)" >&2
rm -rf "$VENV"
python3 -m venv "$VENV"
if ! "$VENV/bin/pip" install --quiet --disable-pip-version-check "checkov==$CHECKOV_VERSION" >&2; then
  rm -rf "$VENV"
  echo "Installing checkov from PyPI failed (see above); the peer benchmark needs it." >&2
  exit 1
fi
touch "$VENV/.installed"
echo "$VENV/bin/checkov"
