//! `unknown-opening` (hint): a paragraph opening that is not in the lexicon, with "did you
//! mean" suggestions for near misses. `agreement` (warning): a French or Spanish opener, or
//! "rester saisi(e)", that disagrees in gender with the organ.

use super::Ctx;
use crate::analysis::openings::{kind_of, lead_words, opening, resolve};
use crate::analysis::{Diagnostic, Severity, TextEdit};
use crate::lexicon::{self, Gender, Kind, organ_gender};
use crate::syntax::{Lang, Role, Span};

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Preambular => "preambular opening",
        Kind::Operative => "operative verb or phrase",
    }
}

fn gender_name(g: Gender, lang: Lang) -> &'static str {
    match (g, lang) {
        (Gender::Feminine, Lang::Es) => "femenino",
        (Gender::Masculine, Lang::Es) => "masculino",
        (Gender::Feminine, _) => "feminine",
        (Gender::Masculine, _) => "masculine",
    }
}

pub fn check(acc: &mut Vec<Diagnostic>, ctx: &Ctx) {
    let Some(lang) = ctx.structure.lang else { return };
    let blocks = ctx.parse.blocks();
    let gender = ctx.structure.organ.map(organ_gender);
    for i in ctx.range.clone() {
        let (b, role) = (&blocks[i], &ctx.drafting[i]);
        let Some(kind) = kind_of(*role) else { continue };
        if *role == (Role::Unnumbered { scope: 0 }) && opening(b, lang, Kind::Operative).is_none() {
            continue; // a section heading
        }
        let Some(lead) = &b.data.lead else { continue };
        let before = acc.len();
        match opening(b, lang, kind) {
            Some(o) => 'found: {
                let (Some(g), Some((concept, form))) = (gender, resolve(&o, lang)) else { break 'found };
                if lang == Lang::En || form.agrees_with(g) {
                    break 'found;
                }
                let organ = if g == Gender::Feminine { "the General Assembly" } else { "a Council" };
                let agreeing = concept.agreeing(lang, form, g);
                let fix = agreeing.map(|f| format!("; write “{}”", f.text)).unwrap_or_default();
                let mut d = Diagnostic::new(
                    "agreement",
                    Severity::Warning,
                    o.span,
                    format!(
                        "“{}” is {}, but the subject, {organ}, is {}{fix}",
                        form.text,
                        gender_name(if g == Gender::Feminine { Gender::Masculine } else { Gender::Feminine }, lang),
                        gender_name(g, lang)
                    ),
                );
                if let Some(f) = agreeing {
                    d = d.fix(format!("Write “{}”", f.text), vec![TextEdit::new(o.span, f.text.clone())]);
                }
                acc.push(d);
            }
            None => {
                let suggestions = lexicon::lexicon().suggest(&lead.text, lang, kind);
                let mut fixes = Vec::new();
                let (span, message) = match suggestions.first() {
                    Some(s) => {
                        let names: Vec<String> = suggestions.iter().map(|s| format!("“{}”", s.form.text)).collect();
                        let span = b.abs(s.span.shift(lead.offset));
                        let found = &lead.text[s.span.range()];
                        for s in &suggestions {
                            // Keep a lower-case first letter after an English adverb ("Also reaffirms").
                            let mut t = s.form.text.clone();
                            if found.starts_with(char::is_lowercase) {
                                let mut cs = t.chars();
                                let first = cs.next().map(|c| c.to_lowercase().to_string()).unwrap_or_default();
                                t = first + cs.as_str();
                            }
                            let edit = TextEdit::new(b.abs(s.span.shift(lead.offset)), t.clone());
                            fixes.push((format!("Replace with “{t}”"), vec![edit]));
                        }
                        (
                            span,
                            format!(
                                "“{found}” is not a known {}; did you mean {}?",
                                kind_name(kind),
                                names.join(" or ")
                            ),
                        )
                    }
                    None => {
                        let Some(span) = lead_words(b, 1) else { continue };
                        (span, format!("this paragraph does not open with a known {}", kind_name(kind)))
                    }
                };
                let mut d = Diagnostic::new("unknown-opening", Severity::Hint, span, message);
                for (title, edits) in fixes {
                    d = d.fix(title, edits);
                }
                acc.push(d);
            }
        }
        // "Décide de rester saisi(e) de la question."
        let flagged = acc[before..].iter().any(|d| d.code == "agreement");
        if lang == Lang::Fr && kind == Kind::Operative && !flagged {
            if let Some(g) = gender {
                saisi(acc, b.abs(Span::new(lead.offset, lead.offset)).start, &lead.text, g);
            }
        }
    }
}

fn saisi(acc: &mut Vec<Diagnostic>, base: usize, text: &str, g: Gender) {
    for pat in ["rester saisi", "rester activement saisi"] {
        let Some(i) = text.find(pat) else { continue };
        let end = i + pat.len();
        let feminine = text[end..].starts_with('e');
        let word_end = if feminine { end + 1 } else { end };
        if text[word_end..].chars().next().is_some_and(char::is_alphabetic) {
            continue;
        }
        let wrong = match g {
            Gender::Feminine => !feminine,
            Gender::Masculine => feminine,
        };
        if wrong {
            let start = i + pat.len() - "saisi".len();
            let (want, subject) = match g {
                Gender::Feminine => ("saisie", "l’Assemblée générale est féminin"),
                Gender::Masculine => ("saisi", "le Conseil est masculin"),
            };
            let span = Span::new(base + start, base + word_end);
            acc.push(
                Diagnostic::new(
                    "agreement",
                    Severity::Warning,
                    span,
                    format!("write “{want}”: the subject, {subject}"),
                )
                .fix(format!("Write “{want}”"), vec![TextEdit::new(span, want)]),
            );
        }
        return;
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::fixture::check_diagnostics;

    #[test]
    fn agreement_in_french_and_spanish() {
        check_diagnostics(
            r#"
Le Conseil de sécurité,

*Consciente* de « é » ñ 𝔄,
 ^^^^^^^^^^ warning[agreement]: “Consciente” is feminine, but the subject, a Council, is masculine; write “Conscient”

1. *Décide* de rester saisie de la question ;
    ^^^^^^^^^^^^^^^^^^^^^^^^ warning[agreement]: “Décide de rester saisie” is feminine, but the subject, a Council, is masculine; write “Décide de rester saisi”

2. *Décide également* de rester activement saisie de la question ;
    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning[agreement]: “Décide de rester activement saisie” is feminine, but the subject, a Council, is masculine; write “Décide de rester activement saisi”

3. *Prie* les parties de le tenir informé, car il entend rester saisie.
                                                                ^^^^^^ warning[agreement]: write “saisi”: the subject, le Conseil est masculin
"#,
        );
        check_diagnostics(
            r#"
La Asamblea General,

*Convencido* de « ñ »,
 ^^^^^^^^^^ warning[agreement]: “Convencido” is masculino, but the subject, the General Assembly, is femenino; write “Convencida”

1. *Decide* seguir ocupándose de la cuestión.
"#,
        );
    }

    #[test]
    fn unknown_openings_in_english() {
        check_diagnostics(
            r#"
The General Assembly,

*Reafirming* « é » ñ 𝔄,
 ^^^^^^^^^^ hint[unknown-opening]: “Reafirming” is not a known preambular opening; did you mean “Reaffirming”?

1. *Also reafirms* that;
         ^^^^^^^^ hint[unknown-opening]: “reafirms” is not a known operative verb or phrase; did you mean “Reaffirms”?

2. *Decides* to remain seized of the matter.
"#,
        );
    }
}
