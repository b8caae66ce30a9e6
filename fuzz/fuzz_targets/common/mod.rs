//! Helpers shared by the fuzz targets.
#![allow(dead_code)]

use resolution_ls::analysis::TextEdit;
use resolution_ls::syntax::Span;

/// Asserts that `span` lies inside `text` and starts and ends on character boundaries.
pub fn check_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {}..{} outside the text (length {})",
        span.start,
        span.end,
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {}..{} not on character boundaries",
        span.start,
        span.end
    );
}

/// Asserts that a list of edits is well formed for `text` (spans inside it, on character
/// boundaries, not overlapping), so that [`resolution_ls::analysis::apply_edits`] may apply it.
pub fn check_edits(text: &str, edits: &[TextEdit], what: &str) {
    for e in edits {
        check_span(text, e.span, what);
    }
    let mut spans: Vec<Span> = edits.iter().map(|e| e.span).collect();
    spans.sort();
    for w in spans.windows(2) {
        assert!(
            w[0].end <= w[1].start,
            "{what}: edits overlap: {}..{} and {}..{}",
            w[0].start,
            w[0].end,
            w[1].start,
            w[1].end
        );
    }
}

/// The text of fuzz input bytes: valid UTF-8 as it is, anything else with U+FFFD for the bad
/// bytes.
pub fn text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}
