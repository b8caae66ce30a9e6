//! `numbering-gap`, `numbering-duplicate`, `numbering-order`: operative paragraphs are numbered
//! 1, 2, 3 … in each scope (the resolution, then each annex). "3 bis" insertions are left to
//! the negotiation rule.

use std::collections::HashMap;
use std::ops::Range;

use super::Ctx;
use crate::analysis::{Diagnostic, Severity};
use crate::syntax::{Head, Role, Span};

fn missing(from: u32, to: u32) -> String {
    if from == to { format!("paragraph {from} is missing") } else { format!("paragraphs {from} to {to} are missing") }
}

/// Checks the numbering of the paragraphs in `range` (whole scopes: each scope is checked on
/// its own, so the checker re-runs only the scope an edit renumbered).
///
/// One mistyped number is one finding: a paragraph whose number is off while the next one
/// carries on from the one before (2, 13, 4 or 2, 1, 4) is reported alone, as if it had its
/// expected number; otherwise every later paragraph would be out of order after a "13".
pub fn check(acc: &mut Vec<Diagnostic>, ctx: &Ctx, range: Range<usize>) {
    let blocks = ctx.parse.blocks();
    let range = range.start.min(blocks.len())..range.end.min(blocks.len());
    // (scope, number, label) of each numbered operative paragraph, in order.
    let numbered: Vec<(u32, u32, Span)> = blocks[range.clone()]
        .iter()
        .zip(&ctx.structure.roles[range])
        .filter_map(|(b, role)| match (*role, &b.data.head) {
            (Role::Operative { scope }, Head::Numbered { number, label }) => Some((scope, *number, b.abs(*label))),
            _ => None,
        })
        .collect();
    let mut max = 0u32;
    let mut prev: Option<(u32, Span)> = None;
    let mut seen: HashMap<u32, Span> = HashMap::new();
    for (i, &(scope, n, label)) in numbered.iter().enumerate() {
        if i == 0 || numbered[i - 1].0 != scope {
            max = 0;
            prev = None;
            seen.clear();
        }
        let expected = max + 1;
        if n == 0 {
            acc.push(Diagnostic::new(
                "numbering-gap",
                Severity::Error,
                label,
                format!("paragraph 0: paragraphs are numbered from 1; expected {expected}"),
            ));
            continue;
        }
        let next = numbered.get(i + 1).filter(|x| x.0 == scope).map(|x| (x.1, x.2));
        let stray = n != expected && next.is_some_and(|(m, _)| m == expected + 1);
        if stray {
            let (m, next_span) = next.expect("a stray number has a next paragraph");
            let place = match prev {
                Some((p, _)) => format!("it stands between paragraphs {p} and {m}"),
                None => format!("it stands before paragraph {m}"),
            };
            let (code, what) = if seen.contains_key(&n) || n == m {
                ("numbering-duplicate", format!("paragraph {n} is numbered twice"))
            } else {
                ("numbering-order", format!("paragraph {n} is out of sequence"))
            };
            let mut d = Diagnostic::new(code, Severity::Error, label, format!("{what}: {place}; expected {expected}"));
            if let Some(&first) = seen.get(&n) {
                d = d.related(first, format!("paragraph {n} is first numbered here"));
            }
            if let Some((p, span)) = prev {
                d = d.related(span, format!("previous paragraph ({p})"));
            }
            acc.push(d.related(next_span, format!("next paragraph ({m})")));
            // Counted as the paragraph it stands for, so the next one is not reported.
            max = expected;
            prev = Some((n, label));
            continue;
        }
        if let Some(&first) = seen.get(&n) {
            acc.push(
                Diagnostic::new(
                    "numbering-duplicate",
                    Severity::Error,
                    label,
                    format!("paragraph {n} is numbered twice; expected {expected}"),
                )
                .related(first, format!("paragraph {n} is first numbered here")),
            );
        } else if n > expected {
            let message = match prev {
                None => format!("numbering starts at {n}: {}", missing(1, n - 1)),
                Some((p, _)) => format!("{} after paragraph {p}; expected {expected}", missing(expected, n - 1)),
            };
            let mut d = Diagnostic::new("numbering-gap", Severity::Error, label, message);
            if let Some((p, span)) = prev {
                d = d.related(span, format!("previous paragraph ({p})"));
            }
            acc.push(d);
        } else if n < expected {
            let (p, span) = prev.expect("n < max + 1 implies a previous paragraph");
            acc.push(
                Diagnostic::new(
                    "numbering-order",
                    Severity::Error,
                    label,
                    format!("paragraph {n} comes after paragraph {p}; expected {expected}"),
                )
                .related(span, format!("previous paragraph ({p})")),
            );
        }
        seen.entry(n).or_insert(label);
        max = max.max(n);
        prev = Some((n, label));
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::fixture::check_diagnostics;

    #[test]
    fn gap_in_english() {
        check_diagnostics(
            r#"
The General Assembly,

*Recalling* « 𝔄 » ñ,

1. *Decides* é;

2. *Requests*;

4. *Urges*;
^^ error[numbering-gap]: paragraph 3 is missing after paragraph 2; expected 3

7. *Decides*.
^^ error[numbering-gap]: paragraphs 5 to 6 are missing after paragraph 4; expected 5
"#,
        );
    }

    #[test]
    fn start_duplicate_and_order_in_french() {
        check_diagnostics(
            r#"
L’Assemblée générale,

2. *Décide* « é » ;
^^ error[numbering-gap]: numbering starts at 2: paragraph 1 is missing

3. *Prie* ñ 𝔄 ;

3. *Prie également* ;
^^ error[numbering-duplicate]: paragraph 3 is numbered twice: it stands between paragraphs 3 and 5; expected 4

5. *Engage* ;

4.	*Décide*.
^^ error[numbering-order]: paragraph 4 comes after paragraph 5; expected 6
"#,
        );
    }

    #[test]
    fn one_mistyped_number_is_one_finding() {
        check_diagnostics(
            r#"
The General Assembly,

*Recalling* « 𝔄 » ñ,

1. *Decides* é;

2. *Requests*;

13. *Urges*;
^^^ error[numbering-order]: paragraph 13 is out of sequence: it stands between paragraphs 2 and 4; expected 3

4. *Invites*;

5. *Decides*;

2. *Decides*;
^^ error[numbering-duplicate]: paragraph 2 is numbered twice: it stands between paragraphs 5 and 7; expected 6

7. *Decides* ñ;

9. *Decides* 𝔄;
^^ error[numbering-duplicate]: paragraph 9 is numbered twice: it stands between paragraphs 7 and 9; expected 8

9. *Decides* « é ».
"#,
        );
        check_diagnostics(
            r#"
La Asamblea General,

11. *Decide* « ñ »;
^^^ error[numbering-order]: paragraph 11 is out of sequence: it stands before paragraph 2; expected 1

2. *Solicita* 𝔄;

3. *Insta* é;

4. *Decide*;

40. *Decide*.
^^^ error[numbering-gap]: paragraphs 5 to 39 are missing after paragraph 4; expected 5
"#,
        );
    }

    #[test]
    fn annexes_restart_and_headings_do_not_break_numbering_in_spanish() {
        check_diagnostics(
            r#"
El Consejo de Seguridad,

1. *Decide* « ñ »;

Medidas

2. *Solicita* 𝔄;

2 bis. *Insta* é;
^^^^^^ info[draft-insertion]: paragraph 2 bis is a negotiation insertion; renumber before adoption

3. *Decide* seguir ocupándose de la cuestión.

Anexo

1. Texto

2. Texto
"#,
        );
    }
}
