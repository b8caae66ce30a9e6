//! The server's requests on any text, at offsets spread over it (on character boundaries, as
//! `position::to_offset` gives them): hover, go-to-definition, footnote places, completion
//! (openings and citations), prepare-rename and rename, cross-reference, footnote and citation
//! lookups, code actions over ranges; and the conversions between offsets and line/column in
//! each encoding. Never panics; every span lies on character boundaries; edits apply; an offset
//! turned into a line and column and back is the same offset (but between `\r` and `\n`).
#![no_main]

mod common;

use common::{check_edits, check_span};
use libfuzzer_sys::fuzz_target;
use resolution_ls::analysis::{
    self, actions, apply_edits, citations, completion, navigation, references, rename,
};
use resolution_ls::catalogue::builtin;
use resolution_ls::document::Document;
use resolution_ls::position::{Encoding, LineCol, to_line_col, to_offset};
use resolution_ls::syntax::Span;

/// At most about this many offsets per input.
const OFFSETS: usize = 24;

fuzz_target!(|data: &[u8]| {
    let text = common::text(data);
    let text: &str = &text;
    let doc = Document::new(text);
    let rope = doc.rope();

    let mut offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
    let step = offsets.len().div_ceil(OFFSETS).max(1);
    offsets = offsets.into_iter().step_by(step).chain([text.len()]).collect();

    // Offsets to lines and columns and back.
    for &off in &offsets {
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            let lc = to_line_col(rope, off, enc);
            let back = to_offset(rope, lc, enc);
            let between_cr_lf = text[..off].ends_with('\r') && text[off..].starts_with('\n');
            assert!(back == off || between_cr_lf, "{enc:?}: offset {off} -> {lc:?} -> {back}");
        }
    }
    // Any line and column (from the input's bytes) gives an offset on a character boundary.
    for w in data.chunks(4).take(16) {
        let b = |i: usize| u32::from(w.get(i).copied().unwrap_or(0));
        let lc = LineCol { line: b(0) | (b(1) << 8), col: b(2) | (b(3) << 8) };
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            let off = to_offset(rope, lc, enc);
            assert!(off <= text.len() && text.is_char_boundary(off), "{enc:?}: {lc:?} -> {off}");
        }
    }

    let diags = analysis::diagnostics(doc.parse());
    for (i, &off) in offsets.iter().enumerate() {
        if let Some(h) = navigation::hover(&doc, off) {
            check_span(text, h.span, "hover");
        }
        if let Some(s) = navigation::definition(&doc, off) {
            check_span(text, s, "definition");
        }
        if let Some((places, body)) = navigation::footnote_places(&doc, off) {
            for s in places.into_iter().chain(body) {
                check_span(text, s, "footnote_places");
            }
        }
        for item in completion::complete(&doc, off) {
            check_span(text, item.replace, "completion");
        }
        if let Some((s, _)) = citations::complete(&doc, off, builtin()) {
            check_span(text, s, "citation completion");
        }
        if let Some(c) = citations::citation_at(&doc, off) {
            check_span(text, c.span, "citation_at");
        }
        if let Some((a, b)) = references::crossref_at(&doc, off) {
            check_span(text, a, "crossref_at");
            check_span(text, b, "crossref_at target");
        }
        if let Some(f) = references::footnote_at(&doc, off) {
            for s in f.indicators.iter().chain(&f.body).chain(&f.body_text).chain([&f.under_cursor]) {
                check_span(text, *s, "footnote_at");
            }
        }
        if let Ok(s) = rename::prepare_rename(&doc, off) {
            check_span(text, s, "prepare_rename");
            for label in ["7", "note", "1"] {
                if let Ok(edits) = rename::rename(&doc, off, label) {
                    check_edits(text, &edits, "rename");
                    let _ = apply_edits(text, &edits);
                }
            }
        }
        // Code actions over the range from this offset to a later one.
        let end = offsets[(i + 3).min(offsets.len() - 1)];
        for a in actions::actions(&doc, Span::new(off, end), &diags) {
            check_edits(text, &a.edits, &a.title);
            let _ = apply_edits(text, &a.edits);
        }
    }
});
