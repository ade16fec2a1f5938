#!/usr/bin/env bash
# Regenerates grammar/tree-sitter-bicep/tree-sitter-bicep.wasm from grammar.js and src/scanner.c:
# generate the parser, run the grammar's corpus tests, compile to WebAssembly.
#
# Tools (installed where missing, like scripts/ensure-tools.sh does for the test tools):
#   - the tree-sitter CLI from crates.io, pinned to 0.25.10, into the tools cache. 0.25 is the last
#     line whose `build --wasm` compiles with a local emcc; 0.26 and later download a wasi-sdk
#     from outside the package registries. Its parsers use ABI 15, which web-tree-sitter 0.27 loads.
#   - Debian's emscripten (emcc) for the wasm target.
# The normal build and CI do not run this: they use the committed .wasm.
#
# Usage: npm run build:grammar
#        BICEP_EXTRA_CORPUS=<folder of tree-sitter corpus .txt files> npm run build:grammar
#          also runs those corpus tests (e.g. the upstream grammar's own) against the new grammar.
set -euo pipefail
TS_CLI_VERSION=0.25.10
TOOLS="${ADE_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ade-vscode-tools}"
TS_ROOT="$TOOLS/tree-sitter-cli-$TS_CLI_VERSION"
TS="$TS_ROOT/bin/tree-sitter"
root="$(cd "$(dirname "$0")/.." && pwd)"
grammar="$root/grammar/tree-sitter-bicep"

if ! command -v emcc >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "emcc not found. Install Debian's emscripten: sudo apt-get install emscripten" >&2
    exit 1
  fi
  echo "[grammar] apt-get install emscripten"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends emscripten >/dev/null
fi

if [ ! -x "$TS" ]; then
  if ! command -v cargo >/dev/null 2>&1; then
    echo "cargo not found: install Rust (rustup or Debian's cargo) to build the tree-sitter CLI" >&2
    exit 1
  fi
  echo "[grammar] cargo install tree-sitter-cli $TS_CLI_VERSION into $TS_ROOT (several minutes)"
  cargo install tree-sitter-cli --version "$TS_CLI_VERSION" --locked --root "$TS_ROOT"
fi

cd "$grammar"
echo "[grammar] $("$TS" --version), $(emcc --version | head -n 1)"
"$TS" generate
"$TS" test
if [ -n "${BICEP_EXTRA_CORPUS:-}" ]; then
  # The corpus runner only reads test/corpus: run the extra files from a scratch copy.
  scratch="$(mktemp -d)"
  trap 'rm -rf "$scratch"' EXIT
  cp -r grammar.js tree-sitter.json src "$scratch/"
  mkdir -p "$scratch/test/corpus"
  cp "$BICEP_EXTRA_CORPUS"/*.txt "$scratch/test/corpus/"
  (cd "$scratch" && "$TS" test)
fi
"$TS" build --wasm -o tree-sitter-bicep.wasm .
echo "[grammar] tree-sitter-bicep.wasm $(wc -c < tree-sitter-bicep.wasm) bytes, sha256 $(sha256sum tree-sitter-bicep.wasm | cut -d' ' -f1)"
