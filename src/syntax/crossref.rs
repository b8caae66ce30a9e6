//! Paragraph cross-references inside a block ("paragraph 5 above", "paragraphes 3 et 4
//! ci-après", "el párrafo 7 de la presente resolución"). Context-free: all three languages'
//! patterns are tried on every block. Offsets are relative to the text passed in.

use super::Span;

/// Where a reference says its target is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// "above", "ci-dessus", "supra"
    Above,
    /// "below", "ci-après", "ci-dessous", "infra"
    Below,
    /// "of the present resolution", "de la présente résolution", "de la presente resolución"
    Resolution,
    /// "of the present annex", "de la présente annexe", "del presente anexo"
    Annex,
}

/// One paragraph a reference points to: "2 (a)" is number 2, sub-paragraph "a".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefTarget {
    pub number: u32,
    pub number_span: Span,
    pub sub: Option<(String, Span)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrossRef {
    /// The whole reference, from "paragraph" to the direction words.
    pub span: Span,
    pub targets: Vec<RefTarget>,
    pub direction: Direction,
    /// "paragraphs 3 to 5": `targets` holds the two ends.
    pub range: bool,
}

/// Finds the cross-references in a block's text.
pub fn find(_text: &str) -> Vec<CrossRef> {
    Vec::new()
}
