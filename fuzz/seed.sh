#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seed inputs, at run time (nothing here is committed but
# the hand-written seeds in fuzz/seeds/):
#   parse      the examples, the real corpus (shared/corpus), fuzz/seeds/parse
#   requests   the same as parse
#   edits      the same texts, each alone and each followed by a few edits (see
#              fuzz_targets/edits.rs for the layout), fuzz/seeds/edits
#   catalogue  the first 200 lines of shared/catalogue/un-symbol-catalogue.tsv (whole and in
#              slices with the header), the real corpus (for citations), fuzz/seeds/catalogue
#   config     fuzz/seeds/config (resolution-ls.toml and editor settings JSON)
# Seeds are added to what the corpus folders already hold (libFuzzer names its own finds by
# content hash, so nothing is overwritten). shared/ is found at $RESOLUTION_LS_SHARED, else
# beside the repository; without it the seeds are the repository's own.
set -euo pipefail
FUZZ=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$FUZZ")
SHARED=${RESOLUTION_LS_SHARED:-$ROOT/../shared}
CORPUS=$FUZZ/corpus

if [ ! -d "$SHARED/corpus" ]; then
  echo "seed.sh: no shared corpus at $SHARED; seeding from the repository only" >&2
fi

python3 - "$ROOT" "$SHARED" "$CORPUS" "$FUZZ/seeds" <<'PY'
import glob, os, random, shutil, sys

root, shared, corpus, seeds = sys.argv[1:]
drafts = sorted(glob.glob(os.path.join(root, "examples", "*.res.md")))
drafts += sorted(glob.glob(os.path.join(root, "examples", "broken", "*.res.md")))
drafts += sorted(glob.glob(os.path.join(shared, "corpus", "*.res.md")))
counts = {}

def put(target, name, data):
    d = os.path.join(corpus, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "seed-" + name), "wb") as f:
        f.write(data)
    counts[target] = counts.get(target, 0) + 1

def own(target):
    for p in sorted(glob.glob(os.path.join(seeds, target, "*"))):
        put(target, "own-" + os.path.basename(p), open(p, "rb").read())

# parse and requests: every draft; the end of the long ones too (footnote blocks, annexes),
# since the fuzzer's inputs are at most 8 KiB.
for p in drafts:
    data = open(p, "rb").read()
    name = os.path.basename(p)
    for target in ("parse", "requests"):
        put(target, name, data)
        if len(data) > 8192:
            tail = data[-8192:]
            put(target, "tail-" + name, tail[tail.find(b"\n") + 1:])
own("parse")
for p in sorted(glob.glob(os.path.join(seeds, "parse", "*"))):
    put("requests", "own-" + os.path.basename(p), open(p, "rb").read())

# edits: each draft alone, then with edits that a person makes (a blank line, a new
# paragraph, a deleted number, a footnote, a line break between \r and \n…), at positions
# drawn from a fixed seed so the corpus is the same on every run.
PIECES = [b"\n\n", b"\n", b"\r\n", b"\r", b"1. ", b"2. ", b"3 bis. ", b"(a) ", b"b) ", b"(ii) ",
          b"[^1]", b"[^2]: ", b"Annex", b"\xc3\xa9", b"\xf0\x9d\x94\x84", b"\xc2\xa0", b"*Decides* ",
          b"---\nlang: fr\n---\n", b"The General Assembly,", b"73rd plenary meeting", b"[text]", b";", b""]
rng = random.Random(8)
for p in drafts:
    data = open(p, "rb").read()[:16000]
    name = os.path.basename(p)
    put("edits", name, data)
    for k in range(3):
        out = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            at = rng.randrange(0, 65536)
            delete = rng.choice([0, 0, 1, 2, 5, 30, 127]) | (0x80 if rng.random() < 0.1 else 0)
            out += b"\0" + at.to_bytes(2, "little") + bytes([delete]) + rng.choice(PIECES)
        put("edits", f"{k}-{name}", bytes(out))
own("edits")

# catalogue: the first 200 lines of the real catalogue, and slices of it under its header.
tsv = os.path.join(shared, "catalogue", "un-symbol-catalogue.tsv")
if os.path.exists(tsv):
    with open(tsv, "rb") as f:
        lines = [f.readline() for _ in range(200)]
    put("catalogue", "un-symbol-catalogue-200.tsv", b"".join(lines))
    for i in range(1, 200, 20):
        put("catalogue", f"un-symbol-catalogue-{i}.tsv", lines[0] + b"".join(lines[i:i + 20]))
for p in glob.glob(os.path.join(shared, "corpus", "*.res.md")):
    put("catalogue", os.path.basename(p), open(p, "rb").read())
own("catalogue")

own("config")
for t in ("parse", "requests", "edits", "catalogue", "config"):
    print(f"seed.sh: {counts.get(t, 0)} seeds for {t} in {os.path.join(corpus, t)}")
PY
