//! `french-spacing`: spaces before ; : ! ? and inside « » in French texts, by profile.
//!
//! - `un-ga` (GA, ECOSOC, HRC): a space before ; and : (and ! ?), inside « ».
//! - `un-sc` (Security Council): a space before : only; none before ;.
//! - `imprimerie-nationale`: U+202F before ; ! ?, U+00A0 before : and inside « ».
//! - `none`: no check.
//! - `auto` (default): consistency within the document. Real adopted texts differ by organ and
//!   era (the 1993 GA text 48/161 has no space before ";"), so by default each mark is expected
//!   to be spaced the way most of its occurrences in the document are.

use super::Ctx;
use crate::analysis::{Diagnostic, Severity, TextEdit};
use crate::config::FrenchSpacing;
use crate::syntax::{Block, Lang, Punct, Role, Space, Span};

/// What a mark wants: a space (any kind), a given kind, or none.
#[derive(Clone, Copy, PartialEq)]
enum Want {
    Any,
    Kind(Space),
    No,
    Unchecked,
}

fn class(ch: char) -> usize {
    match ch {
        ';' => 0,
        ':' => 1,
        '!' | '?' => 2,
        _ => 3, // « »
    }
}

fn profile_want(p: FrenchSpacing, ch: char) -> Want {
    match (p, class(ch)) {
        (FrenchSpacing::UnGa, _) => Want::Any,
        (FrenchSpacing::UnSc, 0) => Want::No,
        (FrenchSpacing::UnSc, 2) => Want::Unchecked,
        (FrenchSpacing::UnSc, _) => Want::Any,
        (FrenchSpacing::ImprimerieNationale, 0 | 2) => Want::Kind(Space::NarrowNoBreak),
        (FrenchSpacing::ImprimerieNationale, _) => Want::Kind(Space::NoBreak),
        _ => Want::Unchecked,
    }
}

fn spaced(s: Space) -> bool {
    matches!(s, Space::Normal | Space::NoBreak | Space::NarrowNoBreak)
}

fn describe(p: &Punct) -> String {
    match p.ch {
        '«' => "after “«”".to_string(),
        '»' => "before “»”".to_string(),
        c => format!("before “{c}”"),
    }
}

fn checked_role(role: &Role) -> bool {
    matches!(role, Role::Preambular | Role::Operative { .. } | Role::Unnumbered { .. } | Role::SubParagraphs { .. })
}

/// The marks the rule checks in the blocks of `ctx.range`, with absolute spans (edges of
/// lines left out).
fn marks(ctx: &Ctx) -> Vec<Punct> {
    let mut all: Vec<Punct> = Vec::new();
    let blocks = ctx.parse.blocks();
    for i in ctx.range.clone() {
        let b = &blocks[i];
        if checked_role(&ctx.structure.roles[i]) {
            all.extend(b.data.puncts.iter().filter(|p| p.space != Space::Edge).map(|p| Punct {
                span: b.abs(p.span),
                space_span: b.abs(p.space_span),
                ..*p
            }));
        }
    }
    all
}

/// Spaced and unspaced marks per class (what `auto` reads), of one block.
pub type MarkCounts = [(usize, usize); 4];

/// The marks of one block in a role the rule checks, counted.
pub fn block_counts(b: &Block, role: &Role) -> MarkCounts {
    let mut counts = [(0usize, 0usize); 4];
    if checked_role(role) {
        for p in b.data.puncts.iter().filter(|p| p.space != Space::Edge) {
            let c = &mut counts[class(p.ch)];
            if spaced(p.space) { c.0 += 1 } else { c.1 += 1 }
        }
    }
    counts
}

/// Adds (`sign` true) or takes away one block's counts.
pub fn add_counts(total: &mut MarkCounts, part: &MarkCounts, sign: bool) {
    for (t, p) in total.iter_mut().zip(part) {
        if sign {
            t.0 += p.0;
            t.1 += p.1;
        } else {
            t.0 -= p.0;
            t.1 -= p.1;
        }
    }
}

/// What `auto` expects of each class under these counts (the majority; ties: spaced).
pub fn majorities(counts: &MarkCounts) -> [bool; 4] {
    counts.map(|(yes, no)| yes >= no)
}

fn want(profile: FrenchSpacing, counts: &[(usize, usize); 4], ch: char) -> Want {
    match profile {
        FrenchSpacing::Auto => {
            // The majority of the class (ties: spaced).
            let (yes, no) = counts[class(ch)];
            if yes >= no { Want::Any } else { Want::No }
        }
        other => profile_want(other, ch),
    }
}

/// The space before a mark that the rule wants, for edits that write the mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpaceBefore {
    /// The space to write ("" for none): U+202F before ; ! ?, U+00A0 before :, unless the
    /// profile says otherwise.
    pub text: &'static str,
    /// Whether an existing space of another kind must be replaced by `text`.
    pub exact: bool,
}

/// The space a French text wants before `ch` (";" or ":") under its settings, the way the
/// `french-spacing` rule counts; `None` when the rule does not check it (other languages,
/// profile "none").
pub fn space_before(ctx: &Ctx, ch: char) -> Option<SpaceBefore> {
    if ctx.structure.lang != Some(Lang::Fr) || ctx.config.french_spacing == FrenchSpacing::None {
        return None;
    }
    let profile = ctx.config.french_spacing;
    match want(profile, &ctx.marks, ch) {
        Want::Unchecked => None,
        Want::No => Some(SpaceBefore { text: "", exact: true }),
        Want::Kind(Space::NarrowNoBreak) => Some(SpaceBefore { text: "\u{202f}", exact: true }),
        Want::Kind(_) => Some(SpaceBefore { text: "\u{a0}", exact: true }),
        Want::Any if matches!(ch, ';' | '!' | '?') => Some(SpaceBefore { text: "\u{202f}", exact: false }),
        Want::Any => Some(SpaceBefore { text: "\u{a0}", exact: false }),
    }
}

pub fn check(acc: &mut Vec<Diagnostic>, ctx: &Ctx) {
    if ctx.structure.lang != Some(Lang::Fr) || ctx.config.french_spacing == FrenchSpacing::None {
        return;
    }
    let all = marks(ctx);
    let profile = ctx.config.french_spacing;
    for p in &all {
        let want = want(profile, &ctx.marks, p.ch);
        let ok = match want {
            Want::Unchecked => true,
            Want::Any => spaced(p.space),
            Want::No => !spaced(p.space),
            Want::Kind(k) => p.space == k,
        };
        if ok {
            continue;
        }
        let why =
            if profile == FrenchSpacing::Auto { "as elsewhere in this document" } else { "under this spacing profile" };
        let message = match want {
            Want::No => format!("no space {} {why}", describe(p)),
            Want::Kind(Space::NarrowNoBreak) => format!("a narrow no-break space (U+202F) {} {why}", describe(p)),
            Want::Kind(_) => format!("a no-break space (U+00A0) {} {why}", describe(p)),
            _ => format!("a space {} {why}", describe(p)),
        };
        let span = if spaced(p.space) { p.space_span } else { p.span };
        // The space to put: the profile's kind, else U+202F before ; ! ? and U+00A0 elsewhere.
        let space = match want {
            Want::No => "",
            Want::Kind(Space::NarrowNoBreak) => "\u{202f}",
            Want::Kind(_) => "\u{a0}",
            _ if matches!(p.ch, ';' | '!' | '?') => "\u{202f}",
            _ => "\u{a0}",
        };
        let edit = if spaced(p.space) {
            TextEdit::new(p.space_span, space)
        } else if p.ch == '«' {
            TextEdit::new(Span::new(p.span.end, p.span.end), space)
        } else {
            TextEdit::new(Span::new(p.span.start, p.span.start), space)
        };
        let title =
            if space.is_empty() { "Remove the space".to_string() } else { "Insert a no-break space".to_string() };
        acc.push(Diagnostic::new("french-spacing", Severity::Warning, span, message).fix(title, vec![edit]));
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::diagnostics::diagnostics_with;
    use crate::analysis::fixture::{check_diagnostics, render, strip_carets};
    use crate::config::{Config, FrenchSpacing};
    use crate::syntax::Parse;

    #[test]
    fn auto_follows_the_document() {
        check_diagnostics(
            r#"
L’Assemblée générale,

*Rappelant* « é », ñ : 𝔄,

1. *Prie* X ; *Décide* Y ;

2. *Invite* Z; *Décide* « W ».
             ^ warning[french-spacing]: a space before “;” as elsewhere in this document
"#,
        );
    }

    #[test]
    fn profiles() {
        let text = strip_carets("Le Conseil de sécurité,\n\n1. *Décide* « é » : ñ ; 𝔄\u{202f}!\n");
        let show = |p| {
            let config = Config { french_spacing: p, ..Config::default() };
            render(&text, &diagnostics_with(&Parse::new(&text), &config))
        };
        expect_test::expect![[r#"
            Le Conseil de sécurité,

            1. *Décide* « é » : ñ ; 𝔄 !
                                 ^ warning[french-spacing]: no space before “;” under this spacing profile
                                      ^ warning[punctuation-final]: the last operative paragraph has no final punctuation; expected “.”
        "#]]
        .assert_eq(&show(FrenchSpacing::UnSc));
        expect_test::expect![[r#"
            Le Conseil de sécurité,

            1. *Décide* « é » : ñ ; 𝔄 !
                         ^ warning[french-spacing]: a no-break space (U+00A0) after “«” under this spacing profile
                           ^ warning[french-spacing]: a no-break space (U+00A0) before “»” under this spacing profile
                             ^ warning[french-spacing]: a no-break space (U+00A0) before “:” under this spacing profile
                                 ^ warning[french-spacing]: a narrow no-break space (U+202F) before “;” under this spacing profile
                                      ^ warning[punctuation-final]: the last operative paragraph has no final punctuation; expected “.”
        "#]]
        .assert_eq(&show(FrenchSpacing::ImprimerieNationale));
    }
}
