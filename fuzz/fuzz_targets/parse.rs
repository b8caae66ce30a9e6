//! Any text: the parse, diagnostics, outline, folding, semantic tokens, formatting and
//! renumbering never panic; every span they give lies on character boundaries of the text;
//! their edits apply; formatting is idempotent (formatting the formatted text changes nothing).
#![no_main]

mod common;

use common::{check_edits, check_span};
use libfuzzer_sys::fuzz_target;
use resolution_ls::analysis::{self, apply_edits, formatting, outline, renumber, semantic};
use resolution_ls::config::{Config, FootnoteRepeat, FrenchSpacing};
use resolution_ls::document::Document;
use resolution_ls::syntax::{Parse, Span};

/// Settings that only a settings file turns on (the other French spacing profiles, footnotes
/// repeated as new footnotes), chosen by the input's length.
fn config_for(len: usize) -> Option<Config> {
    let spacing = [
        FrenchSpacing::Auto,
        FrenchSpacing::UnGa,
        FrenchSpacing::UnSc,
        FrenchSpacing::ImprimerieNationale,
        FrenchSpacing::None,
    ];
    let repeat = [FootnoteRepeat::ReuseIndicator, FootnoteRepeat::DuplicateFootnote];
    let (s, r) = (len % 5, len / 5 % 2);
    (s > 0 || r > 0).then(|| Config { french_spacing: spacing[s], footnote_repeat: repeat[r], ..Config::default() })
}

fn check_diagnostics(text: &str, diagnostics: &[analysis::Diagnostic]) {
    for d in diagnostics {
        check_span(text, d.span, d.code);
        for r in &d.related {
            check_span(text, r.span, d.code);
        }
        for f in &d.fixes {
            check_edits(text, &f.edits, d.code);
            let _ = apply_edits(text, &f.edits);
        }
    }
}

fn check_symbols(text: &str, symbols: &[outline::Symbol]) {
    for s in symbols {
        check_span(text, s.span, "outline symbol");
        check_span(text, s.selection, "outline selection");
        check_symbols(text, &s.children);
    }
}

fuzz_target!(|data: &[u8]| {
    let text = common::text(data);
    let text: &str = &text;

    let parse = Parse::new(text);
    for b in parse.blocks() {
        check_span(text, Span::new(b.start, b.end()), "block");
        assert_eq!(&text[b.start..b.end()], &*b.text, "block text");
    }
    let _ = parse.structure();

    check_diagnostics(text, &analysis::diagnostics(&parse));
    if let Some(config) = config_for(data.len()) {
        check_diagnostics(text, &analysis::diagnostics::diagnostics_with(&parse, &config));
    }

    let doc = Document::new(text);
    check_symbols(text, &outline::outline(&doc));
    for s in outline::folding(&doc) {
        check_span(text, s, "folding range");
    }
    let mut last_end = 0;
    for t in semantic::tokens(&doc, None) {
        check_span(text, t.span, "semantic token");
        assert!(t.span.start >= last_end, "semantic tokens overlap or are out of order at {}", t.span.start);
        last_end = t.span.end;
    }
    let half = Span::new(text.len() / 4, text.len() / 2);
    let _ = semantic::tokens(&doc, Some(half));

    // Formatting: its edits apply, and formatting the result changes nothing more.
    let edits = formatting::format(&doc);
    check_edits(text, &edits, "format");
    let once = apply_edits(text, &edits);
    let again = formatting::format(&Document::new(&once));
    check_edits(&once, &again, "format (second time)");
    let twice = apply_edits(&once, &again);
    assert!(once == twice, "formatting is not idempotent:\nonce:  {once:?}\ntwice: {twice:?}");

    // Renumbering: the edits apply, and the renumbered text parses and renumbers again.
    if let Some(r) = renumber::renumber_paragraphs(&doc) {
        check_edits(text, &r.edits, "renumber_paragraphs");
        for (s, _) in &r.unsure {
            check_span(text, *s, "renumber_paragraphs unsure");
        }
        let out = apply_edits(text, &r.edits);
        let _ = renumber::renumber_paragraphs(&Document::new(&out));
    }
    if let Some(edits) = renumber::renumber_footnotes(&doc) {
        check_edits(text, &edits, "renumber_footnotes");
        let out = apply_edits(text, &edits);
        let _ = renumber::renumber_footnotes(&Document::new(&out));
    }
});
