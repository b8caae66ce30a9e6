//! Answers computed from a parse: pure, synchronous, no LSP types. Offsets are UTF-8 bytes.

pub mod actions;
pub mod citations;
pub mod completion;
pub mod diagnostics;
pub mod formatting;
pub mod navigation;
pub mod openings;
pub mod outline;
pub mod references;
pub mod rename;
pub mod renumber;
pub mod semantic;

pub use diagnostics::diagnostics;

use crate::syntax::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Information,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "info",
            Severity::Hint => "hint",
        }
    }
}

/// Another place that explains a diagnostic (the previous paragraph, the first body).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Related {
    pub span: Span,
    pub message: String,
}

/// A quick fix a rule offers with its diagnostic.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<TextEdit>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    pub span: Span,
    pub severity: Severity,
    /// A stable code such as `numbering-gap`.
    pub code: &'static str,
    pub message: String,
    pub related: Vec<Related>,
    pub fixes: Vec<Fix>,
}

/// Replace `span` (bytes of the current text) with `new_text`. A list of edits never overlaps.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TextEdit {
    pub span: Span,
    pub new_text: String,
}

impl TextEdit {
    pub fn new(span: Span, new_text: impl Into<String>) -> TextEdit {
        TextEdit { span, new_text: new_text.into() }
    }
}

/// Applies non-overlapping edits to a text (for tests and for checking actions).
pub fn apply_edits(text: &str, edits: &[TextEdit]) -> String {
    let mut edits: Vec<&TextEdit> = edits.iter().collect();
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in edits {
        out.push_str(&text[at..e.span.start]);
        out.push_str(&e.new_text);
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    out
}

impl Diagnostic {
    pub fn new(code: &'static str, severity: Severity, span: Span, message: String) -> Diagnostic {
        Diagnostic { span, severity, code, message, related: Vec::new(), fixes: Vec::new() }
    }
    pub fn fix(mut self, title: impl Into<String>, edits: Vec<TextEdit>) -> Diagnostic {
        self.fixes.push(Fix { title: title.into(), edits });
        self
    }
    pub fn related(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.related.push(Related { span, message: message.into() });
        self
    }
}

#[cfg(test)]
pub(crate) mod fixture;
