//! Property test: after every random edit, the incremental parse and its diagnostics equal a
//! parse of the same text from scratch.

use proptest::prelude::*;
use resolution_ls::analysis::diagnostics;
use resolution_ls::document::Document;
use resolution_ls::syntax::Parse;

/// Pieces drafts are made of, including the characters that break naive offset code.
const PIECES: &[&str] = &[
    "\n",
    "\n\n",
    "\r\n",
    "\r\n\r\n",
    "\r",
    " ",
    "\t",
    "\u{a0}",
    "é",
    "«",
    "»",
    "ñ",
    "𝔄",
    "\u{2028}",
    "1. ",
    "2. ",
    "3. ",
    "17.\t",
    "3 bis ",
    "(a) ",
    "a) ",
    "b) ",
    "(i) ",
    "ii) ",
    "   c) ",
    "[^1]",
    "[^2]",
    "[^1]: ",
    "[^2]: ",
    "[^x]: ",
    "Annexe",
    "# Annex II",
    "---\n",
    "lang: fr\n",
    "L’Assemblée générale,",
    "The Security Council,",
    "*Rappelant* ",
    "Décide",
    "73e séance plénière",
    "[alternative]",
    ";",
    ",",
    ".",
    "texte",
    "word ",
];

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|v| v.concat())
}

#[derive(Debug, Clone)]
struct Edit {
    at: prop::sample::Index,
    delete: usize,
    insert: String,
}

fn edit_strategy() -> impl Strategy<Value = Edit> {
    (any::<prop::sample::Index>(), prop_oneof![Just(0usize), 0..4usize, 0..40usize], text_strategy())
        .prop_map(|(at, delete, insert)| Edit { at, delete, insert: insert.chars().take(12).collect() })
}

fn char_boundaries(s: &str) -> Vec<usize> {
    s.char_indices().map(|(i, _)| i).chain(std::iter::once(s.len())).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn incremental_equals_fresh(initial in text_strategy(), edits in prop::collection::vec(edit_strategy(), 1..25)) {
        let mut text = initial.clone();
        let mut doc = Document::new(&initial);
        for e in &edits {
            let bounds = char_boundaries(&text);
            let i = e.at.index(bounds.len());
            let start = bounds[i];
            let end = bounds[(i + e.delete).min(bounds.len() - 1)];
            text.replace_range(start..end, &e.insert);
            doc.replace(start..end, &e.insert);
            prop_assert_eq!(doc.text(), text.clone());
            let fresh = Parse::new(&text);
            prop_assert_eq!(doc.parse(), &fresh, "text {:?}", text);
            prop_assert_eq!(diagnostics(doc.parse()), diagnostics(&fresh));
        }
    }
}
