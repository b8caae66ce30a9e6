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
    let roles = drafting_roles(blocks, structure);
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

/// Integers per token in LSP's encoding: delta line, delta start, length, type, modifiers.
pub const TOKEN_LEN: usize = 5;

/// One edit of a token array (`textDocument/semanticTokens/full/delta`): replace
/// `delete` integers at `start` with `insert`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataEdit {
    pub start: usize,
    pub delete: usize,
    pub insert: Vec<u32>,
}

/// The one edit that turns the token array `old` into `new`: what lies between their longest
/// common prefix and suffix, both cut back to whole tokens (clients splice whole tokens, and
/// LSP crates carry edit data as tokens). `None` when the arrays are equal.
pub fn diff(old: &[u32], new: &[u32]) -> Option<DataEdit> {
    if old == new {
        return None;
    }
    let whole = |n: usize| n - n % TOKEN_LEN;
    let prefix = whole(old.iter().zip(new).take_while(|(a, b)| a == b).count());
    let (old_rest, new_rest) = (&old[prefix..], &new[prefix..]);
    let suffix = whole(old_rest.iter().rev().zip(new_rest.iter().rev()).take_while(|(a, b)| a == b).count());
    Some(DataEdit {
        start: prefix,
        delete: old_rest.len() - suffix,
        insert: new_rest[..new_rest.len() - suffix].to_vec(),
    })
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

    fn apply(old: &[u32], e: &DataEdit) -> Vec<u32> {
        let mut out = old.to_vec();
        out.splice(e.start..e.start + e.delete, e.insert.iter().copied());
        out
    }

    #[test]
    fn diff_keeps_whole_tokens() {
        let a = [0, 0, 21, 0, 0, 2, 1, 9, 1, 0];
        // The same arrays: no edit.
        assert_eq!(diff(&a, &a), None);
        // One length changes inside the second token: that whole token is replaced.
        let b = [0, 0, 21, 0, 0, 2, 1, 10, 1, 0];
        assert_eq!(diff(&a, &b), Some(DataEdit { start: 5, delete: 5, insert: vec![2, 1, 10, 1, 0] }));
        // A change in the first integer of the first token: the prefix is empty.
        let c = [1, 0, 21, 0, 0, 2, 1, 9, 1, 0];
        assert_eq!(diff(&a, &c), Some(DataEdit { start: 0, delete: 5, insert: vec![1, 0, 21, 0, 0] }));
        // A token inserted in the middle; one deleted at the end; everything cleared.
        let d = [0, 0, 21, 0, 0, 1, 0, 2, 3, 0, 2, 1, 9, 1, 0];
        assert_eq!(diff(&a, &d), Some(DataEdit { start: 5, delete: 0, insert: vec![1, 0, 2, 3, 0] }));
        assert_eq!(diff(&a, &a[..5]), Some(DataEdit { start: 5, delete: 5, insert: vec![] }));
        assert_eq!(diff(&a, &[]), Some(DataEdit { start: 0, delete: 10, insert: vec![] }));
        assert_eq!(diff(&[], &a), Some(DataEdit { start: 0, delete: 0, insert: a.to_vec() }));
    }

    #[test]
    fn diff_when_prefix_and_suffix_overlap() {
        // Repeated tokens: the common prefix and suffix would overlap; the edit stays inside both.
        let t = [0, 1, 2, 3, 0];
        let old: Vec<u32> = t.repeat(3);
        let new: Vec<u32> = t.repeat(2);
        let e = diff(&old, &new).unwrap();
        assert_eq!((e.delete, e.insert.len()), (5, 0));
        assert_eq!(apply(&old, &e), new);
        let e = diff(&new, &old).unwrap();
        assert_eq!((e.start, e.delete, e.insert.len()), (10, 0, 5));
        assert_eq!(apply(&new, &e), old);
    }

    #[test]
    fn diff_of_a_document_before_and_after_an_edit() {
        let flat = |text: &str| -> Vec<u32> {
            let doc = Document::new(text);
            // Absolute starts and lengths stand in for the relative encoding here.
            tokens(&doc, None)
                .iter()
                .flat_map(|t| [t.span.start as u32, 0, (t.span.end - t.span.start) as u32, t.kind as u32, 0])
                .collect()
        };
        let before = flat("La Asamblea General,\n\n*Recordando* « ñ » 𝔄 é,\n\n1. *Decide* ;\n\n2. *Pide*.\n");
        let after = flat("La Asamblea General,\n\n*Recordando* « ñ » 𝔄 é,\n\n1. *Decide* ;\n\n2. *Solicita*.\n");
        let e = diff(&before, &after).unwrap();
        assert_eq!(apply(&before, &e), after);
        // Only the changed verb's token is sent again.
        assert_eq!((e.start, e.delete, e.insert.len()), (before.len() - TOKEN_LEN, TOKEN_LEN, TOKEN_LEN));
    }

    proptest::proptest! {
        /// Applying the edit gives the new array, and the edit is as small as whole tokens allow:
        /// its first and last replaced tokens differ from what replaces them.
        #[test]
        fn diff_applies_and_is_minimal(
            old in proptest::collection::vec(proptest::collection::vec(0u32..3, TOKEN_LEN), 0..8),
            new in proptest::collection::vec(proptest::collection::vec(0u32..3, TOKEN_LEN), 0..8),
        ) {
            let (old, new): (Vec<u32>, Vec<u32>) = (old.concat(), new.concat());
            match diff(&old, &new) {
                None => proptest::prop_assert_eq!(&old, &new),
                Some(e) => {
                    proptest::prop_assert_eq!(apply(&old, &e), new.clone());
                    proptest::prop_assert_eq!(e.start % TOKEN_LEN + e.delete % TOKEN_LEN + e.insert.len() % TOKEN_LEN, 0);
                    let deleted = &old[e.start..e.start + e.delete];
                    if !deleted.is_empty() && !e.insert.is_empty() {
                        proptest::prop_assert_ne!(&deleted[..TOKEN_LEN], &e.insert[..TOKEN_LEN]);
                        proptest::prop_assert_ne!(&deleted[deleted.len() - TOKEN_LEN..], &e.insert[e.insert.len() - TOKEN_LEN..]);
                    }
                }
            }
        }
    }
}
