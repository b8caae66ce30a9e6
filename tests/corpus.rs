//! Real adopted resolutions (`../shared/corpus`, outside the repository): no error or warning
//! on the unaltered texts, and every injected numbering or footnote fault reported with its
//! code on its line.
//!
//! The folder is read from `RESOLUTION_LS_CORPUS` or `../shared/corpus`. When it is absent
//! the tests say so and pass, unless `RESOLUTION_LS_REQUIRE_CORPUS=1` (as in `.ci/run`).

use std::path::PathBuf;

use resolution_ls::analysis::{Diagnostic, Severity, diagnostics};
use resolution_ls::document::Document;
use resolution_ls::position::{Encoding, to_line_col};
use resolution_ls::syntax::{Head, Role};

fn corpus() -> Vec<(String, String)> {
    let dir = std::env::var_os("RESOLUTION_LS_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    let Ok(entries) = std::fs::read_dir(&dir) else {
        assert!(std::env::var("RESOLUTION_LS_REQUIRE_CORPUS").is_err(), "corpus folder {} is missing", dir.display());
        eprintln!("note: no corpus at {}; skipped", dir.display());
        return Vec::new();
    };
    let mut files: Vec<_> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".res.md"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "corpus folder {} holds no draft", dir.display());
    files
}

fn serious(text: &str) -> Vec<(String, u32, String)> {
    let doc = Document::new(text);
    diagnostics(doc.parse())
        .into_iter()
        .filter(|d| d.severity <= Severity::Warning)
        .map(|d: Diagnostic| (d.code.to_string(), line_of(&doc, d.span.start), d.message))
        .collect()
}

fn line_of(doc: &Document, offset: usize) -> u32 {
    to_line_col(doc.rope(), offset, Encoding::Utf32).line + 1
}

#[test]
fn real_resolutions_are_clean() {
    for (name, text) in corpus() {
        assert_eq!(serious(&text), [], "{name}");
    }
}

/// The operative labels of the resolution itself (scope 0): (number, start, end, line).
fn operative_labels(text: &str) -> Vec<(u32, usize, usize, u32)> {
    let doc = Document::new(text);
    let s = doc.parse().structure();
    doc.parse()
        .blocks()
        .iter()
        .zip(&s.roles)
        .filter_map(|(b, r)| match (r, &b.data.head) {
            (Role::Operative { scope: 0 }, Head::Numbered { number, label }) => {
                let l = b.abs(*label);
                Some((*number, l.start, l.end, line_of(&doc, l.start)))
            }
            _ => None,
        })
        .collect()
}

/// Renumbers paragraphs k.. by `delta`.
fn renumber_from(text: &str, labels: &[(u32, usize, usize, u32)], k: usize, delta: i32) -> String {
    let mut out = text.to_string();
    for &(n, s, e, _) in labels[k..].iter().rev() {
        out.replace_range(s..e, &format!("{}.", n as i32 + delta));
    }
    out
}

fn assert_reported(name: &str, fault: &str, text: &str, code: &str, line: u32) {
    let found = serious(text);
    assert!(
        found.iter().any(|(c, l, _)| c == code && *l == line),
        "{name}: {fault}: expected {code} on line {line}, got {found:?}"
    );
}

#[test]
fn injected_numbering_faults_are_reported_on_their_line() {
    let mut injected = 0;
    for (name, text) in corpus() {
        let labels = operative_labels(&text);
        if labels.len() < 3 {
            continue;
        }
        let k = labels.len() / 2;
        let line = labels[k].3;
        // Paragraph k+1 renumbered onwards: a gap.
        let gap = renumber_from(&text, &labels, k, 1);
        assert_reported(&name, "gap", &gap, "numbering-gap", line);
        assert_eq!(serious(&gap).len(), 1, "{name}: only the gap: {:?}", serious(&gap));
        // Paragraph k+1 given the number of paragraph k: a duplicate.
        let dup = renumber_from(&text, &labels, k, -1);
        assert_reported(&name, "duplicate", &dup, "numbering-duplicate", line);
        assert_eq!(serious(&dup).len(), 1, "{name}: only the duplicate: {:?}", serious(&dup));
        // Two paragraphs swapped: out of order.
        let (a, b) = (labels[k - 1], labels[k]);
        let mut swapped = text.clone();
        swapped.replace_range(b.1..b.2, &format!("{}.", a.0));
        swapped.replace_range(a.1..a.2, &format!("{}.", b.0));
        assert_reported(&name, "order", &swapped, "numbering-order", b.3);
        injected += 3;
    }
    eprintln!("{injected} numbering faults injected and reported");
}

#[test]
fn injected_footnote_faults_are_reported_on_their_line() {
    let mut injected = 0;
    for (name, text) in corpus() {
        let doc = Document::new(&text);
        let blocks = doc.parse().blocks();
        let defs: Vec<_> =
            blocks.iter().flat_map(|b| b.data.fn_defs.iter().map(move |d| (d.label.clone(), b.abs(d.span)))).collect();
        let refs: Vec<_> =
            blocks.iter().flat_map(|b| b.data.fn_refs.iter().map(move |r| (r.label.clone(), b.abs(r.span)))).collect();
        let Some((label, def)) = defs.last().cloned() else { continue };
        // Remove the last body's line: its indicators have no body.
        let line_start = text[..def.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[def.start..].find('\n').map_or(text.len(), |i| def.start + i + 1);
        let mut undefined = text.clone();
        undefined.replace_range(line_start..line_end, "");
        let first_ref = refs.iter().find(|(l, _)| *l == label).expect("every body is used").1;
        assert_reported(&name, "undefined", &undefined, "footnote-undefined", line_of(&doc, first_ref.start));
        // A body nobody refers to.
        let unused = format!("{}\n[^orphan]: A/80/1.\n", text.trim_end());
        let line = unused.lines().count() as u32;
        assert_reported(&name, "unused", &unused, "footnote-unused", line);
        // A second body for the first label.
        let (first_label, first_def) = defs[0].clone();
        let dup = format!("{}\n[^{first_label}]: A/80/2.\n", text.trim_end());
        assert_reported(&name, "duplicate", &dup, "footnote-duplicate-definition", dup.lines().count() as u32);
        let _ = first_def;
        // The first indicator renamed to a number beyond the last: out of order and undefined.
        if let Some((l, span)) = refs.iter().find(|(l, _)| l.parse::<u32>().is_ok()).cloned() {
            if refs.iter().filter(|(x, _)| *x == l).count() == 1 && defs.len() >= 2 {
                let mut order = text.clone();
                let high = defs.len() + 5;
                order.replace_range(span.start..span.end, &format!("[^{high}]"));
                let line = line_of(&doc, span.start);
                assert_reported(&name, "renamed", &order, "footnote-undefined", line);
            }
        }
        injected += 3;
    }
    eprintln!("{injected} footnote faults injected and reported");
}

#[test]
fn injected_punctuation_faults_are_reported_on_their_line() {
    let mut injected = 0;
    for (name, text) in corpus() {
        let doc = Document::new(&text);
        let s = doc.parse().structure();
        let blocks = doc.parse().blocks();
        let simple = |i: usize, ch: char| {
            let b = &blocks[i];
            let next_is_sub = matches!(s.roles.get(i + 1), Some(Role::SubParagraphs { .. }));
            (b.data.sub_labels.is_empty() && !next_is_sub)
                .then_some(b.data.lead_end)
                .flatten()
                .filter(|e| e.ch == ch)
                .map(|e| b.abs(e.span))
        };
        let ops: Vec<usize> = (0..blocks.len()).filter(|&i| s.roles[i] == Role::Operative { scope: 0 }).collect();
        let mut faults: Vec<(&str, usize, char, &str)> = Vec::new();
        if let Some(&last) = ops.last() {
            if let Some(span) = simple(last, '.') {
                faults.push(("final full stop → semicolon", span.start, ';', "punctuation-final"));
            }
        }
        if let Some(span) = ops.iter().rev().skip(1).find_map(|&i| simple(i, ';')) {
            faults.push(("operative semicolon → full stop", span.start, '.', "punctuation-operative"));
        }
        if let Some(span) = (0..blocks.len()).filter(|&i| s.roles[i] == Role::Preambular).find_map(|i| simple(i, ',')) {
            faults.push(("preambular comma → semicolon", span.start, ';', "punctuation-preambular"));
        }
        for (fault, at, ch, code) in faults {
            let mut broken = text.clone();
            broken.replace_range(at..at + 1, &ch.to_string());
            assert_reported(&name, fault, &broken, code, line_of(&doc, at));
            injected += 1;
        }
    }
    eprintln!("{injected} punctuation faults injected and reported");
    assert!(injected > 0 || corpus().is_empty());
}
