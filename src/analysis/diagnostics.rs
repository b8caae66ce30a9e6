//! All diagnostic rules, one module per rule family. Each rule reads the block summaries and
//! the document structure; none re-reads the text.

mod crossrefs;
mod footnotes;
mod negotiation;
mod numbering;
mod openings;
mod punctuation;
mod spacing;
mod subparagraphs;

use crate::analysis::{Diagnostic, Severity};
use crate::config::Config;
use crate::syntax::{Parse, Role, Structure};

/// Every diagnostic code with its default severity. Codes are a stable interface (editor
/// settings, inline disables and CI scripts refer to them): never rename one.
pub const CODES: &[(&str, Severity)] = &[
    ("numbering-gap", Severity::Error),
    ("numbering-duplicate", Severity::Error),
    ("numbering-order", Severity::Error),
    ("subparagraph-gap", Severity::Error),
    ("subparagraph-duplicate", Severity::Error),
    ("subparagraph-style", Severity::Warning),
    ("footnote-undefined", Severity::Error),
    ("footnote-unused", Severity::Warning),
    ("footnote-duplicate-definition", Severity::Error),
    ("footnote-order", Severity::Warning),
    ("footnote-gap", Severity::Warning),
    ("footnote-repeated", Severity::Warning),
    ("draft-insertion", Severity::Information),
    ("bracketed-text", Severity::Information),
    ("crossref-missing", Severity::Error),
    ("crossref-direction", Severity::Warning),
    ("crossref-ambiguous", Severity::Information),
    ("punctuation-preambular", Severity::Warning),
    ("punctuation-operative", Severity::Warning),
    ("punctuation-final", Severity::Warning),
    ("punctuation-colon", Severity::Warning),
    ("unknown-opening", Severity::Hint),
    ("agreement", Severity::Warning),
    ("french-spacing", Severity::Warning),
    ("malformed-symbol", Severity::Warning),
    ("citation-date-mismatch", Severity::Warning),
    ("citation-title-mismatch", Severity::Warning),
];

/// The inputs every rule gets.
pub struct Ctx<'a> {
    pub parse: &'a Parse,
    pub structure: &'a Structure,
    pub config: &'a Config,
}

/// Every diagnostic for a document under the default settings, sorted by position.
pub fn diagnostics(parse: &Parse) -> Vec<Diagnostic> {
    diagnostics_with(parse, &Config::default())
}

/// Every diagnostic for a document under `config` and the document's inline settings, with
/// the built-in catalogue.
pub fn diagnostics_with(parse: &Parse, config: &Config) -> Vec<Diagnostic> {
    diagnostics_in(parse, config, crate::catalogue::builtin())
}

/// Every diagnostic, with cited documents checked against `catalogue`.
pub fn diagnostics_in(parse: &Parse, config: &Config, catalogue: &crate::catalogue::Catalogue) -> Vec<Diagnostic> {
    let structure = parse.structure();
    let ctx = Ctx { parse, structure: &structure, config };
    let mut acc = Vec::new();
    numbering::check(&mut acc, &ctx);
    subparagraphs::check(&mut acc, &ctx);
    footnotes::check(&mut acc, &ctx);
    crossrefs::check(&mut acc, &ctx);
    punctuation::check(&mut acc, &ctx);
    openings::check(&mut acc, &ctx);
    spacing::check(&mut acc, &ctx);
    acc.extend(crate::analysis::citations::diagnostics(
        parse.blocks(),
        &structure.roles,
        structure.lang,
        structure.organ,
        catalogue,
    ));
    negotiation::check(&mut acc, &ctx);
    let mut acc = apply_settings(acc, &ctx);
    acc.sort_by(|a, b| (a.span.start, a.span.end, a.code).cmp(&(b.span.start, b.span.end, b.code)));
    acc
}

/// Applies rule levels and inline `<!-- resolution-ls: disable… -->` comments.
fn apply_settings(diags: Vec<Diagnostic>, ctx: &Ctx) -> Vec<Diagnostic> {
    // (from, to, codes): diagnostics starting in [from, to) with one of `codes` are dropped.
    let mut off: Vec<(usize, usize, &[String])> = Vec::new();
    let blocks = ctx.parse.blocks();
    for (i, b) in blocks.iter().enumerate() {
        for d in &b.data.directives {
            let from = b.abs(d.span).end;
            if d.next_only {
                let next =
                    blocks[i + 1..].iter().zip(&ctx.structure.roles[i + 1..]).find(|(_, r)| **r != Role::Comment);
                if let Some((n, _)) = next {
                    off.push((n.start, n.end() + 1, &d.codes));
                }
            } else {
                off.push((from, usize::MAX, &d.codes));
            }
        }
    }
    diags
        .into_iter()
        .filter_map(|mut d| {
            let disabled = off.iter().any(|(from, to, codes)| {
                (*from..*to).contains(&d.span.start) && (codes.is_empty() || codes.iter().any(|c| c == d.code))
            });
            if disabled {
                return None;
            }
            d.severity = ctx.config.severity(d.code, d.severity)?;
            Some(d)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::analysis::fixture::check_diagnostics;

    #[test]
    fn inline_settings() {
        check_diagnostics(
            r#"
L’Assemblée générale,

<!-- resolution-ls: disable-next numbering-gap -->

2. *Décide* « é » ;

4. *Prie* ñ 𝔄 ;
^^ error[numbering-gap]: paragraph 3 is missing after paragraph 2; expected 3

<!-- resolution-ls: disable -->

6. *Décide*[^1].
"#,
        );
    }

    #[test]
    fn every_code_is_registered_once() {
        let mut codes: Vec<_> = super::CODES.iter().map(|(c, _)| *c).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), super::CODES.len());
    }
}
