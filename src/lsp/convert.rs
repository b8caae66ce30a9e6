//! Conversions between analysis values (byte offsets) and LSP values (positions in the
//! negotiated encoding), through [`crate::position`].

use ropey::Rope;
use tower_lsp_server::ls_types::{self as lsp, PositionEncodingKind};

use crate::analysis::{self, Severity};
use crate::position::{Encoding, LineCol, to_line_col, to_offset};
use crate::syntax::Span;

pub fn encoding_kind(enc: Encoding) -> PositionEncodingKind {
    match enc {
        Encoding::Utf8 => PositionEncodingKind::UTF8,
        Encoding::Utf16 => PositionEncodingKind::UTF16,
        Encoding::Utf32 => PositionEncodingKind::UTF32,
    }
}

/// UTF-8 when the client offers it (less work for us), else UTF-16, which every client speaks.
pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
    match offered {
        Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
        _ => Encoding::Utf16,
    }
}

pub fn offset(rope: &Rope, pos: lsp::Position, enc: Encoding) -> usize {
    to_offset(rope, LineCol { line: pos.line, col: pos.character }, enc)
}

pub fn position(rope: &Rope, offset: usize, enc: Encoding) -> lsp::Position {
    let lc = to_line_col(rope, offset, enc);
    lsp::Position::new(lc.line, lc.col)
}

pub fn range(rope: &Rope, span: Span, enc: Encoding) -> lsp::Range {
    lsp::Range::new(position(rope, span.start, enc), position(rope, span.end, enc))
}

fn severity(s: Severity) -> lsp::DiagnosticSeverity {
    match s {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Information => lsp::DiagnosticSeverity::INFORMATION,
        Severity::Hint => lsp::DiagnosticSeverity::HINT,
    }
}

pub fn diagnostics(rope: &Rope, uri: &lsp::Uri, enc: Encoding, diags: &[analysis::Diagnostic]) -> Vec<lsp::Diagnostic> {
    diags
        .iter()
        .map(|d| lsp::Diagnostic {
            range: range(rope, d.span, enc),
            severity: Some(severity(d.severity)),
            code: Some(lsp::NumberOrString::String(d.code.to_string())),
            source: Some("resolution-ls".to_string()),
            message: d.message.clone(),
            related_information: (!d.related.is_empty()).then(|| {
                d.related
                    .iter()
                    .map(|r| lsp::DiagnosticRelatedInformation {
                        location: lsp::Location::new(uri.clone(), range(rope, r.span, enc)),
                        message: r.message.clone(),
                    })
                    .collect()
            }),
            ..Default::default()
        })
        .collect()
}
