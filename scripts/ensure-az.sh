#!/usr/bin/env bash
# Installs the Azure CLI (the reference ADE client, from PyPI) into a virtualenv in the tools cache, for the
# `az` conformance stage (test/support/run-az.js). Pinned so that the stage's expectations do not move under us.
# Idempotent: ~0.1 s when the pinned version is present. Needs python3 with venv and pip (installed from
# Debian's archive when missing and running as root). With --print-path, messages go to stderr and the last
# line on stdout is the path of `az`.
set -euo pipefail
if [ "${1:-}" = "--print-path" ]; then exec 3>&1 1>&2; else exec 3>/dev/null; fi
AZ_VERSION="${AZURE_CLI_VERSION:-2.91.0}"
TOOLS="${ADE_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ade-vscode-tools}"
VENV="$TOOLS/azure-cli-$AZ_VERSION"

if [ -x "$VENV/bin/az" ] && [ -f "$VENV/.complete" ]; then
  echo "[tools] azure-cli $AZ_VERSION present in $VENV"
  echo "$VENV/bin/az" >&3
  exit 0
fi

if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "python3 with venv and pip is needed for the Azure CLI stage. Install it with: sudo apt-get install python3-venv python3-pip" >&2
    exit 1
  fi
  echo "[tools] apt-get install python3-venv python3-pip"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends python3 python3-venv python3-pip >/dev/null
fi

echo "[tools] installing azure-cli $AZ_VERSION into $VENV (a few minutes, once)"
rm -rf "$VENV"
mkdir -p "$TOOLS"
python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip >/dev/null
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "azure-cli==$AZ_VERSION"
touch "$VENV/.complete"
echo "[tools] azure-cli $("$VENV/bin/az" version --query '"azure-cli"' -o tsv 2>/dev/null) ready"
echo "$VENV/bin/az" >&3
