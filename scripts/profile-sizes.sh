#!/usr/bin/env bash
# What takes the room in each of the three wasm modules, by function name:
# runs wasm-bindgen and wasm-opt as the release build does, but keeping the
# name section (-g), then twiggy on the result. Run after a release build
# (`./x build`); needs twiggy (`cargo install twiggy --locked`).
# Usage: scripts/profile-sizes.sh [N]   (N top items, default 25)
# Writes target/size-profile/<module>.{top,dominators}.txt and prints the tops.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-25}
CACHE=${SCOPESTACK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/scopestack-troubleshooter}
export PATH="$CACHE/binaryen-132.0.0/node_modules/.bin:$HOME/.cargo/bin:$PATH"
command -v twiggy >/dev/null || { echo "profile-sizes: install twiggy first: cargo install twiggy --locked" >&2; exit 1; }
OUT=target/size-profile
mkdir -p "$OUT"
# The same wasm-opt passes as index.html gives each module.
declare -A OPT=(
  [scopestack-troubleshooter]="--flatten --rereloop -Oz --converge"
  [engine-worker]="-Oz --converge"
  [live-panel]="-Oz --converge"
)
for m in scopestack-troubleshooter engine-worker live-panel; do
  raw=target/wasm32-unknown-unknown/release/$m.wasm
  [ -f "$raw" ] || { echo "profile-sizes: $raw missing; build the site first" >&2; exit 1; }
  wasm-bindgen --target web --keep-debug --out-dir "$OUT/bindgen" "$raw"
  # shellcheck disable=SC2086
  wasm-opt -g --enable-bulk-memory --enable-nontrapping-float-to-int ${OPT[$m]} \
    "$OUT/bindgen/${m}_bg.wasm" -o "$OUT/$m.wasm"
  twiggy top -n "$N" "$OUT/$m.wasm" > "$OUT/$m.top.txt"
  twiggy dominators -d 4 -r 60 "$OUT/$m.wasm" > "$OUT/$m.dominators.txt"
  echo "== $m ($(wc -c < "$OUT/$m.wasm") bytes with names)"
  cat "$OUT/$m.top.txt"
done
