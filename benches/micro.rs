//! In-process micro-benchmarks: the pieces of a keystroke, whole-document checks, position
//! conversion, a cold check of the 10 MB draft, the catalogue.
//!
//! `cargo bench --locked --bench micro` (release profile, one thread). Plain
//! `std::time::Instant` loops; each measure prints the median, p90, p99 and max of its samples.
//! Environment:
//! - `BENCH_SIZES=100k,1m,10m`: the draft sizes (default all three);
//! - `BENCH_LANG=fr`: the language of the timed drafts (default fr; en and es are generated
//!   and verified clean too, and get a cold-check line each);
//! - `BENCH_SCALE=1`: multiply the sample counts (0.2 for a quick run);
//! - `BENCH_ONLY=edits,checks,positions,requests,cold,memory,catalogue`: run only these sections
//!   (for profiling one of them under perf or callgrind);
//! - `RESOLUTION_LS_CATALOGUE=path`: the real 11,749-row catalogue (default
//!   `$CARGO_MANIFEST_DIR/../shared/catalogue/un-symbol-catalogue.tsv`; skipped if missing).

#[path = "support/drafts.rs"]
mod drafts;
#[path = "support/stats.rs"]
mod stats;

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::{Duration, Instant};

use resolution_ls::analysis::{self, diagnostics::Checker, diagnostics::diagnostics};
use resolution_ls::catalogue::{self, Catalogue};
use resolution_ls::config::Config;
use resolution_ls::document::Document;
use resolution_ls::position::{self, Encoding};
use stats::{Sizes, Table, env_scale, fmt_bytes};

/// Counts live heap bytes and their peak, for the memory section (a relaxed atomic add per
/// allocation: a few nanoseconds, against the hundreds an allocation takes).
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(now, Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                let now = LIVE.fetch_add(new_size - layout.size(), Relaxed) + new_size - layout.size();
                PEAK.fetch_max(now, Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Heap bytes that `f` leaves allocated (what it returns) and its peak above the start.
fn heap<T>(f: impl FnOnce() -> T) -> (T, usize, usize) {
    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    let out = f();
    let after = LIVE.load(Relaxed);
    (out, after.saturating_sub(before), PEAK.load(Relaxed).saturating_sub(before))
}

fn mb(n: usize) -> String {
    format!("{:.1} MB", n as f64 / 1e6)
}

/// Times `f` once per sample.
fn each(samples: usize, mut f: impl FnMut()) -> Vec<Duration> {
    (0..samples)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect()
}

/// Times batches of `batch` calls; each sample is the time per call.
fn batched(samples: usize, batch: usize, mut f: impl FnMut(usize)) -> Vec<Duration> {
    (0..samples)
        .map(|s| {
            let t = Instant::now();
            for i in 0..batch {
                f(s * batch + i);
            }
            t.elapsed() / batch as u32
        })
        .collect()
}

/// Places to edit: (name, byte offset) in the draft.
fn sites(d: &drafts::Draft) -> Vec<(&'static str, usize)> {
    vec![
        ("start", d.marks.start_edit),
        ("middle", d.marks.middle_edit),
        ("end", d.marks.end_edit),
        ("paragraph number", d.marks.para_number),
    ]
}

fn main() {
    let scale = env_scale();
    let n = |base: usize| ((base as f64 * scale).ceil() as usize).max(5);
    let sizes = Sizes::from_env();
    let lang = std::env::var("BENCH_LANG").ok().and_then(|l| drafts::Lang::from_code(&l)).unwrap_or(drafts::Lang::Fr);
    println!("# resolution-ls micro-benchmarks\n");
    println!("{}\n", stats::machine());
    println!("Timed drafts: language {}, sizes {}; sample counts x{scale}.\n", lang.code(), sizes.names());

    // The drafts must be clean, or the edits' diagnostics mean nothing.
    let mut drafts = Vec::new();
    println!("## Generated drafts\n");
    println!(
        "| draft | bytes | lines | numbered paragraphs | annexes | footnotes | cross-references | blocks | diagnostics |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for &(name, size) in &sizes.0 {
        for l in drafts::Lang::ALL {
            let d = drafts::draft(l, size, 7);
            let doc = Document::new(&d.text);
            let diags = diagnostics(doc.parse());
            let crossrefs: usize = doc.parse().blocks().iter().map(|b| b.data.crossrefs.len()).sum();
            println!(
                "| {name} {} | {} | {} | {} | {} | {} | {crossrefs} | {} | {} |",
                l.code(),
                d.text.len(),
                d.text.lines().count(),
                d.operative_paragraphs,
                d.annexes,
                d.footnotes,
                doc.parse().blocks().len(),
                diags.len()
            );
            for x in diags.iter().take(5) {
                let lc = position::to_line_col(doc.rope(), x.span.start, Encoding::Utf32);
                eprintln!("  NOT CLEAN {name} {}: {}:{}: {} {}", l.code(), lc.line + 1, lc.col + 1, x.code, x.message);
            }
            if l == lang {
                drafts.push((name, d));
            }
        }
    }
    println!();

    let only = std::env::var("BENCH_ONLY").unwrap_or_default();
    let run = |section: &str| only.trim().is_empty() || only.split(',').any(|s| s.trim() == section);

    // Edits: Document::replace (rope edit + incremental re-parse), and with full_reparse.
    if run("edits") {
        let mut t = Table::new("Document::replace: one keystroke (insert or delete one character), per call");
        for (name, d) in &drafts {
            for full in [false, true] {
                let mut doc = Document::new(&d.text);
                doc.full_reparse = full;
                let samples = if full { n(40) / (1 + d.text.len() / 2_000_000) + 4 } else { n(2000) };
                let mut all = Vec::new();
                for (site, at) in sites(d) {
                    let ch = if site == "paragraph number" { "9" } else { "é" };
                    let mut v = Vec::new();
                    for _ in 0..samples / 2 {
                        let t0 = Instant::now();
                        doc.replace(at..at, ch);
                        v.push(t0.elapsed());
                        let t0 = Instant::now();
                        doc.replace(at..at + ch.len(), "");
                        v.push(t0.elapsed());
                    }
                    all.extend_from_slice(&v);
                    t.row(format!("{name} {}: {site}", if full { "full re-parse" } else { "incremental" }), &v);
                }
                t.row(format!("{name} {}: all sites", if full { "full re-parse" } else { "incremental" }), &all);
                assert_eq!(doc.text().len(), d.text.len());
            }
        }
        t.print();
    }

    // Whole-document checks.
    if run("checks") {
        let mut t = Table::new("Whole-document checks, per call");
        for (name, d) in &drafts {
            let mut doc = Document::new(&d.text);
            let samples = n(200) / (1 + d.text.len() / 1_000_000) + 5;
            t.row(
                format!("{name}: Parse::structure"),
                &each(samples, || {
                    black_box(doc.parse().structure());
                }),
            );
            t.row(
                format!("{name}: diagnostics (caches warm, no edit)"),
                &each(samples, || {
                    black_box(diagnostics(doc.parse()));
                }),
            );
            // As in the server: an edit, then the whole check (the edited block's caches are cold).
            let at = d.marks.middle_edit;
            let mut v = Vec::new();
            for i in 0..samples {
                if i % 2 == 0 {
                    doc.replace(at..at, "é");
                } else {
                    doc.replace(at..at + 2, "");
                }
                let t0 = Instant::now();
                black_box(diagnostics(doc.parse()));
                v.push(t0.elapsed());
            }
            t.row(format!("{name}: diagnostics after a keystroke in the middle"), &v);
            let at = d.marks.para_number;
            let mut v = Vec::new();
            let mut count = 0;
            for i in 0..samples {
                if i % 2 == 0 {
                    doc.replace(at..at, "9");
                } else {
                    doc.replace(at..at + 1, "");
                }
                let t0 = Instant::now();
                let diags = black_box(diagnostics(doc.parse()));
                v.push(t0.elapsed());
                if i % 2 == 0 {
                    count = diags.len();
                }
            }
            t.row(format!("{name}: diagnostics after a paragraph-number edit ({count} diagnostics)"), &v);
        }
        t.print();

        // What the server does on a keystroke: the edit, then the incremental check.
        let mut t =
            Table::new("Keystroke: Document::replace + diagnostics::Checker::check (incremental), per keystroke");
        for (name, d) in &drafts {
            let mut doc = Document::new(&d.text);
            let (config, cat) = (Config::default(), catalogue::builtin());
            let mut checker = Checker::default();
            checker.check(doc.parse(), &[], &config, cat);
            let samples = n(400);
            let mut all = Vec::new();
            for (site, at) in sites(d) {
                let ch = if site == "paragraph number" { "9" } else { "é" };
                let mut v = Vec::new();
                let mut fast = 0;
                for i in 0..samples {
                    let t0 = Instant::now();
                    let r = if i % 2 == 0 { doc.replace(at..at, ch) } else { doc.replace(at..at + ch.len(), "") };
                    black_box(checker.check(doc.parse(), &[r.expect("incremental parse")], &config, cat));
                    v.push(t0.elapsed());
                    fast += usize::from(checker.last_was_incremental);
                }
                all.extend_from_slice(&v);
                t.row(format!("{name}: {site} ({fast}/{samples} incremental)"), &v);
            }
            t.row(format!("{name}: all sites"), &all);
        }
        t.print();
    }

    // Position conversion at random places.
    if run("positions") {
        let mut t = Table::new("Position conversion (UTF-16), per call");
        for (name, d) in &drafts {
            let doc = Document::new(&d.text);
            let rope = doc.rope();
            let mut rng = drafts::Rng::new(11);
            let offsets: Vec<usize> = (0..4096)
                .map(|_| {
                    let mut o = rng.below(d.text.len());
                    while !d.text.is_char_boundary(o) {
                        o -= 1;
                    }
                    o
                })
                .collect();
            let lcs: Vec<_> = offsets.iter().map(|&o| position::to_line_col(rope, o, Encoding::Utf16)).collect();
            for (o, lc) in offsets.iter().zip(&lcs).take(256) {
                assert_eq!(position::to_offset(rope, *lc, Encoding::Utf16), *o, "round trip");
            }
            t.row(
                format!("{name}: to_line_col"),
                &batched(n(200), 256, |i| {
                    black_box(position::to_line_col(rope, offsets[i % offsets.len()], Encoding::Utf16));
                }),
            );
            t.row(
                format!("{name}: to_offset"),
                &batched(n(200), 256, |i| {
                    black_box(position::to_offset(rope, lcs[i % lcs.len()], Encoding::Utf16));
                }),
            );
        }
        t.print();
    }

    // Requests, in process (what the server's handlers call).
    let cat_path = stats::catalogue_path();
    let cat_text = cat_path.as_ref().and_then(|p| std::fs::read_to_string(p).ok());
    let mut big = catalogue::builtin().clone();
    if let (Some(p), Some(text)) = (&cat_path, &cat_text) {
        big.load_tsv(&p.display().to_string(), text, 10);
    }
    if run("requests") {
        let mut t = Table::new("Requests in process (analysis only, no LSP conversion), per call");
        for (name, d) in &drafts {
            let doc = Document::new(&d.text);
            let _ = diagnostics(doc.parse()); // fill the per-block caches as the server does
            let m = &d.marks;
            let samples = n(300) / (1 + d.text.len() / 1_000_000) + 5;
            t.row(
                format!("{name}: completion::complete (lexicon, “*Enc”)"),
                &each(samples, || {
                    black_box(analysis::completion::complete(&doc, m.completion_lexicon));
                }),
            );
            t.row(
                format!("{name}: completion::complete (lexicon, every verb)"),
                &each(samples, || {
                    black_box(analysis::completion::complete(&doc, m.completion_lexicon_all));
                }),
            );
            t.row(
                format!("{name}: citations::complete after “70/”, built-in catalogue"),
                &each(samples, || {
                    black_box(analysis::citations::complete(&doc, m.completion_citation, catalogue::builtin()));
                }),
            );
            if cat_text.is_some() {
                t.row(
                    format!("{name}: citations::complete after “70/”, {} entries", big.len()),
                    &each(samples, || {
                        black_box(analysis::citations::complete(&doc, m.completion_citation, &big));
                    }),
                );
                t.row(
                    format!("{name}: citations::complete after “A/RES/7”, {} entries", big.len()),
                    &each(samples, || {
                        black_box(analysis::citations::complete(&doc, m.completion_symbol, &big));
                    }),
                );
            }
            t.row(
                format!("{name}: navigation::hover (footnote indicator)"),
                &each(samples, || {
                    black_box(analysis::navigation::hover(&doc, m.hover_footnote));
                }),
            );
            let body = analysis::references::footnote_at(&doc, m.hover_footnote).and_then(|f| f.body_text);
            let body = body.expect("the footnote under the hover mark has a body");
            t.row(
                format!("{name}: citations::within (footnote hover lists the body's citations)"),
                &each(samples, || {
                    black_box(analysis::citations::within(&doc, body));
                }),
            );
            t.row(
                format!("{name}: citations::all (every citation: document links)"),
                &each(samples, || {
                    black_box(analysis::citations::all(&doc));
                }),
            );
            t.row(
                format!("{name}: citations::citation_at (citation hover)"),
                &each(samples, || {
                    black_box(analysis::citations::citation_at(&doc, m.hover_citation));
                }),
            );
            t.row(
                format!("{name}: Document::text (the rope copied to a String)"),
                &each(samples, || {
                    black_box(doc.text());
                }),
            );
            t.row(
                format!("{name}: outline::outline (documentSymbol)"),
                &each(samples / 2 + 3, || {
                    black_box(analysis::outline::outline(&doc));
                }),
            );
        }
        t.print();
    }

    // Cold check: Document::new + diagnostics, as `resolution-ls check` does, one thread.
    if run("cold") {
        println!("## Cold check (Document::new + diagnostics, one thread)\n");
        println!("| draft | bytes | Document::new | diagnostics | total | MB/s |");
        println!("|---|---:|---:|---:|---:|---:|");
        let biggest = sizes.0.iter().map(|s| s.1).max().unwrap_or(0);
        for l in drafts::Lang::ALL {
            let d = drafts::draft(l, biggest, 7);
            let runs = n(5);
            let mut parse = Vec::new();
            let mut check = Vec::new();
            let mut total = Vec::new();
            for _ in 0..runs {
                let t0 = Instant::now();
                let doc = Document::new(&d.text);
                let t1 = Instant::now();
                black_box(diagnostics(doc.parse()));
                let t2 = Instant::now();
                parse.push(t1 - t0);
                check.push(t2 - t1);
                total.push(t2 - t0);
                drop(doc);
            }
            let med = |v: &mut Vec<Duration>| stats::percentile(v, 50.0);
            let tot = med(&mut total);
            println!(
                "| {} {} | {} | {} | {} | {} | {:.1} |",
                fmt_bytes(d.text.len()),
                l.code(),
                d.text.len(),
                stats::fmt(med(&mut parse)),
                stats::fmt(med(&mut check)),
                stats::fmt(tot),
                d.text.len() as f64 / 1e6 / tot.as_secs_f64()
            );
        }
        println!("\n(median of {} runs; MB = 10^6 bytes)\n", n(5));
    }

    // Memory: the heap a document takes, and its parts.
    if run("memory") {
        println!("## Heap of an open document (counting allocator, live bytes)\n");
        println!(
            "`size_of::<Block>()` = {} bytes (`BlockData` {} bytes), per block, plus the block's own text and vectors.\n",
            std::mem::size_of::<resolution_ls::syntax::Block>(),
            std::mem::size_of::<resolution_ls::syntax::BlockData>()
        );
        println!(
            "| draft | bytes | Rope::from_str | Parse::new | Document::new (live / peak) | + diagnostics caches and result (live / peak) | total / draft |"
        );
        println!("|---|---:|---:|---:|---:|---:|---:|");
        for (name, d) in &drafts {
            let (rope, rope_live, _) = heap(|| ropey::Rope::from_str(&d.text));
            drop(rope);
            let (parse, parse_live, _) = heap(|| resolution_ls::syntax::Parse::new(&d.text));
            drop(parse);
            let (doc, doc_live, doc_peak) = heap(|| Document::new(&d.text));
            let (diags, diag_live, diag_peak) = heap(|| diagnostics(doc.parse()));
            println!(
                "| {name} | {} | {} | {} | {} / {} | {} / {} | {:.1}× |",
                d.text.len(),
                mb(rope_live),
                mb(parse_live),
                mb(doc_live),
                mb(doc_peak),
                mb(diag_live),
                mb(diag_peak),
                (doc_live + diag_live) as f64 / d.text.len() as f64
            );
            drop(diags);
            drop(doc);
        }
        println!();
    }

    // The catalogue.
    if !run("catalogue") {
        return;
    }
    match (&cat_path, &cat_text) {
        (Some(p), Some(text)) => {
            let mut t = Table::new(&format!("Catalogue {} ({} lines)", p.display(), text.lines().count()));
            let path = p.display().to_string();
            let mut rows = 0;
            t.row(
                "Catalogue::load_tsv (empty catalogue)".to_string(),
                &each(n(10), || {
                    let mut c = Catalogue::new();
                    rows = black_box(c.load_tsv(&path, text, 10)).0;
                }),
            );
            t.row(
                "builtin().clone() + load_tsv (as the server loads a workspace)".to_string(),
                &each(n(10), || {
                    let mut c = catalogue::builtin().clone();
                    black_box(c.load_tsv(&path, text, 10));
                }),
            );
            for q in [
                "70/",
                "A/RES/7",
                "S/RES/23",
                "A/HRC/RES/5",
                "climate",
                "droits de l’homme",
                "desarrollo sostenible",
                "ocean science data",
            ] {
                let hits = big.search(q, 50).len();
                t.row(
                    format!("Catalogue::search({q:?}, 50) → {hits}"),
                    &each(n(500), || {
                        black_box(big.search(q, 50));
                    }),
                );
            }
            println!("Rows loaded: {rows}; entries with the built-in catalogue: {}.\n", big.len());
            t.print();
        }
        _ => println!("## Catalogue\n\nskipped: no catalogue at {:?} (set RESOLUTION_LS_CATALOGUE)\n", cat_path),
    }
}
