//! Semantic tokens: organ formula, opening phrases and operative verbs, paragraph and
//! sub-paragraph labels, footnote indicators and bodies, cited documents.

use crate::analysis::citations;
use crate::analysis::openings::{drafting_roles, kind_of, opening};
use crate::document::Document;
use crate::lexicon::Kind;
use crate::syntax::{Head, Role, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TokenType {
    OrganFormula,
    PreambularOpening,
    OperativeVerb,
    ParagraphLabel,
    SubParagraphLabel,
    FootnoteIndicator,
    FootnoteBody,
    Citation,
}

/// The LSP legend, in `TokenType` order: standard names, so every theme colours them.
pub const LEGEND: &[&str] = &["class", "function", "keyword", "number", "enumMember", "decorator", "comment", "type"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Token {
    pub span: Span,
    pub kind: TokenType,
}

/// Tokens in document order, not overlapping, within `range` (all when `None`).
pub fn tokens(doc: &Document, range: Option<Span>) -> Vec<Token> {
    let parse = doc.parse();
    let structure = parse.structure();
    let blocks = parse.blocks();
    let roles = drafting_roles(blocks, &structure);
    let mut out = Vec::new();
    let lang = structure.lang;
    for (b, role) in blocks.iter().zip(&roles) {
        if let Some(r) = range {
            if b.end() < r.start || b.start > r.end {
                continue;
            }
        }
        let mut push = |span: Span, kind| out.push(Token { span, kind });
        match (&b.data.head, role) {
            (Head::Organ { .. }, _) => {
                let first = b.text.find(['\n', '\r']).unwrap_or(b.len);
                push(Span::new(b.start, b.start + first), TokenType::OrganFormula);
            }
            (Head::Numbered { label, .. } | Head::Insertion { label, .. }, _) => {
                push(b.abs(*label), TokenType::ParagraphLabel)
            }
            _ => {}
        }
        if let (Some(l), Some(kind)) = (lang, kind_of(*role)) {
            if let Some(o) = opening(b, l, kind) {
                let t = if kind == Kind::Preambular { TokenType::PreambularOpening } else { TokenType::OperativeVerb };
                push(o.span, t);
            }
        }
        for l in &b.data.sub_labels {
            push(b.abs(l.span), TokenType::SubParagraphLabel);
        }
        for r in &b.data.fn_refs {
            push(b.abs(r.span), TokenType::FootnoteIndicator);
        }
        for d in &b.data.fn_defs {
            push(b.abs(d.span), TokenType::FootnoteBody);
        }
        if !matches!(role, Role::FrontMatter | Role::Comment) {
            for c in citations::scan(b, lang.unwrap_or(crate::syntax::Lang::En), structure.organ).0 {
                push(c.number_span, TokenType::Citation);
            }
        }
    }
    out.sort();
    // No overlaps: a later token starting inside an earlier one is dropped.
    let mut kept: Vec<Token> = Vec::with_capacity(out.len());
    for t in out {
        if kept.last().is_none_or(|k| t.span.start >= k.span.end) && t.span.end > t.span.start {
            kept.push(t);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_of_a_french_draft() {
        let text = "L’Assemblée générale,\n\n*Rappelant* sa résolution 70/1 « é » ñ 𝔄[^1],\n\n1. *Prie* :\n   a) un ;\n\n[^1]: A/RES/70/1.\n";
        let doc = Document::new(text);
        let got: Vec<(TokenType, &str)> = tokens(&doc, None).iter().map(|t| (t.kind, &text[t.span.range()])).collect();
        assert_eq!(
            got,
            [
                (TokenType::OrganFormula, "L’Assemblée générale,"),
                (TokenType::PreambularOpening, "Rappelant"),
                (TokenType::Citation, "70/1"),
                (TokenType::FootnoteIndicator, "[^1]"),
                (TokenType::ParagraphLabel, "1."),
                (TokenType::OperativeVerb, "Prie"),
                (TokenType::SubParagraphLabel, "a)"),
                (TokenType::FootnoteBody, "[^1]"),
                (TokenType::Citation, "A/RES/70/1"),
            ]
        );
    }
}
