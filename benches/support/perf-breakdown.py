#!/usr/bin/env python3
"""Where a keystroke's time goes, from a `perf record --call-graph dwarf` profile.

Reads the output of `perf script -F ip,sym,srcline --inline` on stdin, keeps the samples whose
stack holds ROOT (default `Backend::apply_change`, the server's didChange handler), attributes
each one to the first part of the pipeline its stack goes through (Document::replace, each
diagnostic rule, the citation scan, the LSP conversion, …) and prints a Markdown table with the
samples, the share and the milliseconds per call (samples / FREQ / CALLS).

    perf script -i perf.data --comm resolution-ls -F ip,sym,srcline --inline \\
        | python3 benches/support/perf-breakdown.py Backend::apply_change 1999 200

Rules are found by the function names and the source files of inlined frames (the rules are
inlined into `diagnostics_in` in release builds). Samples in malloc/free whose stack perf
could not unwind are not under ROOT and so not counted (see docs/performance.md).
"""
import collections
import re
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else "Backend::apply_change"
FREQ = float(sys.argv[2]) if len(sys.argv) > 2 else 1999
CALLS = float(sys.argv[3]) if len(sys.argv) > 3 else 1
RULES = ["numbering", "subparagraphs", "footnotes", "crossrefs", "punctuation", "openings", "spacing", "negotiation"]


def samples(text):
    for chunk in text.split("\n\n"):
        lines = [l for l in chunk.split("\n") if l.strip()]
        frames = []
        i = 0
        while i < len(lines):
            m = re.match(r"\t\s*([0-9a-f]+)\s+(.*)$", lines[i])
            if m:
                src = ""
                if i + 1 < len(lines) and not lines[i + 1].startswith("\t"):
                    src = lines[i + 1].strip()
                    i += 1
                frames.append((m.group(2), src))
            i += 1
        if frames:
            yield frames[::-1]  # outermost first


def basename(src):
    m = re.match(r"(\S+?):\d+", src)
    return (m.group(1) if m else src).split("/")[-1]


def category(frames):
    start = next((i for i, (s, _) in enumerate(frames) if ROOT in s), None)
    if start is None:
        return None
    below = frames[start + 1 :]
    syms = [s for s, _ in below]

    def after(name):
        j = next((k for k, s in enumerate(syms) if name in s), None)
        return [] if j is None else below[j + 1 :]

    if any("Document::new" in s for s in syms):
        names = [x for x, _ in after("Document::new")]
        if any("ropey" in x or "Rope" in x for x in names):
            return "Document::new: Rope::from_str"
        if any("parse_block" in x for x in names):
            return "Document::new: Parse::new → parse_block"
        if any("lines::blocks" in x for x in names):
            return "Document::new: Parse::new → lines::blocks"
        return "Document::new: other (block text copies, Vec growth)"
    if any("Document::replace" in s for s in syms):
        names = [x for x, _ in after("Document::replace")]
        if any("Parse::edit" in x or "parse_region" in x or "parse_block" in x for x in names):
            return "Document::replace: incremental re-parse (Parse::edit → parse_block)"
        if any("Parse::new" in x for x in names):
            return "Document::replace: full re-parse (Parse::new)"
        return "Document::replace: rope edit, block shift"
    if any("diagnostics_in" in s for s in syms):
        rest = after("diagnostics_in")
        names = [x for x, _ in rest]
        for s, src in rest:
            f = basename(src)
            m = re.search(r"::diagnostics::(\w+)::", s)
            rule = m.group(1) if m and m.group(1) in RULES else (f[:-3] if f[:-3] in RULES else None)
            if rule == "crossrefs":
                if any("Outline::resolve" in x for x in names):
                    return "diagnostics: crossrefs::check → Outline::resolve → Outline::numbered"
                if any("Outline::new" in x for x in names):
                    return "diagnostics: crossrefs::check → Outline::new"
                return "diagnostics: crossrefs::check (absolute() clones, dedup)"
            if rule:
                return f"diagnostics: {rule}::check"
            if f == "citations.rs" or "analysis::citations::" in s:
                if any("find_citations" in x for x in names):
                    return "diagnostics: citations::scan → find_citations (edited block's cache empty)"
                if any("find_malformed" in x for x in names):
                    return "diagnostics: citations::scan → find_malformed (edited block's cache empty)"
                if any("Catalogue::get" in x for x in names):
                    return "diagnostics: citations → Catalogue::get"
                return "diagnostics: citations::scan (clones of the cached citations)"
            if f == "structure.rs" or "Structure::new" in s:
                return "diagnostics: Parse::structure"
        if any("apply_settings" in x for x in names):
            return "diagnostics: apply_settings"
        if any("sort" in x for x in names):
            return "diagnostics: sort"
        return "diagnostics: diagnostics_in itself"
    if any("convert::offset" in s or "to_offset" in s for s in syms):
        return "position of the edit (convert::offset)"
    if any("convert::diagnostics" in s or basename(src) == "convert.rs" for s, src in below):
        return "LSP conversion (convert::diagnostics → to_line_col)"
    if any("serde_json" in s for s in syms):
        return "result_id: serde_json::to_string + hash of the diagnostics"
    if any("drop_in_place" in s for s in syms):
        return "drop of the previous diagnostics"
    return "other"


counts = collections.Counter()
total = 0
under = 0
for frames in samples(sys.stdin.read()):
    total += 1
    c = category(frames)
    if c is not None:
        under += 1
        counts[c] += 1
print(f"{total} samples in the process, {under} under {ROOT}; {CALLS:.0f} calls at {FREQ:.0f} Hz\n")
print("| part | samples | share | ms per call |")
print("|---|---:|---:|---:|")
for c, n in counts.most_common():
    print(f"| {c} | {n} | {100 * n / max(under, 1):.1f}% | {n / FREQ / CALLS * 1e3:.3f} |")
print(f"| total under {ROOT} | {under} | 100% | {under / FREQ / CALLS * 1e3:.3f} |")
