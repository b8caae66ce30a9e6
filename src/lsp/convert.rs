//! Conversions between analysis values (byte offsets) and LSP values (positions in the
//! negotiated encoding), through [`crate::position`].

use ropey::Rope;
use tower_lsp_server::ls_types::{self as lsp, PositionEncodingKind};

use crate::analysis::{self, Severity, outline};
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

#[allow(deprecated)] // DocumentSymbol::deprecated is a required field
pub fn symbols(rope: &Rope, enc: Encoding, list: &[outline::Symbol]) -> Vec<lsp::DocumentSymbol> {
    list.iter()
        .map(|s| {
            let range = range(rope, s.span, enc);
            let mut selection = super::convert::range(rope, s.selection, enc);
            // The selection must lie inside the range.
            if selection.start < range.start || selection.end > range.end {
                selection = lsp::Range::new(range.start, range.start);
            }
            lsp::DocumentSymbol {
                name: if s.name.is_empty() { "…".to_string() } else { s.name.clone() },
                detail: None,
                kind: match s.kind {
                    outline::SymbolKind::Title => lsp::SymbolKind::FILE,
                    outline::SymbolKind::Section => lsp::SymbolKind::NAMESPACE,
                    outline::SymbolKind::Paragraph => lsp::SymbolKind::STRING,
                    outline::SymbolKind::SubParagraph => lsp::SymbolKind::KEY,
                    outline::SymbolKind::Annex => lsp::SymbolKind::MODULE,
                    outline::SymbolKind::Footnote => lsp::SymbolKind::FIELD,
                },
                tags: None,
                deprecated: None,
                range,
                selection_range: selection,
                children: (!s.children.is_empty()).then(|| symbols(rope, enc, &s.children)),
            }
        })
        .collect()
}

pub fn folding(rope: &Rope, enc: Encoding, spans: &[Span]) -> Vec<lsp::FoldingRange> {
    spans
        .iter()
        .filter_map(|s| {
            let r = range(rope, *s, enc);
            (r.end.line > r.start.line).then_some(lsp::FoldingRange {
                start_line: r.start.line,
                start_character: None,
                end_line: r.end.line,
                end_character: None,
                kind: Some(lsp::FoldingRangeKind::Region),
                collapsed_text: None,
            })
        })
        .collect()
}

pub fn edits(rope: &Rope, enc: Encoding, edits: &[analysis::TextEdit]) -> Vec<lsp::TextEdit> {
    edits.iter().map(|e| lsp::TextEdit::new(range(rope, e.span, enc), e.new_text.clone())).collect()
}

/// Semantic tokens in LSP's relative encoding; a token that spans lines is cut at each line end.
pub fn semantic_tokens(rope: &Rope, enc: Encoding, tokens: &[analysis::semantic::Token]) -> Vec<lsp::SemanticToken> {
    let mut out = Vec::with_capacity(tokens.len());
    let (mut prev_line, mut prev_start) = (0u32, 0u32);
    for t in tokens {
        let start = position(rope, t.span.start, enc);
        let end = position(rope, t.span.end, enc);
        let mut pieces = Vec::new();
        if start.line == end.line {
            pieces.push((start.line, start.character, end.character - start.character));
        } else {
            let first_end = position(rope, rope.line_to_byte(start.line as usize + 1).saturating_sub(1), enc);
            pieces.push((start.line, start.character, first_end.character.saturating_sub(start.character)));
            pieces.push((end.line, 0, end.character));
        }
        for (line, col, len) in pieces {
            if len == 0 {
                continue;
            }
            let delta_line = line - prev_line;
            let delta_start = if delta_line == 0 { col - prev_start } else { col };
            out.push(lsp::SemanticToken {
                delta_line,
                delta_start,
                length: len,
                token_type: t.kind as u32,
                token_modifiers_bitset: 0,
            });
            prev_line = line;
            prev_start = col;
        }
    }
    out
}

/// Tokens as LSP's flat array of integers (five a token), for deltas.
pub fn token_data(tokens: &[lsp::SemanticToken]) -> Vec<u32> {
    tokens
        .iter()
        .flat_map(|t| [t.delta_line, t.delta_start, t.length, t.token_type, t.token_modifiers_bitset])
        .collect()
}

/// The tokens of a flat array of whole tokens (a trailing partial token is dropped).
pub fn tokens_of_data(data: &[u32]) -> Vec<lsp::SemanticToken> {
    data.chunks_exact(analysis::semantic::TOKEN_LEN)
        .map(|c| lsp::SemanticToken {
            delta_line: c[0],
            delta_start: c[1],
            length: c[2],
            token_type: c[3],
            token_modifiers_bitset: c[4],
        })
        .collect()
}

pub fn token_edit(e: analysis::semantic::DataEdit) -> lsp::SemanticTokensEdit {
    lsp::SemanticTokensEdit {
        start: e.start as u32,
        delete_count: e.delete as u32,
        data: (!e.insert.is_empty()).then(|| tokens_of_data(&e.insert)),
    }
}

/// A completion item's `data`: the list it came from, so that `completionItem/resolve` can find
/// its documentation again (`{"lang": "fr", "kind": "operative", "concept": "requests", "form": "Prie"}`).
pub fn doc_key_to_json(key: &analysis::completion::DocKey) -> serde_json::Value {
    use crate::lexicon::Kind;
    serde_json::json!({
        "lang": key.lang.code(),
        "kind": match key.kind { Kind::Preambular => "preambular", Kind::Operative => "operative" },
        "concept": key.concept,
        "form": key.form,
    })
}

/// The inverse of [`doc_key_to_json`]; `None` for anything else a client sends back.
pub fn doc_key_from_json(v: &serde_json::Value) -> Option<analysis::completion::DocKey> {
    use crate::lexicon::Kind;
    let lang = crate::syntax::Lang::from_code(v.get("lang")?.as_str()?)?;
    let kind = match v.get("kind")?.as_str()? {
        "preambular" => Kind::Preambular,
        "operative" => Kind::Operative,
        _ => return None,
    };
    let concept = v.get("concept")?.as_str()?.to_string();
    let form = v.get("form")?.as_str()?.to_string();
    Some(analysis::completion::DocKey { lang, kind, concept, form })
}
