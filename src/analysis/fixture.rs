//! Test fixtures: a draft with caret lines under the text they mark, and a `$0` cursor.
//!
//! ```text
//! 4. *Urges*;
//! ^^ error[numbering-gap]: paragraph 3 is missing …
//! ```
//!
//! A caret line is spaces then `^`s (columns in characters) then `severity[code]: message`;
//! it marks the line above it and is removed before parsing.

use crate::analysis::{Diagnostic, diagnostics};
use crate::syntax::Parse;

fn is_caret_line(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with('^') && line.chars().take_while(|c| *c == ' ').count() + t.len() == line.len()
}

/// Removes caret lines; returns the text a test parses.
pub fn strip_carets(fixture: &str) -> String {
    let fixture = fixture.strip_prefix('\n').unwrap_or(fixture);
    let mut out = String::new();
    for line in fixture.split_inclusive('\n') {
        if !is_caret_line(line.trim_end_matches(['\n', '\r'])) {
            out.push_str(line);
        }
    }
    out
}

/// Removes `$0` and returns the text and the cursor's byte offset.
#[allow(dead_code)]
pub fn extract_cursor(fixture: &str) -> (String, usize) {
    let offset = fixture.find("$0").expect("fixture has no $0 cursor");
    (format!("{}{}", &fixture[..offset], &fixture[offset + 2..]), offset)
}

/// Renders diagnostics as caret lines under the lines they start on.
pub fn render(text: &str, diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        out.push_str(line);
        let content = line.trim_end_matches(['\n', '\r']);
        let line_end = line_start + content.len();
        for d in diags.iter().filter(|d| d.span.start >= line_start && d.span.start <= line_end) {
            let col = text[line_start..d.span.start].chars().count();
            let end = d.span.end.min(line_end).max(d.span.start);
            let width = text[d.span.start..end].chars().count().max(1);
            out.push_str(&format!(
                "{}{} {}[{}]: {}\n",
                " ".repeat(col),
                "^".repeat(width),
                d.severity.as_str(),
                d.code,
                d.message
            ));
        }
        line_start += line.len();
    }
    out
}

/// Parses the fixture without its caret lines and checks that the diagnostics are exactly
/// the ones the caret lines announce.
#[track_caller]
pub fn check_diagnostics(fixture: &str) {
    check_rule("", fixture);
}

/// Like [`check_diagnostics`], looking only at codes that start with `prefix` (one rule
/// family), so that other rules' findings on the same text do not matter.
#[track_caller]
pub fn check_rule(prefix: &str, fixture: &str) {
    let text = strip_carets(fixture);
    let mut diags = diagnostics(&Parse::new(&text));
    diags.retain(|d| d.code.starts_with(prefix));
    let expected = fixture.strip_prefix('\n').unwrap_or(fixture);
    let actual = render(&text, &diags);
    if actual != expected {
        panic!("diagnostics differ\n--- expected\n{expected}\n--- actual\n{actual}");
    }
}
