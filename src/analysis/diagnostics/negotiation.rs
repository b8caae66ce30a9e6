//! `draft-insertion` and `bracketed-text` (information): "3 bis" paragraphs and
//! `[bracketed alternatives]` belong to negotiation drafts. They are never numbering errors;
//! these notes remind the drafter to settle them before adoption.

use super::Ctx;
use crate::analysis::{Diagnostic, Severity};
use crate::syntax::{Head, Role};

pub fn check(acc: &mut Vec<Diagnostic>, ctx: &Ctx) {
    let blocks = ctx.parse.blocks();
    for i in ctx.range.clone() {
        let (b, role) = (&blocks[i], &ctx.structure.roles[i]);
        if let Head::Insertion { number, suffix, label } = &b.data.head {
            acc.push(Diagnostic::new(
                "draft-insertion",
                Severity::Information,
                b.abs(*label),
                format!("paragraph {number} {} is a negotiation insertion; renumber before adoption", suffix),
            ));
        }
        if matches!(
            role,
            Role::Preambular | Role::Operative { .. } | Role::Unnumbered { .. } | Role::SubParagraphs { .. }
        ) {
            for s in &b.data.brackets {
                acc.push(Diagnostic::new(
                    "bracketed-text",
                    Severity::Information,
                    b.abs(*s),
                    "bracketed text: an alternative under negotiation".to_string(),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::fixture::check_diagnostics;

    #[test]
    fn insertions_and_brackets_are_information() {
        check_diagnostics(
            r#"
L’Assemblée générale,

1. *Décide* « é » ;

1 ter *Prie* [ñ 𝔄] [alternative] ;
^^^^^ info[draft-insertion]: paragraph 1 ter is a negotiation insertion; renumber before adoption
             ^^^^^ info[bracketed-text]: bracketed text: an alternative under negotiation
                   ^^^^^^^^^^^^^ info[bracketed-text]: bracketed text: an alternative under negotiation

2. *Décide* [voir](https://undocs.org) [^1].

[^1]: Résolution 70/1.
"#,
        );
    }
}
