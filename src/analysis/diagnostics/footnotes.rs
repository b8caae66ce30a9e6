//! `footnote-undefined`, `footnote-unused`, `footnote-duplicate-definition`, `footnote-order`,
//! `footnote-gap`. Re-using an indicator for a repeated reference (older UN practice, as in
//! GA resolution 72/169) is allowed.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::Ctx;
use crate::analysis::{Diagnostic, Severity};
use crate::syntax::Span;

pub fn check(acc: &mut Vec<Diagnostic>, ctx: &Ctx) {
    let mut refs: Vec<(&str, Span)> = Vec::new();
    let mut defs: HashMap<&str, Span> = HashMap::new();
    let mut numeric_defs: BTreeMap<u32, Span> = BTreeMap::new();
    for b in ctx.parse.blocks() {
        refs.extend(b.data.fn_refs.iter().map(|r| (r.label.as_str(), b.abs(r.span))));
        for d in &b.data.fn_defs {
            let span = b.abs(d.span);
            match defs.get(d.label.as_str()) {
                Some(&first) => acc.push(
                    Diagnostic::new(
                        "footnote-duplicate-definition",
                        Severity::Error,
                        span,
                        format!("footnote [^{}] has a second body", d.label),
                    )
                    .related(first, "first body"),
                ),
                None => {
                    defs.insert(&d.label, span);
                    if let Ok(n) = d.label.parse::<u32>() {
                        numeric_defs.insert(n, span);
                    }
                }
            }
        }
    }

    let used: HashSet<&str> = refs.iter().map(|(l, _)| *l).collect();
    for (label, span) in &refs {
        if !defs.contains_key(label) {
            acc.push(Diagnostic::new(
                "footnote-undefined",
                Severity::Error,
                *span,
                format!("footnote [^{label}] has no body; expected a line `[^{label}]: …`"),
            ));
        }
    }
    for (label, span) in &defs {
        if !used.contains(label) {
            acc.push(Diagnostic::new(
                "footnote-unused",
                Severity::Warning,
                *span,
                format!("footnote [^{label}] is never referred to; expected an indicator [^{label}] in the text"),
            ));
        }
    }

    // Current DGACM practice: a repeated reference gets a new footnote, not the same indicator.
    if ctx.config.footnote_repeat == crate::config::FootnoteRepeat::DuplicateFootnote {
        let mut first: HashMap<&str, Span> = HashMap::new();
        for (label, span) in &refs {
            if label.parse::<u32>().is_err() {
                continue;
            }
            match first.get(label) {
                Some(&f) => acc.push(
                    Diagnostic::new(
                        "footnote-repeated",
                        Severity::Warning,
                        *span,
                        format!("footnote {label} is referred to again; current practice inserts a new footnote with the same text"),
                    )
                    .related(f, "first indicator"),
                ),
                None => {
                    first.insert(label, *span);
                }
            }
        }
    }

    // Numeric indicators are numbered in order of first appearance.
    let mut first_seen: HashSet<u32> = HashSet::new();
    let mut highest: Option<(u32, Span)> = None;
    for (label, span) in &refs {
        let Ok(n) = label.parse::<u32>() else { continue };
        if !first_seen.insert(n) {
            continue;
        }
        match highest {
            Some((h, h_span)) if n < h => acc.push(
                Diagnostic::new(
                    "footnote-order",
                    Severity::Warning,
                    *span,
                    format!("footnote {n} first appears after footnote {h}; footnotes are numbered in order of first appearance"),
                )
                .related(h_span, format!("first indicator of footnote {h}")),
            ),
            _ => highest = Some((n, *span)),
        }
    }

    // Numeric bodies run 1, 2, 3 … without a hole.
    let mut expected = 1;
    let mut prev: Option<(u32, Span)> = None;
    for (&n, &span) in &numeric_defs {
        if n > expected {
            let what = if n == expected + 1 {
                format!("footnote {expected} is missing")
            } else {
                format!("footnotes {expected} to {} are missing", n - 1)
            };
            let mut d = Diagnostic::new(
                "footnote-gap",
                Severity::Warning,
                span,
                format!(
                    "{what}: the bodies go from {} to {n}",
                    prev.map_or("the start".into(), |(p, _)| p.to_string())
                ),
            );
            if let Some((p, s)) = prev {
                d = d.related(s, format!("body of footnote {p}"));
            }
            acc.push(d);
        }
        expected = n + 1;
        prev = Some((n, span));
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::fixture::check_rule;

    fn check_diagnostics(fixture: &str) {
        check_rule("footnote-", fixture);
    }

    #[test]
    fn matching_in_french() {
        check_diagnostics(
            r#"
L’Assemblée générale,

*Réaffirmant* la Déclaration de Vienne[^1], « 𝔄 » ñ[^2],
                                                   ^^^^ error[footnote-undefined]: footnote [^2] has no body; expected a line `[^2]: …`

1. *Réaffirme* é[^1] ;

[^1]: A/CONF.157/24 (Part I), chap. III.
[^1]: Résolution 217 A (III).
^^^^ error[footnote-duplicate-definition]: footnote [^1] has a second body
[^note]: Jamais cité.
^^^^^^^ warning[footnote-unused]: footnote [^note] is never referred to; expected an indicator [^note] in the text
"#,
        );
    }

    #[test]
    fn order_and_gap_in_spanish() {
        check_diagnostics(
            r#"
La Asamblea General,

*Recordando* « é »[^2] y ñ[^1], 𝔄[^4],
                          ^^^^ warning[footnote-order]: footnote 1 first appears after footnote 2; footnotes are numbered in order of first appearance

[^1]: Resolución 70/1.
[^2]: A/71/53.
[^4]: A/72/439/Add.2.
^^^^ warning[footnote-gap]: footnote 3 is missing: the bodies go from 2 to 4
"#,
        );
    }

    #[test]
    fn repeated_indicators_are_allowed_in_english() {
        check_diagnostics(
            r#"
The General Assembly,

*Recalling* the Vienna Declaration,[^1] « é » ñ 𝔄,

1. *Reaffirms* the Vienna Declaration;[^1]

[^1]: A/CONF.157/24 (Part I), chap. III.
"#,
        );
    }
}
