//! A start text and a sequence of edits applied with `Document::replace`: after each edit the
//! document's text is the expected text, its incremental parse equals a fresh parse of that
//! text, and so do the diagnostics, both from the per-block caches and from the server's
//! incremental `Checker` fed each edit (like tests/incremental.rs, coverage-guided).
//!
//! Input layout: chunks separated by NUL bytes. The first chunk is the start text; each
//! following chunk is one edit: two bytes of position (little endian, taken modulo the text's
//! length + 1, so it may fall inside a character or between `\r` and `\n`), one byte whose low
//! 7 bits are the number of bytes to delete and whose high bit reverses the range, then the
//! inserted text. Texts are read as UTF-8, invalid bytes becoming U+FFFD.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use resolution_ls::analysis::diagnostics::{Checker, diagnostics};
use resolution_ls::catalogue;
use resolution_ls::config::Config;
use resolution_ls::document::Document;
use resolution_ls::syntax::Parse;

/// At most this many edits per input (more only slows each run down).
const MAX_EDITS: usize = 48;

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

fuzz_target!(|data: &[u8]| {
    let mut chunks = data.split(|&b| b == 0);
    let start = common::text(chunks.next().unwrap_or_default()).into_owned();
    let mut text = start.clone();
    let mut doc = Document::new(&start);
    assert_eq!(doc.parse(), &Parse::new(&text));
    let (config, cat) = (Config::default(), catalogue::builtin());
    let mut checker = Checker::default();
    checker.check(doc.parse(), &[], &config, cat);
    for chunk in chunks.take(MAX_EDITS) {
        let byte = |i: usize| chunk.get(i).copied().unwrap_or(0);
        let len = text.len();
        let at = usize::from(u16::from_le_bytes([byte(0), byte(1)])) % (len + 1);
        let delete = usize::from(byte(2) & 0x7f);
        let reversed = byte(2) & 0x80 != 0;
        let insert = common::text(chunk.get(3..).unwrap_or_default());
        let range = if reversed { (at + delete)..at } else { at..(at + delete) };

        // What Document::replace promises: clamped to the text, put in order, widened to
        // character boundaries.
        let (a, b) = (range.start.min(len), range.end.min(len));
        let (a, b) = (a.min(b), a.max(b));
        let (a, b) = (floor_boundary(&text, a), ceil_boundary(&text, b));
        text.replace_range(a..b, &insert);

        let reparsed = doc.replace(range.clone(), &insert);
        assert!(doc.text() == text, "text after replacing {range:?} with {insert:?}");
        let fresh = Parse::new(&text);
        assert!(
            doc.parse() == &fresh,
            "incremental parse differs from a fresh parse after replacing {range:?} with {insert:?}\ntext: {text:?}\nincremental: {:#?}\nfresh: {fresh:#?}",
            doc.parse()
        );
        let expected = diagnostics(&fresh);
        assert_eq!(diagnostics(doc.parse()), expected, "diagnostics, text {text:?}");
        let edits: Vec<_> = reparsed.into_iter().collect();
        let got = checker.check(doc.parse(), &edits, &config, cat);
        assert_eq!(got, &expected[..], "incremental check, text {text:?}");
    }
});
