#!/usr/bin/env bash
# Fuzzes every target in fuzz/ for a bounded time: bash .ci/fuzz.sh
#   FUZZ_SECONDS   seconds per target (default 60)
#   FUZZ_TARGETS   targets to run (default: all, from `cargo fuzz list`)
#   FUZZ_LOCKED=1  fail when fuzz/Cargo.lock is out of date (instead of updating it)
# Installs cargo-fuzz if missing (cargo-fuzz runs on the stable toolchain with
# RUSTC_BOOTSTRAP=1), seeds the corpora (fuzz/seed.sh), then runs each target in turn. Exits
# non-zero if any target crashed, hung or ran out of memory; the input that did it is in
# fuzz/artifacts/<target>/ and printed below.
set -euo pipefail
cd "$(dirname "$0")/.."
export RUSTC_BOOTSTRAP=1 CARGO_TERM_COLOR=never
# Always the same build folder (fuzz/target), whatever CARGO_TARGET_DIR says: the targets built
# by the last run are reused, and `cargo fuzz run` below reuses what `cargo fuzz build` built
# (same flags, so cargo has nothing to redo).
export CARGO_TARGET_DIR="$PWD/fuzz/target"
SECONDS_EACH=${FUZZ_SECONDS:-60}
step() { printf '\n=== %s (%s)\n' "$*" "$(date +%T)"; }

if ! cargo fuzz --version >/dev/null 2>&1; then
  step "install cargo-fuzz"
  cargo install cargo-fuzz --locked
fi
cargo fuzz --version

step "check fuzz/Cargo.lock is up to date"
# fuzz/ is its own workspace with its own lock file, which also locks the main crate's
# dependencies: a dependency added to the main crate makes it stale. Then it is brought up to
# date for this run (existing versions kept, only what is missing added), with a warning: run
# the same `cargo metadata` command and commit fuzz/Cargo.lock. FUZZ_LOCKED=1 fails instead.
if ! cargo metadata --locked --format-version 1 --manifest-path fuzz/Cargo.toml >/dev/null; then
  [ "${FUZZ_LOCKED:-0}" = 1 ] && { echo "fuzz/Cargo.lock is out of date"; exit 1; }
  echo "WARNING: fuzz/Cargo.lock is out of date; updating it for this run."
  echo "WARNING: run 'cargo metadata --format-version 1 --manifest-path fuzz/Cargo.toml >/dev/null' and commit fuzz/Cargo.lock."
  cargo metadata --format-version 1 --manifest-path fuzz/Cargo.toml >/dev/null
fi

step "seed the corpora"
bash fuzz/seed.sh

# No sanitizer: the code under test is safe Rust; panics, overflow and debug assertions are
# what we look for. Without -O, cargo-fuzz builds optimised code with debug assertions and
# overflow checks on (and fuzz/Cargo.toml keeps them on for resolution-ls even with -O).
FLAGS=(--sanitizer none)
step "build the fuzz targets"
cargo fuzz build "${FLAGS[@]}"

# Options per target: a dictionary and a largest input.
options() {
  case "$1" in
    config) echo "-dict=fuzz/config.dict -max_len=4096" ;;
    requests) echo "-dict=fuzz/resolution.dict -max_len=2048" ;;
    *) echo "-dict=fuzz/resolution.dict -max_len=8192" ;;
  esac
}

failed=()
for target in ${FUZZ_TARGETS:-$(cargo fuzz list)}; do
  step "fuzz $target for ${SECONDS_EACH}s"
  mkdir -p "fuzz/corpus/$target"
  # shellcheck disable=SC2046
  if ! cargo fuzz run "${FLAGS[@]}" "$target" -- -max_total_time="$SECONDS_EACH" -timeout=30 \
      -rss_limit_mb=4096 -print_final_stats=1 $(options "$target") 2>&1 | { grep -v '^#[0-9]*.*\(NEW\|REDUCE\|pulse\)' || true; }; then
    failed+=("$target")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  step "FAILED: ${failed[*]}"
  for target in "${failed[@]}"; do
    for a in fuzz/artifacts/"$target"/*; do
      [ -e "$a" ] || continue
      echo "--- $a (reproduce: RUSTC_BOOTSTRAP=1 cargo fuzz run ${FLAGS[*]} $target $a)"
      head -c 2000 "$a" | od -c | head -40
    done
  done
  exit 1
fi
step "fuzzing passed: ${SECONDS_EACH}s each, no crash"
