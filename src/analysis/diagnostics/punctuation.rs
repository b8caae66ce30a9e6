//! `punctuation-preambular`, `punctuation-operative`, `punctuation-final`, `punctuation-colon`:
//! preambular paragraphs end with ",", operative paragraphs with ";" and the last one with ".",
//! and a paragraph that introduces sub-paragraphs with ":". Only the resolution itself is
//! checked: annexes follow their own conventions.

use super::Ctx;
use crate::analysis::openings::{drafting_roles, opening};
use crate::analysis::{Diagnostic, Severity, TextEdit};
use crate::lexicon::Kind;
use crate::syntax::{Block, Ending, Role, Span};

/// A paragraph with the sub-paragraphs of its continuation blocks.
struct Unit<'a> {
    lead: Option<Ending>,
    /// Label span and ending of each sub-paragraph.
    subs: Vec<(Span, Option<Ending>)>,
    block: &'a Block,
}

fn units<'a>(blocks: &'a [Block], roles: &[Role], want: impl Fn(usize, &Role) -> bool) -> Vec<Unit<'a>> {
    let mut out: Vec<Unit> = Vec::new();
    let mut open = false;
    for (i, (b, role)) in blocks.iter().zip(roles).enumerate() {
        let subs = b.data.sub_labels.iter().zip(&b.data.sub_ends).map(|(l, e)| (b.abs(l.span), e.map(|e| abs(b, e))));
        if want(i, role) {
            out.push(Unit { lead: b.data.lead_end.map(|e| abs(b, e)), subs: subs.collect(), block: b });
            open = true;
        } else if matches!(role, Role::SubParagraphs { scope: 0 }) && open {
            out.last_mut().expect("open unit").subs.extend(subs);
        } else if !matches!(role, Role::Comment) {
            open = false;
        }
    }
    out
}

fn abs(b: &Block, e: Ending) -> Ending {
    Ending { ch: e.ch, span: b.abs(e.span) }
}

fn show(c: char) -> String {
    format!("“{c}”")
}

fn expect(
    acc: &mut Vec<Diagnostic>,
    code: &'static str,
    what: &str,
    end: Option<Ending>,
    allowed: &[char],
    block: &Block,
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
            .fix(format!("End with {}", show(want)), vec![TextEdit::new(e.span, want.to_string())]),
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
                vec![TextEdit::new(Span::new(e.span.end, e.span.end), want.to_string())],
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
    let roles = drafting_roles(blocks, ctx.structure);
    let lang = ctx.structure.lang;
    for u in units(blocks, &roles, |_, r| *r == Role::Preambular) {
        if u.subs.is_empty() {
            expect(acc, "punctuation-preambular", "a preambular paragraph", u.lead, &[','], u.block);
        } else {
            expect(acc, "punctuation-colon", "a paragraph that introduces sub-paragraphs", u.lead, &[':'], u.block);
            let last = u.subs.len() - 1;
            for (i, (_, end)) in u.subs.iter().enumerate() {
                let allowed: &[char] = if i == last { &[','] } else { &[',', ';', ':'] };
                expect(acc, "punctuation-preambular", "a preambular sub-paragraph", *end, allowed, u.block);
            }
        }
    }
    // Operative paragraphs: numbered ones, and an unnumbered one that opens with an operative
    // verb (a section heading such as "Measures" does not).
    let is_operative = |i: usize, r: &Role| match r {
        Role::Operative { scope: 0 } => true,
        Role::Unnumbered { scope: 0 } => lang.is_some_and(|l| opening(&blocks[i], l, Kind::Operative).is_some()),
        _ => false,
    };
    let ops = units(blocks, &roles, is_operative);
    let n = ops.len();
    for (k, u) in ops.iter().enumerate() {
        let last_paragraph = k + 1 == n;
        let (final_code, final_char, final_what) = if last_paragraph {
            ("punctuation-final", '.', "the last operative paragraph")
        } else {
            ("punctuation-operative", ';', "an operative paragraph other than the last")
        };
        if u.subs.is_empty() {
            expect(acc, final_code, final_what, u.lead, &[final_char], u.block);
            continue;
        }
        expect(acc, "punctuation-colon", "a paragraph that introduces sub-paragraphs", u.lead, &[':'], u.block);
        let last = u.subs.len() - 1;
        for (i, (_, end)) in u.subs.iter().enumerate() {
            if i == last {
                let what = if last_paragraph {
                    "the last sub-paragraph of the last operative paragraph"
                } else {
                    "the last sub-paragraph of an operative paragraph other than the last"
                };
                expect(acc, final_code, what, *end, &[final_char], u.block);
            } else {
                expect(acc, "punctuation-operative", "a sub-paragraph other than the last", *end, &[';', ':'], u.block);
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
