//! `punctuation-preambular`, `punctuation-operative`, `punctuation-final`, `punctuation-colon`:
//! preambular paragraphs end with ",", operative paragraphs with ";" and the last one with ".",
//! and a paragraph that introduces sub-paragraphs with ":". Only the resolution itself is
//! checked: annexes follow their own conventions.

use std::cell::OnceCell;

use super::Ctx;
use super::spacing::{SpaceBefore, space_before};
use crate::analysis::openings::opening;
use crate::analysis::{Diagnostic, Severity, TextEdit};
use crate::lexicon::Kind;
use crate::syntax::{Block, Ending, Lang, Role, Span};

/// A paragraph with the sub-paragraphs of its continuation blocks.
struct Unit<'a> {
    lead: Option<Ending>,
    /// Label span and ending of each sub-paragraph.
    subs: Vec<(Span, Option<Ending>)>,
    block: &'a Block,
    index: usize,
}

/// The paragraphs of blocks `range` that `want` picks, with their continuation blocks.
fn units<'a>(
    blocks: &'a [Block],
    roles: &[Role],
    range: std::ops::Range<usize>,
    want: impl Fn(usize, &Role) -> bool,
) -> Vec<Unit<'a>> {
    let mut out: Vec<Unit> = Vec::new();
    let mut open = false;
    for i in range {
        let (b, role) = (&blocks[i], &roles[i]);
        let subs = b.data.sub_labels.iter().zip(&b.data.sub_ends).map(|(l, e)| (b.abs(l.span), e.map(|e| abs(b, e))));
        if want(i, role) {
            out.push(Unit { lead: b.data.lead_end.map(|e| abs(b, e)), subs: subs.collect(), block: b, index: i });
            open = true;
        } else if matches!(role, Role::SubParagraphs { scope: 0 }) && open {
            out.last_mut().expect("open unit").subs.extend(subs);
        } else if !matches!(role, Role::Comment) {
            open = false;
        }
    }
    out
}

/// `range` widened to whole paragraphs: back to the block that a paragraph's continuation
/// blocks belong to, on over the continuation blocks after it.
pub(super) fn whole_paragraphs(roles: &[Role], range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let continues = |r: &Role| matches!(r, Role::SubParagraphs { .. } | Role::Comment);
    let mut start = range.start;
    while start > 0 && roles.get(start).is_some_and(continues) {
        start -= 1;
    }
    let mut end = range.end;
    while end < roles.len() && continues(&roles[end]) {
        end += 1;
    }
    start..end
}

/// Whether block `i` opens an operative paragraph of the resolution: a numbered one, or an
/// unnumbered one that opens with an operative verb (a section heading such as "Measures"
/// does not).
pub fn is_operative(blocks: &[Block], lang: Option<crate::syntax::Lang>, i: usize, r: &Role) -> bool {
    match r {
        Role::Operative { scope: 0 } => true,
        Role::Unnumbered { scope: 0 } => lang.is_some_and(|l| opening(&blocks[i], l, Kind::Operative).is_some()),
        _ => false,
    }
}

fn abs(b: &Block, e: Ending) -> Ending {
    Ending { ch: e.ch, span: b.abs(e.span) }
}

fn show(c: char) -> String {
    format!("“{c}”")
}

/// The space French typography wants before each final mark: ";" and ":" as the
/// `french-spacing` rule counts, none before "," and "."; `None` everywhere outside French.
/// Computed on first use: most French texts need no fix.
struct French<'a> {
    ctx: &'a Ctx<'a>,
    semicolon: OnceCell<Option<SpaceBefore>>,
    colon: OnceCell<Option<SpaceBefore>>,
}

impl<'a> French<'a> {
    fn new(ctx: &'a Ctx<'a>) -> Option<French<'a>> {
        (ctx.structure.lang == Some(Lang::Fr)).then(|| French {
            ctx,
            semicolon: OnceCell::new(),
            colon: OnceCell::new(),
        })
    }

    fn before(&self, ch: char) -> Option<SpaceBefore> {
        match ch {
            ';' => *self.semicolon.get_or_init(|| space_before(self.ctx, ';')),
            ':' => *self.colon.get_or_init(|| space_before(self.ctx, ':')),
            _ => Some(SpaceBefore { text: "", exact: true }),
        }
    }
}

/// The edit that writes `want` over `span` (an empty span: after the text), with the space
/// French wants before it: « agir. » → « agir ; », « rapport ; » → « rapport. ».
fn write_mark(block: &Block, span: Span, want: char, french: Option<&French>) -> TextEdit {
    let plain = TextEdit::new(span, want.to_string());
    let Some(space) = french.and_then(|f| f.before(want)) else { return plain };
    let Some(before) = block.text.get(..span.start.saturating_sub(block.start)) else { return plain };
    let ws = &before[before.trim_end_matches([' ', '\u{a0}', '\u{202f}']).len()..];
    let keep = if space.text.is_empty() { ws.is_empty() } else { !ws.is_empty() && (!space.exact || ws == space.text) };
    if keep {
        plain
    } else {
        TextEdit::new(Span::new(span.start - ws.len(), span.end), format!("{}{want}", space.text))
    }
}

fn expect(
    acc: &mut Vec<Diagnostic>,
    code: &'static str,
    what: &str,
    end: Option<Ending>,
    allowed: &[char],
    block: &Block,
    french: Option<&French>,
) {
    let want = allowed[0];
    match end {
        Some(e) if allowed.contains(&e.ch) => {}
        Some(e) if matches!(e.ch, ',' | ';' | '.' | ':') => acc.push(
            Diagnostic::new(
                code,
                Severity::Warning,
                e.span,
                format!("{what} ends with {}, not {}", show(want), show(e.ch)),
            )
            .fix(format!("End with {}", show(want)), vec![write_mark(block, e.span, want, french)]),
        ),
        Some(e) => acc.push(
            Diagnostic::new(
                code,
                Severity::Warning,
                e.span,
                format!("{what} has no final punctuation; expected {}", show(want)),
            )
            .fix(
                format!("Add {}", show(want)),
                vec![write_mark(block, Span::new(e.span.end, e.span.end), want, french)],
            ),
        ),
        None => acc.push(Diagnostic::new(
            code,
            Severity::Warning,
            Span::new(block.start, block.start),
            format!("{what} is empty; expected text ending with {}", show(want)),
        )),
    }
}

pub fn check(acc: &mut Vec<Diagnostic>, ctx: &Ctx) {
    let blocks = ctx.parse.blocks();
    let roles = ctx.drafting;
    let lang = ctx.structure.lang;
    let french = French::new(ctx);
    let french = french.as_ref();
    let window = whole_paragraphs(roles, ctx.range.clone());
    for u in units(blocks, roles, window.clone(), |_, r| *r == Role::Preambular) {
        if u.subs.is_empty() {
            expect(acc, "punctuation-preambular", "a preambular paragraph", u.lead, &[','], u.block, french);
        } else {
            expect(
                acc,
                "punctuation-colon",
                "a paragraph that introduces sub-paragraphs",
                u.lead,
                &[':'],
                u.block,
                french,
            );
            let last = u.subs.len() - 1;
            for (i, (_, end)) in u.subs.iter().enumerate() {
                let allowed: &[char] = if i == last { &[','] } else { &[',', ';', ':'] };
                expect(acc, "punctuation-preambular", "a preambular sub-paragraph", *end, allowed, u.block, french);
            }
        }
    }
    // Operative paragraphs; the last one ends with a full stop.
    let ops = units(blocks, roles, window, |i, r| is_operative(blocks, lang, i, r));
    for u in &ops {
        let last_paragraph = Some(u.index) == ctx.last_operative;
        let (final_code, final_char, final_what) = if last_paragraph {
            ("punctuation-final", '.', "the last operative paragraph")
        } else {
            ("punctuation-operative", ';', "an operative paragraph other than the last")
        };
        if u.subs.is_empty() {
            expect(acc, final_code, final_what, u.lead, &[final_char], u.block, french);
            continue;
        }
        expect(acc, "punctuation-colon", "a paragraph that introduces sub-paragraphs", u.lead, &[':'], u.block, french);
        let last = u.subs.len() - 1;
        for (i, (_, end)) in u.subs.iter().enumerate() {
            if i == last {
                let what = if last_paragraph {
                    "the last sub-paragraph of the last operative paragraph"
                } else {
                    "the last sub-paragraph of an operative paragraph other than the last"
                };
                expect(acc, final_code, what, *end, &[final_char], u.block, french);
            } else {
                expect(
                    acc,
                    "punctuation-operative",
                    "a sub-paragraph other than the last",
                    *end,
                    &[';', ':'],
                    u.block,
                    french,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::fixture::check_diagnostics;

    #[test]
    fn english_paragraph_endings() {
        check_diagnostics(
            r#"
The General Assembly,

*Recalling* « é » ñ 𝔄;
                     ^ warning[punctuation-preambular]: a preambular paragraph ends with “,”, not “;”

*Noting* the report,[^1]

1. *Decides* that:
   (a) One;
   (b) Two.
          ^ warning[punctuation-operative]: the last sub-paragraph of an operative paragraph other than the last ends with “;”, not “.”

2. *Requests* the Secretary-General.
                                   ^ warning[punctuation-operative]: an operative paragraph other than the last ends with “;”, not “.”

3. *Urges* States to act; and

4. *Decides* to remain seized of the matter;
                                           ^ warning[punctuation-final]: the last operative paragraph ends with “.”, not “;”

[^1]: A/72/1.
"#,
        );
    }

    #[test]
    fn french_colon_and_missing_punctuation() {
        check_diagnostics(
            r#"
L’Assemblée générale,

*Rappelant* « é »,

1. *Prie* le Secrétaire général ;
                                ^ warning[punctuation-colon]: a paragraph that introduces sub-paragraphs ends with “:”, not “;”
   a) ñ ;
   b) 𝔄 ;

2. *Décide* de rester saisie de la question
                                          ^ warning[punctuation-final]: the last operative paragraph has no final punctuation; expected “.”

Annexe

1. Texte libre sans ponctuation
"#,
        );
    }

    /// The fixes write French marks with the spacing the `french-spacing` rule wants: no space
    /// before “,” and “.”, and before “;” and “:” the document's usage or the profile's.
    #[test]
    fn french_fixes_follow_the_spacing() {
        use crate::analysis::apply_edits;
        use crate::analysis::diagnostics::diagnostics_with;
        use crate::config::{Config, FrenchSpacing};
        use crate::syntax::Parse;
        let fix_all = |text: &str, profile| {
            let config = Config { french_spacing: profile, ..Config::default() };
            let diags = diagnostics_with(&Parse::new(text), &config);
            let edits: Vec<_> = diags
                .iter()
                .filter(|d| d.code.starts_with("punctuation"))
                .flat_map(|d| d.fixes[0].edits.clone())
                .collect();
            let fixed = apply_edits(text, &edits);
            let left: Vec<_> = diagnostics_with(&Parse::new(&fixed), &config).into_iter().map(|d| d.code).collect();
            (fixed, left)
        };
        let text = "L’Assemblée générale,\n\n*Rappelant* « é » ñ 𝔄 ;\n\n1. *Prie* « é » ñ 𝔄 le Secrétaire général\n   a) D’agir ;\n   b) 𝔄.\n\n2. *Décide* d’agir :\n";
        let (fixed, left) = fix_all(text, FrenchSpacing::Auto);
        assert_eq!(
            fixed,
            "L’Assemblée générale,\n\n*Rappelant* « é » ñ 𝔄,\n\n1. *Prie* « é » ñ 𝔄 le Secrétaire général\u{a0}:\n   a) D’agir ;\n   b) 𝔄\u{202f};\n\n2. *Décide* d’agir.\n"
        );
        assert_eq!(left, [] as [&str; 0]);
        // The same text where the document writes “;” unspaced, and under the profiles.
        let unspaced = text.replace("D’agir ;", "D’agir;").replace("ñ 𝔄 ;", "ñ 𝔄;");
        let (fixed, left) = fix_all(&unspaced, FrenchSpacing::Auto);
        assert!(fixed.contains("   b) 𝔄;\n"), "{fixed}");
        assert_eq!(left, [] as [&str; 0]);
        let (fixed, _) = fix_all(&unspaced, FrenchSpacing::UnSc);
        assert!(fixed.contains("   b) 𝔄;\n") && fixed.contains("général\u{a0}:\n"), "{fixed}");
        let (fixed, _) = fix_all(text, FrenchSpacing::ImprimerieNationale);
        assert!(fixed.contains("   b) 𝔄\u{202f};\n"), "{fixed}");
        let (fixed, _) = fix_all(text, FrenchSpacing::None);
        assert!(fixed.contains("   b) 𝔄;\n") && fixed.contains("général:\n"), "{fixed}");
        // English keeps its marks as they are.
        let (fixed, _) =
            fix_all("The General Assembly,\n\n*Recalling* « é » ;\n\n1. *Decides* 𝔄 ;\n", FrenchSpacing::Auto);
        assert_eq!(fixed, "The General Assembly,\n\n*Recalling* « é » ,\n\n1. *Decides* 𝔄 .\n");
    }

    #[test]
    fn spanish_single_unnumbered_operative_paragraph() {
        check_diagnostics(
            r#"
El Consejo Económico y Social,

*Recordando* « ñ »,

*Formula* las siguientes recomendaciones:
   a) Uno;
   b) Dos.

Novena sesión plenaria
9 de junio de 2021
"#,
        );
    }
}
