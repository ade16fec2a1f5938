#!/usr/bin/env bash
# Installs what the tests and `npm start` need outside node_modules, only where missing:
#   - Debian packages: chromium (the browser that drives the workbench), libkrb5-dev (code-server's
#     kerberos addon builds against it), ripgrep (seeds @vscode/ripgrep's download), openssl (the
#     sandbox's self-signed certificate), build tools for native addons;
#   - code-server (a real VS Code 1.100.3 that runs on Node 20) into a cached tools folder.
# Needs only the npm registry and Debian's package archive. Idempotent: ~1 s when all is present.
set -euo pipefail
CS_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
TOOLS="${ADE_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ade-vscode-tools}"

missing=()
for pkg in chromium libkrb5-dev ripgrep openssl python3 make g++; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages: ${missing[*]}. Install them with: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "[tools] apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

mkdir -p "$TOOLS"
cd "$TOOLS"
[ -f package.json ] || echo '{ "name": "ade-vscode-tools", "private": true }' > package.json
have="$(node -p 'try { require("./node_modules/code-server/package.json").version } catch { "" }')"
if [ "$have" = "$CS_VERSION" ] && [ -x node_modules/.bin/code-server ]; then
  echo "[tools] code-server $CS_VERSION present in $TOOLS"
  exit 0
fi

echo "[tools] installing code-server $CS_VERSION into $TOOLS"
# @vscode/ripgrep's postinstall downloads a binary from GitHub unless its cache already holds one:
# seed the cache with Debian's rg under the name that postinstall looks for.
export TMPDIR="$TOOLS/.tmp"
mkdir -p "$TMPDIR/vscode-ripgrep-cache-1.15.11"
tar czf "$TMPDIR/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C /usr/bin rg
# node-pty's install runs `npx node-gyp` (needs npm_config_yes); code-server's postinstall refuses
# to run as root without unsafe-perm.
npm_config_yes=true npm_config_unsafe_perm=true npm install --no-audit --no-fund "code-server@$CS_VERSION" >/dev/null
echo "[tools] code-server $(node -p 'require("./node_modules/code-server/package.json").version') ready"
