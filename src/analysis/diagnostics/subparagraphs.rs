//! `subparagraph-gap`, `subparagraph-duplicate`, `subparagraph-style`.
//!
//! Each paragraph's labels form a list of letters (a), (b) … with, one level down, roman
//! numerals (i), (ii) …. A label such as (i), (v) or (x) is read as a letter or a numeral from
//! its siblings: the reading that continues a list wins ("(i)" after "(h)" is a letter), then
//! indentation, then the reading that skips least. That reading is shared with navigation,
//! renumbering and formatting ([`LabelReader`]).

use std::collections::HashMap;

use super::Ctx;
use crate::analysis::references::paragraphs::{LabelReader, Level, Reading, show_label as show};
use crate::analysis::{Diagnostic, Severity};
use crate::syntax::labels::{AlphaStyle, alpha_label, alpha_value, roman_label};
use crate::syntax::{LabelStyle, Lang, Role, Span, SubLabel};

#[derive(Default)]
struct List {
    used: HashMap<u32, Span>,
    last_span: Option<Span>,
    /// How letters continue after (z), once a list has shown it.
    style: Option<(AlphaStyle, Span)>,
}

/// The shared reading of labels (which level each is at) and, per list, what the messages need.
#[derive(Default)]
struct State {
    reader: LabelReader,
    alpha: Option<List>,
    roman: Option<List>,
}

fn check_label(acc: &mut Vec<Diagnostic>, state: &mut State, label: &SubLabel, span: Span) {
    let av = alpha_value(&label.text);
    let Reading { level, value, previous, .. } = state.reader.read(label);
    let list = match level {
        Level::Alpha => {
            state.roman = None;
            state.alpha.get_or_insert_with(List::default)
        }
        Level::Roman => state.roman.get_or_insert_with(List::default),
    };
    let mut alpha_style = AlphaStyle::Doubled;
    if let (Level::Alpha, Some((_, s))) = (level, av) {
        if matches!(s, AlphaStyle::Doubled | AlphaStyle::ZPrefix) {
            match list.style {
                Some((first, first_span)) if first != s => {
                    let name = |s| if s == AlphaStyle::Doubled { "(aa), (bb)" } else { "(za), (zb)" };
                    acc.push(
                        Diagnostic::new(
                            "subparagraph-style",
                            Severity::Warning,
                            span,
                            format!(
                                "{} mixes the {} style with the {} style used earlier in this list",
                                show(&label.text, label.style),
                                name(s),
                                name(first)
                            ),
                        )
                        .related(first_span, "the list's first label after (z)"),
                    );
                }
                Some(_) => {}
                None => list.style = Some((s, span)),
            }
        }
        alpha_style = list.style.map_or(s, |(s, _)| s);
    }
    let name = |n: u32| match level {
        Level::Alpha => show(&alpha_label(n, alpha_style), label.style),
        Level::Roman => show(&roman_label(n), label.style),
    };
    let next = previous + 1;
    let this = show(&label.text, label.style);
    if let Some(&first) = list.used.get(&value) {
        acc.push(
            Diagnostic::new(
                "subparagraph-duplicate",
                Severity::Error,
                span,
                format!("{this} is used twice in this list; expected {}", name(next)),
            )
            .related(first, format!("first {this}")),
        );
    } else if value > next {
        let what = if value == next + 1 {
            format!("{} is missing", name(next))
        } else {
            format!("{} to {} are missing", name(next), name(value - 1))
        };
        let mut d = Diagnostic::new(
            "subparagraph-gap",
            Severity::Error,
            span,
            format!("{what}: {this} follows {}", list.last_span.map_or("the paragraph".into(), |_| name(previous))),
        );
        if let Some(prev) = list.last_span {
            d = d.related(prev, "previous label");
        }
        acc.push(d);
    } else if value < next {
        let mut d = Diagnostic::new(
            "subparagraph-gap",
            Severity::Error,
            span,
            format!("{this} comes after {}; expected {}", name(previous), name(next)),
        );
        if let Some(prev) = list.last_span {
            d = d.related(prev, "previous label");
        }
        acc.push(d);
    }
    list.used.entry(value).or_insert(span);
    list.last_span = Some(span);
}

fn check_style(acc: &mut Vec<Diagnostic>, lang: Option<Lang>, labels: &[(Span, &SubLabel)]) {
    let Some((first_span, first)) = labels.first() else { return };
    let expected = match lang {
        Some(Lang::En) => LabelStyle::Paren,
        Some(Lang::Fr | Lang::Es) => LabelStyle::Close,
        None => first.style,
    };
    for (span, label) in labels {
        if label.style == expected {
            continue;
        }
        let this = show(&label.text, label.style);
        let want = show(&label.text, expected);
        let d = match lang {
            Some(lang) => Diagnostic::new(
                "subparagraph-style",
                Severity::Warning,
                *span,
                format!("{lang} texts label sub-paragraphs {want}, not {this}", lang = lang.name()),
            ),
            None => Diagnostic::new(
                "subparagraph-style",
                Severity::Warning,
                *span,
                format!(
                    "{this} mixes label styles: the first label of the document uses {}",
                    show(&first.text, first.style)
                ),
            )
            .related(*first_span, "first sub-paragraph label"),
        };
        acc.push(d);
    }
}

pub fn check(acc: &mut Vec<Diagnostic>, ctx: &Ctx) {
    let mut state = State::default();
    let mut all = Vec::new();
    for (b, role) in ctx.parse.blocks().iter().zip(&ctx.structure.roles) {
        match role {
            Role::SubParagraphs { .. } => {}
            Role::Preambular | Role::Operative { .. } | Role::Unnumbered { .. } => state = State::default(),
            _ => {
                state = State::default();
                continue;
            }
        }
        for label in &b.data.sub_labels {
            let span = b.abs(label.span);
            check_label(acc, &mut state, label, span);
            all.push((span, label));
        }
    }
    check_style(acc, ctx.structure.lang, &all);
}

#[cfg(test)]
mod tests {
    use crate::analysis::fixture::check_rule;

    fn check_diagnostics(fixture: &str) {
        check_rule("subparagraph-", fixture);
    }

    #[test]
    fn letters_then_romans_in_english() {
        check_diagnostics(
            r#"
The General Assembly,

1. *Decides* « é »:
   (a) ñ;
   (b) 𝔄:
      (i) one;
      (iii) three;
      ^^^^^ error[subparagraph-gap]: (ii) is missing: (iii) follows (i)
   (d) four;
   ^^^ error[subparagraph-gap]: (c) is missing: (d) follows (b)

2. *Requests*:
(a) no indentation;
(b) two;
(b) again;
^^^ error[subparagraph-duplicate]: (b) is used twice in this list; expected (c)
(c) three;
(i) nested numeral;
(ii) second numeral;
(d) back to letters;
"#,
        );
    }

    #[test]
    fn i_after_h_is_a_letter_and_lists_go_past_z() {
        let mut text = String::from("La Asamblea General,\n\n1. *Decide*:\n");
        for n in 1..=30u32 {
            text.push_str(&format!(
                "{})\u{a0}ñ;\n",
                crate::syntax::labels::alpha_label(n, crate::syntax::labels::AlphaStyle::Doubled)
            ));
        }
        text.push_str("\n2. *Decide*:\n");
        for n in 1..=28u32 {
            text.push_str(&format!(
                "{}) é;\n",
                crate::syntax::labels::alpha_label(n, crate::syntax::labels::AlphaStyle::ZPrefix)
            ));
        }
        check_diagnostics(&text);
    }

    #[test]
    fn sub_paragraphs_in_blocks_of_their_own_and_mixed_after_z() {
        let mut text = String::from("Le Conseil de sécurité,\n\n1. *Décide* « 𝔄 » :\n");
        for c in 'a'..='z' {
            text.push_str(&format!("\n{c}) ñ ;\n"));
        }
        text.push_str("\naa) é ;\n\nzb) é ;\n^^^ warning[subparagraph-style]: zb) mixes the (za), (zb) style with the (aa), (bb) style used earlier in this list\n");
        check_diagnostics(&text);
    }

    #[test]
    fn style_foreign_to_the_language() {
        check_diagnostics(
            r#"
L’Assemblée générale,

1. *Décide* « é » :
   (a) ñ ;
   ^^^ warning[subparagraph-style]: French texts label sub-paragraphs a), not (a)
   b) 𝔄 ;

*Rappelant* :
a) un,
c) trois,
^^ error[subparagraph-gap]: b) is missing: c) follows a)
"#,
        );
    }

    #[test]
    fn mixed_styles_without_a_language() {
        check_diagnostics(
            r#"
1. *Decides* é:
   (a) ñ;
   b) 𝔄;
   ^^ warning[subparagraph-style]: b) mixes label styles: the first label of the document uses (a)
"#,
        );
    }
}
