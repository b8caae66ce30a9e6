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
pub fn check(acc: &mut Vec<Diagnostic>, ctx: &Ctx, range: Range<usize>) {
    let blocks = ctx.parse.blocks();
    let mut current_scope = None;
    let mut max = 0u32;
    let mut prev: Option<(u32, Span)> = None;
    let mut seen: HashMap<u32, Span> = HashMap::new();
    let range = range.start.min(blocks.len())..range.end.min(blocks.len());
    for (b, role) in blocks[range.clone()].iter().zip(&ctx.structure.roles[range]) {
        let Role::Operative { scope } = *role else { continue };
        let Head::Numbered { number: n, label } = b.data.head else { continue };
        let label = b.abs(label);
        if current_scope != Some(scope) {
            current_scope = Some(scope);
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
^^ error[numbering-duplicate]: paragraph 3 is numbered twice; expected 4

5. *Engage* ;
^^ error[numbering-gap]: paragraph 4 is missing after paragraph 3; expected 4

4.	*Décide*.
^^ error[numbering-order]: paragraph 4 comes after paragraph 5; expected 6
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
