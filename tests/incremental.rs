//! Property tests: after every random edit, the incremental parse and the incremental check
//! (`diagnostics::Checker`) equal a parse and a check of the same text from scratch.

use proptest::prelude::*;
use resolution_ls::analysis::diagnostics::{self, Checker, diagnostics};
use resolution_ls::catalogue;
use resolution_ls::config::Config;
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
        let (config, cat) = (Config::default(), catalogue::builtin());
        let mut checker = Checker::default();
        checker.check(doc.parse(), &[], &config, cat);
        for e in &edits {
            let bounds = char_boundaries(&text);
            let i = e.at.index(bounds.len());
            let start = bounds[i];
            let end = bounds[(i + e.delete).min(bounds.len() - 1)];
            text.replace_range(start..end, &e.insert);
            let reparsed = doc.replace(start..end, &e.insert).expect("incremental");
            prop_assert_eq!(doc.text(), text.clone());
            let fresh = Parse::new(&text);
            prop_assert_eq!(doc.parse(), &fresh, "text {:?}", text);
            let expected = diagnostics(&fresh);
            prop_assert_eq!(diagnostics(doc.parse()), expected.clone());
            prop_assert_eq!(checker.check(doc.parse(), &[reparsed], &config, cat), &expected[..], "text {:?}", text);
        }
    }
}

/// A French draft with every kind of finding the rules make: numbering, sub-paragraphs,
/// footnotes, cross-references, punctuation, openings, agreement, spacing, citations,
/// brackets, inline settings.
const DRAFT: &str = "L’Assemblée générale,\n\n*Rappelant* sa résolution 70/1 du 25 septembre 2015[^1],\n\n\
*Convaincu* que « é » ñ 𝔄 ;\n\n*Notant* le paragraphe 2 ci-après,\n\n1. *Décide* :\n   a) de faire rapport ;\n   \
c) de faire [ñ] rapport ;\n\n2. *Prie* le Secrétaire général de donner suite au paragraphe 1 b) ci-dessus[^2];\n\n\
<!-- resolution-ls: disable-next punctuation-operative -->\n\n4. *Demande* instamment 𝔄.\n\n\
3 bis *Engage* les États[^1] ;\n\n5. *Décide* de rester saisie de la question.\n\n[^1]: Résolution 66/3.\n\
[^2]: A/RES/70/1.\n[^3]: Voir A/70/1.\n";

/// Keystrokes: what a drafter types and deletes, at any place.
const KEYS: &[&str] = &["é", "a", " ", ";", ",", ".", ":", "9", "1", "\u{a0}", "[^2]", "a) ", "𝔄", "\n", "*", "«"];

/// A French draft with two annexes (three numbering scopes) and cross-references within each
/// scope and between them ("de la présente résolution", "de la présente annexe", above and
/// below), with sub-paragraphs to point at.
const ANNEXES: &str = "L’Assemblée générale,\n\n*Rappelant* le paragraphe 2 de la présente résolution,\n\n\
1. *Décide* que le paragraphe 1 de la présente annexe s’applique :\n   a) é ;\n   b) ñ ;\n\n\
2. *Prie* le Secrétaire général de donner suite au paragraphe 1 a) ci-dessus et au paragraphe 3 ci-après ;\n\n\
3. *Décide* de rester saisie de la question.\n\nAnnexe I\n\n\
1. Texte « é » conforme au paragraphe 2 ci-après et au paragraphe 1 b) de la présente résolution ;\n\n\
2. Texte 𝔄 visé au paragraphe 1 ci-dessus :\n   a) un ;\n   b) deux ;\n\n3. Voir le paragraphe 4 ci-dessus.\n\n\
Annexe II\n\n1. Texte du paragraphe 2 b) de la présente annexe et du paragraphe 3 de la présente résolution ;\n\n\
2. Texte ñ :\n   a) un ;\n   b) deux, visé au paragraphe 2 a) ci-dessus.\n";

/// 3,000 keystrokes (a deterministic pseudo-random sequence) typed and deleted anywhere in
/// `draft`: after each one, the incremental check equals a fresh check. In so short a draft
/// a third of the keystrokes land on a blank line, a label or a line break (which add or
/// remove a block or change a head: a full check); the rest take the incremental path.
fn keystrokes_equal_a_fresh_check(draft: &str, mut seed: u64) {
    let mut text = draft.to_string();
    let mut doc = Document::new(&text);
    let (config, cat) = (Config::default(), catalogue::builtin());
    let mut checker = Checker::default();
    checker.check(doc.parse(), &[], &config, cat);
    let mut next = |n: usize| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n
    };
    let (mut incremental, total) = (0, 3000);
    for step in 0..total {
        if step % 500 == 0 {
            text = draft.to_string(); // start again before the draft drifts too far
            doc = Document::new(&text);
            checker.check(doc.parse(), &[], &config, cat);
        }
        let bounds = char_boundaries(&text);
        let i = next(bounds.len());
        let delete = next(3) == 0;
        let (start, end) =
            if delete { (bounds[i], bounds[(i + 1).min(bounds.len() - 1)]) } else { (bounds[i], bounds[i]) };
        let insert = if delete { "" } else { KEYS[next(KEYS.len())] };
        text.replace_range(start..end, insert);
        let reparsed = doc.replace(start..end, insert).expect("incremental");
        let expected = diagnostics::diagnostics(&Parse::new(&text));
        assert_eq!(checker.check(doc.parse(), &[reparsed], &config, cat), &expected[..], "step {step}, text {text:?}");
        incremental += usize::from(checker.last_was_incremental);
    }
    assert!(incremental * 4 > total, "only {incremental} of {total} keystrokes were checked incrementally");
}

#[test]
fn keystrokes_checked_incrementally_equal_a_fresh_check() {
    keystrokes_equal_a_fresh_check(DRAFT, 0x5eed);
}

#[test]
fn keystrokes_in_a_draft_with_annexes_equal_a_fresh_check() {
    assert!(!diagnostics::diagnostics(&Parse::new(ANNEXES)).iter().any(|d| d.code == "numbering-gap"));
    keystrokes_equal_a_fresh_check(ANNEXES, 0xa11e);
}

/// Digits typed before and after a paragraph number in each scope, and in a cross-reference's
/// number: each is checked incrementally (numbering re-checks the scope, cross-references
/// those into it) and equals a fresh check.
#[test]
fn renumbering_keystrokes_in_each_scope_are_incremental() {
    let mut doc = Document::new(ANNEXES);
    let (config, cat) = (Config::default(), catalogue::builtin());
    let mut checker = Checker::default();
    checker.check(doc.parse(), &[], &config, cat);
    let sites: Vec<usize> = ANNEXES
        .match_indices("\n2. ")
        .map(|(i, _)| i + 1)
        .chain(ANNEXES.find("paragraphe 3 ci-après").map(|i| i + 11))
        .collect();
    assert_eq!(sites.len(), 4);
    for at in sites {
        for key in ["9", "1"] {
            let r = doc.replace(at..at, key).expect("incremental");
            let expected = diagnostics::diagnostics(&Parse::new(&doc.text()));
            assert_ne!(
                checker.check(doc.parse(), &[r], &config, cat),
                &diagnostics::diagnostics(&Parse::new(ANNEXES))[..]
            );
            assert!(checker.last_was_incremental, "{key} typed at {at}");
            assert_eq!(checker.result(), &expected[..], "{key} typed at {at}");
            let r = doc.replace(at..at + 1, "").expect("incremental");
            checker.check(doc.parse(), &[r], &config, cat);
            assert!(checker.last_was_incremental);
            assert_eq!(checker.result(), &diagnostics::diagnostics(&Parse::new(ANNEXES))[..]);
        }
    }
}

/// One keystroke inside a paragraph takes the incremental path.
#[test]
fn keystrokes_take_the_incremental_path() {
    let mut doc = Document::new(DRAFT);
    let (config, cat) = (Config::default(), catalogue::builtin());
    let mut checker = Checker::default();
    checker.check(doc.parse(), &[], &config, cat);
    assert!(!checker.last_was_incremental);
    let at = DRAFT.find("de faire rapport").unwrap() + 3;
    let r = doc.replace(at..at, "é");
    checker.check(doc.parse(), &[r.unwrap()], &config, cat);
    assert!(checker.last_was_incremental, "a keystroke inside a paragraph");
    assert_eq!(checker.result(), &diagnostics::diagnostics(&Parse::new(&doc.text()))[..]);
}
