//! Answers computed from a parse: pure, synchronous, no LSP types. Offsets are UTF-8 bytes.

pub mod diagnostics;

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

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    pub span: Span,
    pub severity: Severity,
    /// A stable code such as `numbering-gap`.
    pub code: &'static str,
    pub message: String,
    pub related: Vec<Related>,
}

impl Diagnostic {
    pub fn new(code: &'static str, severity: Severity, span: Span, message: String) -> Diagnostic {
        Diagnostic { span, severity, code, message, related: Vec::new() }
    }
    pub fn related(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.related.push(Related { span, message: message.into() });
        self
    }
}

#[cfg(test)]
pub(crate) mod fixture;
