//! `crossref-missing`, `crossref-direction`, `crossref-ambiguous`: paragraph cross-references
//! must point to a paragraph (and sub-paragraph) that exists, in the direction they say.
//!
//! "above" and "below" point into the scope the reference sits in, "of the present
//! resolution" into the resolution, "of the present annex" into the current annex. When the
//! target scope's numbering is broken, or the number (or label) is used twice, the reference
//! cannot be checked: it gets an information note instead of a guess.

use crate::analysis::references::paragraphs::{Outline, ParaKind, Resolution, absolute, show_label, target_scope};
use crate::analysis::{Diagnostic, Severity};
use crate::syntax::crossref::{CrossRef, Direction, RefTarget};
use crate::syntax::{Block, LabelStyle, Span};

fn para_name(o: &Outline, p: usize) -> String {
    match o.paras[p].kind {
        ParaKind::Numbered(n) => format!("paragraph {n}"),
        ParaKind::Insertion(n) => format!("paragraph {n} (insertion)"),
        ParaKind::Preambular => "the preambular paragraph".to_string(),
        ParaKind::Unnumbered => "the paragraph".to_string(),
    }
}

fn target_name(o: &Outline, p: usize, sub: Option<usize>) -> String {
    let para = para_name(o, p);
    match sub.map(|s| &o.paras[p].subs[s]) {
        Some(s) if o.paras[p].label.is_some() => format!("{para} {}", show_label(&s.text, s.style)),
        Some(s) => format!("sub-paragraph {}", show_label(&s.text, s.style)),
        None => para,
    }
}

fn where_of(o: &Outline, p: usize) -> Span {
    let para = &o.paras[p];
    para.label.unwrap_or(Span::new(para.span.start, para.span.start))
}

/// "expected a number from 1 to 5" for a scope.
fn expected_numbers(o: &Outline, scope: u32) -> String {
    let count = o.numbers.get(scope as usize).map_or(0, Vec::len);
    match count {
        0 => format!("{} has no numbered paragraphs", o.scope_name(scope)),
        1 => format!("{} has only paragraph 1", o.scope_name(scope)),
        n => format!("expected a number from 1 to {n}"),
    }
}

fn check_target(acc: &mut Vec<Diagnostic>, o: &Outline, bi: usize, r: &CrossRef, t: &RefTarget) {
    let number_span = t.number_span;
    // The sub-paragraph label as the reference writes it: "(a)" or "a)".
    let (label, label_span) = match &t.sub {
        Some((l, span)) => {
            let style = if span.end - span.start == l.len() + 2 { LabelStyle::Paren } else { LabelStyle::Close };
            (show_label(l, style), *span)
        }
        None => (String::new(), number_span),
    };
    let resolution = o.resolve(bi, r, t);
    let broken_scope = t.number.and_then(|_| o.target_scope(bi, r.direction)).filter(|s| o.numbering_broken(*s));
    if let (Some(scope), false) = (broken_scope, matches!(resolution, Resolution::Duplicate { .. })) {
        let mut d = Diagnostic::new(
            "crossref-ambiguous",
            Severity::Information,
            number_span,
            format!(
                "the paragraph numbering of {} is broken: this reference cannot be checked; renumber the paragraphs first",
                o.scope_name(scope)
            ),
        );
        if let Resolution::Found { para, sub } = resolution {
            d = d.related(where_of(o, para), format!("{} as numbered now", target_name(o, para, sub)));
        }
        acc.push(d);
        return;
    }
    match resolution {
        Resolution::Found { para, sub } => {
            let target = o.target_span(para, sub);
            let ref_span = r.span;
            let problem = match r.direction {
                Direction::Above if target.end > ref_span.start => Some(if target.start <= ref_span.start {
                    ("above", "is the paragraph this reference is in")
                } else {
                    ("above", "is below this reference")
                }),
                Direction::Below if target.start < ref_span.end => Some(if target.end >= ref_span.end {
                    ("below", "is the paragraph this reference is in")
                } else {
                    ("below", "is above this reference")
                }),
                _ => None,
            };
            if let Some((word, what)) = problem {
                let name = target_name(o, para, sub);
                let other = if word == "above" { "below" } else { "above" };
                let message = if what.starts_with("is the") {
                    format!("“{word}” points to {name}, which {what}; expected a paragraph {word} it")
                } else {
                    format!("“{word}” points to {name}, which {what}; expected “{other}”")
                };
                acc.push(
                    Diagnostic::new("crossref-direction", Severity::Warning, number_span, message)
                        .related(where_of(o, para), name),
                );
            }
        }
        Resolution::NoParagraph { scope, number } => acc.push(Diagnostic::new(
            "crossref-missing",
            Severity::Error,
            number_span,
            format!("there is no paragraph {number} in {}; {}", o.scope_name(scope), expected_numbers(o, scope)),
        )),
        Resolution::NoSub { para: Some(p), .. } => {
            let subs: Vec<_> = o.paras[p].subs.iter().filter(|s| s.depth == 1).collect();
            let name = para_name(o, p);
            let expected = match (subs.first(), subs.last()) {
                (Some(a), Some(b)) if a.span == b.span => format!("expected {}", show_label(&a.text, a.style)),
                (Some(a), Some(b)) => {
                    format!("expected {} to {}", show_label(&a.text, a.style), show_label(&b.text, b.style))
                }
                _ => format!("{name} has no sub-paragraphs"),
            };
            acc.push(
                Diagnostic::new(
                    "crossref-missing",
                    Severity::Error,
                    label_span,
                    format!("{name} has no sub-paragraph {label}; {expected}"),
                )
                .related(where_of(o, p), name),
            );
        }
        Resolution::NoSub { scope, para: None } => acc.push(Diagnostic::new(
            "crossref-missing",
            Severity::Error,
            label_span,
            format!("there is no sub-paragraph {label} in {}; expected the label of a sub-paragraph", o.scope_name(scope)),
        )),
        Resolution::Duplicate { paras, subs } => {
            let (span, message) = match t.number {
                Some(n) if !paras.is_empty() => (
                    number_span,
                    format!(
                        "paragraph {n} is numbered twice: cannot tell which one this reference means; renumber the paragraphs first"
                    ),
                ),
                _ => (
                    label_span,
                    format!("sub-paragraph {label} is used twice: cannot tell which one this reference means"),
                ),
            };
            let mut d = Diagnostic::new("crossref-ambiguous", Severity::Information, span, message);
            for p in paras {
                d = d.related(where_of(o, p), para_name(o, p));
            }
            for (p, s) in subs {
                d = d.related(o.paras[p].subs[s].span, target_name(o, p, Some(s)));
            }
            acc.push(d);
        }
        Resolution::NoAnnex => acc.push(Diagnostic::new(
            "crossref-ambiguous",
            Severity::Information,
            number_span,
            "this reference names “the present annex” outside an annex: cannot tell which annex it means".to_string(),
        )),
        Resolution::UnnumberedScope { scope } => acc.push(Diagnostic::new(
            "crossref-ambiguous",
            Severity::Information,
            number_span,
            format!(
                "{} has no numbered paragraphs: cannot tell what this reference means; expected “of the present resolution” for a paragraph of the resolution",
                o.scope_name(scope)
            ),
        )),
    }
}

/// Checks the cross-references of block `bi`; `outline(Some(scope))` gives an outline built
/// over at least that scope (the whole outline, or [`Outline::of_scopes`]), `outline(None)`
/// any of them (they agree on scopes and annexes).
pub fn check_block<'o>(acc: &mut Vec<Diagnostic>, outline: &dyn Fn(Option<u32>) -> &'o Outline, b: &Block, bi: usize) {
    for r in &b.data.crossrefs {
        let r = absolute(b, r);
        let o = outline(target_scope(outline(None).scope_of(bi), outline(None).annexes, r.direction));
        let mut found = Vec::new();
        for t in &r.targets {
            check_target(&mut found, o, bi, &r, t);
        }
        // "paragraph 2 (a) and (b)" share the number: say a thing about it once.
        let mut kept: Vec<Diagnostic> = Vec::new();
        for d in found {
            if !kept.contains(&d) {
                kept.push(d);
            }
        }
        acc.extend(kept);
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::fixture::check_diagnostics;

    #[test]
    fn missing_and_direction_in_english() {
        check_diagnostics(
            r#"
The General Assembly,

*Recalling* « 𝔄 » é and paragraph 2 below,

1. *Decides* that the measures in paragraph 2 (a) below and paragraph 1 below apply;
                                                                      ^ warning[crossref-direction]: “below” points to paragraph 1, which is the paragraph this reference is in; expected a paragraph below it

2. *Requests* ñ:
   (a) to act under paragraph 3 below and paragraph 1 below;
                                                    ^ warning[crossref-direction]: “below” points to paragraph 1, which is above this reference; expected “above”
   (b) to report on paragraph 2 (c) above and paragraphs 4 to 5 above;
                                ^^^ error[crossref-missing]: paragraph 2 has no sub-paragraph (c); expected (a) to (b)
                                                         ^ error[crossref-missing]: there is no paragraph 4 in the resolution; expected a number from 1 to 3
                                                              ^ error[crossref-missing]: there is no paragraph 5 in the resolution; expected a number from 1 to 3

3. *Decides* that paragraph 2 (a) above and paragraph 2 (b) of this resolution apply.
"#,
        );
    }

    #[test]
    fn annex_and_present_resolution_in_french() {
        check_diagnostics(
            r#"
Le Conseil de sécurité,

*Rappelant* « 𝔄 » é,

1. *Décide* que les mesures visées au paragraphe 2 a) ci-après s’appliquent ;

2. *Prie* ñ :
   a) de faire rapport ;
   b) de faire rapport sur les mesures visées aux paragraphes 1 et 3 ci-dessus.
                                                                   ^ error[crossref-missing]: there is no paragraph 3 in the resolution; expected a number from 1 to 2

Annexe

Conformément au paragraphe 1 de la présente résolution, « é » :
   a) Présenter un rapport sur les mesures visées au paragraphe 2 b) de la présente résolution ;
   b) Consulter les États visés au paragraphe a) de la présente annexe ;
   c) Consulter les États visés au paragraphe d) de la présente annexe et au paragraphe 2 c) de la présente résolution ;
                                              ^^ error[crossref-missing]: there is no sub-paragraph d) in the annex; expected the label of a sub-paragraph
                                                                                          ^^ error[crossref-missing]: paragraph 2 has no sub-paragraph c); expected a) to b)
"#,
        );
    }

    #[test]
    fn broken_numbering_and_duplicates_are_not_guessed_in_french() {
        check_diagnostics(
            r#"
L’Assemblée générale,

*Rappelant* « 𝔄 » é et le paragraphe 3 ci-après,
                                     ^ info[crossref-ambiguous]: the paragraph numbering of the resolution is broken: this reference cannot be checked; renumber the paragraphs first

1. *Décide* que le paragraphe 2 ci-après s’applique ;
                              ^ info[crossref-ambiguous]: paragraph 2 is numbered twice: cannot tell which one this reference means; renumber the paragraphs first

2. *Prie* ñ ;

2. *Prie également*.
^^ error[numbering-duplicate]: paragraph 2 is numbered twice; expected 3
"#,
        );
    }

    #[test]
    fn scopes_in_spanish() {
        check_diagnostics(
            r#"
La Asamblea General,

*Recordando* « 𝔄 » ñ,

1. *Decide* que el párrafo 2 b) infra se aplique;

2. *Solicita*:
   a) informe sobre el párrafo 1 supra;
   b) aplique el párrafo 1 del presente anexo.
                         ^ info[crossref-ambiguous]: this reference names “the present annex” outside an annex: cannot tell which annex it means

Anexo I

Texto del párrafo 3 supra, año.
                  ^ info[crossref-ambiguous]: annex 1 has no numbered paragraphs: cannot tell what this reference means; expected “of the present resolution” for a paragraph of the resolution

Anexo II

1. Texto del párrafo 2 infra y del párrafo 1 del presente anexo.

2. Texto de los párrafos 1 a 3 supra.
                             ^ error[crossref-missing]: there is no paragraph 3 in annex 2; expected a number from 1 to 2
"#,
        );
    }

    #[test]
    fn shared_numbers_and_repeated_labels_in_english() {
        check_diagnostics(
            r#"
The General Assembly,

*Recalling* « 𝔄 » é,

1. *Decides* ñ:
   (a) one;
   (a) again;
   ^^^ error[subparagraph-duplicate]: (a) is used twice in this list; expected (b)
   (b) two;

2. *Requests* action under paragraph 1 (a) above and paragraph 3 (a) and (b) below.
                                       ^^^ info[crossref-ambiguous]: sub-paragraph (a) is used twice: cannot tell which one this reference means
                                                               ^ error[crossref-missing]: there is no paragraph 3 in the resolution; expected a number from 1 to 2
"#,
        );
    }
}
