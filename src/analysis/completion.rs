//! Completion of opening phrases: preambular openers at the start of a preambular paragraph,
//! operative verbs at the start of an operative paragraph or on a new line after one (with the
//! next number), in the document's language and agreeing with its organ.

use crate::document::Document;
use crate::lexicon::{self, Kind, fold, organ_gender};
use crate::syntax::{Head, Lang, Role, Span};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// What the list shows ("Rappelant").
    pub label: String,
    /// The snippet that replaces `replace` (`*Rappelant* $0`, `4. *Prie* ${1:X} de $0`).
    pub snippet: String,
    /// The same text without snippet syntax, for clients without snippet support.
    pub plain: String,
    pub replace: Span,
    /// What clients filter on: the typed prefix's shape, accents folded.
    pub filter: String,
    /// Rank: lower first.
    pub sort: u32,
    pub detail: String,
    /// What [`documentation`] needs to find this item's documentation again.
    pub key: DocKey,
    concept: &'static lexicon::Concept,
    others: Vec<&'static lexicon::Concept>,
}

impl Item {
    /// Markdown: gloss, strength, complement, the forms in the other languages. Built on demand:
    /// a list of every operative verb would otherwise format 133 of them per request.
    pub fn documentation(&self) -> String {
        item_doc(self.concept, &self.others, self.key.lang)
    }
}

/// What an item's documentation depends on: the list's language and kind, the concept and the
/// form. Not the label: "Demandant de nouveau" is both "Demandant" with an adverb and a phrase
/// of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocKey {
    pub lang: Lang,
    pub kind: Kind,
    pub concept: String,
    pub form: String,
}

/// The documentation of the item `key` describes, for clients that ask for it when the item is
/// selected (`completionItem/resolve`). `None` for an unknown concept or form.
pub fn documentation(key: &DocKey) -> Option<String> {
    let (concept, others) = lexicon::lexicon().with_form(key.lang, key.kind, &key.concept, &key.form)?;
    Some(item_doc(concept, &others, key.lang))
}

fn item_doc(concept: &lexicon::Concept, others: &[&lexicon::Concept], lang: Lang) -> String {
    let mut doc = concept_doc(concept, lang);
    if !others.is_empty() {
        let names: Vec<&str> = others.iter().map(|c| c.id.as_str()).collect();
        doc.push_str(&format!("\n\nAlso the form of: {}", names.join(", ")));
    }
    doc
}

/// Markdown documentation of a concept: gloss, conventional strength, complements, forms.
pub fn concept_doc(concept: &lexicon::Concept, lang: Lang) -> String {
    let mut out = format!("{}\n\n_{}_\n", concept.gloss, concept.strength);
    if let Some(c) = concept.complement(lang) {
        out.push_str(&format!("\nUsual complement: {c}\n"));
    }
    out.push('\n');
    for l in [Lang::En, Lang::Fr, Lang::Es] {
        let forms: Vec<&str> = concept.forms(l).iter().map(|f| f.text.as_str()).collect();
        out.push_str(&format!("- {}: {}\n", l.name(), forms.join(" · ")));
    }
    out
}

fn escape_snippet(s: &str) -> String {
    s.replace('\\', "\\\\").replace('$', "\\$").replace('}', "\\}")
}

/// The part of a complement after the form, as a snippet: "Prie X de + infinitive" → " ${1:X} de ".
fn complement_snippet(form: &str, complement: Option<&str>) -> Option<String> {
    let first = complement?.split(';').next()?.trim();
    let rest = first.strip_prefix(form)?;
    let rest = rest.split(" + ").next()?.trim();
    if rest.is_empty() {
        return None;
    }
    let words: Vec<String> =
        rest.split_whitespace().map(|w| if w == "X" { "${1:X}".to_string() } else { escape_snippet(w) }).collect();
    Some(format!(" {} ", words.join(" ")))
}

/// What the cursor is completing.
struct Site {
    kind: Kind,
    /// The typed prefix (italics marker included) and where it starts.
    prefix: String,
    start: usize,
    /// A number to insert before the verb (new operative paragraph).
    number: Option<u32>,
}

fn site(doc: &Document, offset: usize) -> Option<Site> {
    let offset = offset.min(doc.rope().len_bytes());
    let parse = doc.parse();
    let blocks = parse.blocks();
    let structure = parse.structure();
    let organ_block = structure.organ_block?;
    let line_start = doc.line_start(offset);
    let offset = offset.max(line_start);
    let before = &doc.slice(line_start..offset);
    // The block holding the cursor, or the last one before it.
    let i = blocks.partition_point(|b| b.start <= offset).checked_sub(1)?;
    let in_block = offset <= blocks[i].end();
    if i < organ_block || (i == organ_block && in_block) {
        return None;
    }
    let last_number = |upto: usize| {
        blocks[..upto].iter().zip(&structure.roles).rev().find_map(|(b, r)| match (r, &b.data.head) {
            (Role::Operative { scope: 0 }, Head::Numbered { number, .. }) => Some(*number),
            (Role::Annex { .. }, _) => Some(0),
            _ => None,
        })
    };
    let word_prefix = |s: &str| -> Option<String> {
        let t = s.trim_start();
        let body = t.trim_start_matches(['*', '_']);
        (body.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '’' || c == '\'' || c == '-') && body.len() <= 40)
            .then(|| t.to_string())
    };
    if in_block && blocks[i].start <= line_start {
        let b = &blocks[i];
        let role = structure.roles[i];
        let first_line = line_start == b.start;
        match (&b.data.head, role) {
            (Head::Numbered { label, .. }, Role::Operative { .. }) if first_line => {
                let after = b.start + label.end;
                if offset < after {
                    return None;
                }
                let typed = &doc.slice(after..offset);
                let prefix = word_prefix(typed)?;
                let start = offset - prefix.len();
                return Some(Site { kind: Kind::Operative, prefix, start, number: None });
            }
            (Head::Text, Role::Preambular) if first_line => {
                let prefix = word_prefix(before)?;
                return Some(Site {
                    kind: Kind::Preambular,
                    prefix,
                    start: offset - before.trim_start().len(),
                    number: None,
                });
            }
            (Head::Text, Role::Unnumbered { scope: 0 }) if first_line => {
                let prefix = word_prefix(before)?;
                let number = last_number(i).map(|n| n + 1);
                return Some(Site { kind: Kind::Operative, prefix, start: offset - before.trim_start().len(), number });
            }
            _ => return None,
        }
    }
    // On a blank line between blocks: what comes before decides.
    if !before.trim().is_empty() {
        return None;
    }
    let seen_numbered = structure.roles[..=i].iter().any(|r| matches!(r, Role::Operative { scope: 0 }));
    let prev_role = structure.roles[i];
    match prev_role {
        _ if !seen_numbered
            && matches!(prev_role, Role::OrganFormula | Role::Preambular | Role::Comment | Role::Heading) =>
        {
            Some(Site { kind: Kind::Preambular, prefix: String::new(), start: offset, number: None })
        }
        Role::Operative { scope: 0 } | Role::SubParagraphs { scope: 0 } | Role::Unnumbered { scope: 0 } => {
            let number = last_number(i + 1).map(|n| n + 1);
            Some(Site { kind: Kind::Operative, prefix: String::new(), start: offset, number })
        }
        _ => None,
    }
}

/// Completion items at `offset`, best first.
pub fn complete(doc: &Document, offset: usize) -> Vec<Item> {
    let parse = doc.parse();
    let structure = parse.structure();
    let Some(lang) = structure.lang else { return Vec::new() };
    let Some(site) = site(doc, offset) else { return Vec::new() };
    let gender = structure.organ.map(organ_gender).filter(|_| lang != Lang::En);
    let marker = if site.prefix.starts_with('_') { "_" } else { "*" };
    let typed = site.prefix.trim_start_matches(['*', '_']);
    let lead_marker = &site.prefix[..site.prefix.len() - typed.len()];
    let matches = lexicon::lexicon().complete(typed, lang, site.kind, gender);
    let number = site.number.map(|n| format!("{n}. ")).unwrap_or_default();
    matches
        .into_iter()
        .enumerate()
        .map(|(rank, m)| {
            let tail = if site.kind == Kind::Operative && m.adverb.is_none() {
                complement_snippet(&m.form.text, m.concept.complement(lang))
            } else {
                None
            };
            let snippet = format!(
                "{number}{marker}{}{marker}{}",
                escape_snippet(&m.text),
                tail.as_deref().map_or(" $0".to_string(), |t| format!("{t}$0"))
            );
            let plain = format!("{number}{marker}{}{marker} ", m.text);
            Item {
                label: m.text.clone(),
                snippet,
                plain,
                replace: Span::new(site.start, offset),
                filter: format!("{lead_marker}{}", fold(&m.text)),
                sort: rank as u32,
                detail: match site.kind {
                    Kind::Preambular => "preambular opening".to_string(),
                    Kind::Operative => "operative verb".to_string(),
                },
                key: DocKey { lang, kind: site.kind, concept: m.concept.id.clone(), form: m.form.text.clone() },
                concept: m.concept,
                others: m.others,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use super::*;
    use crate::analysis::fixture::extract_cursor;

    fn check(fixture: &str, expect: Expect) {
        let (text, offset) = extract_cursor(fixture);
        let doc = Document::new(&text);
        let items = complete(&doc, offset);
        let shown: Vec<String> = items
            .iter()
            .take(4)
            .map(|i| {
                format!("{} | {:?} | replace {:?} | filter {}", i.label, i.snippet, &text[i.replace.range()], i.filter)
            })
            .collect();
        expect.assert_eq(&format!("{} items\n{}", items.len(), shown.join("\n")));
    }

    #[test]
    fn preambular_openers_in_french_agree_with_the_assembly() {
        check(
            "L’Assemblée générale,\n\n*Rappelant* « é » ñ 𝔄,\n\n*Consc$0\n",
            expect![[r#"
                1 items
                Consciente | "*Consciente* $0" | replace "*Consc" | filter *consciente"#]],
        );
        check(
            "Le Conseil de sécurité,\n\n*Rappelant* « é »,\n\n*Consc$0\n",
            expect![[r#"
                1 items
                Conscient | "*Conscient* $0" | replace "*Consc" | filter *conscient"#]],
        );
    }

    #[test]
    fn operative_verbs_with_complement_and_number() {
        check(
            "The General Assembly,\n\n*Recalling* é,\n\n1. *Decides* ñ;\n\n2. req$0\n",
            expect![[r#"
                2 items
                Requests | "*Requests* ${1:X} to $0" | replace "req" | filter requests
                Requires | "*Requires* ${1:X} to $0" | replace "req" | filter requires"#]],
        );
        check(
            "La Asamblea General,\n\n*Recordando* « ñ »,\n\n1. *Decide* 𝔄;\n\n$0\n",
            expect![[r#"
                127 items
                Solicita | "2. *Solicita* a ${1:X} que $0" | replace "" | filter solicita
                Pide | "2. *Pide* $0" | replace "" | filter pide
                Decide | "2. *Decide* $0" | replace "" | filter decide
                Exhorta | "2. *Exhorta* a ${1:X} a que $0" | replace "" | filter exhorta"#]],
        );
        check(
            "L’Assemblée générale,\n\n1. *Décide* é ;\n\nreaf$0\n",
            expect![[r#"
                3 items
                Réaffirme | "2. *Réaffirme* ${1:X} $0" | replace "reaf" | filter reaffirme
                Réaffirme son engagement | "2. *Réaffirme son engagement* en faveur de ${1:X} $0" | replace "reaf" | filter reaffirme son engagement
                Réaffirme son attachement | "2. *Réaffirme son attachement* $0" | replace "reaf" | filter reaffirme son attachement"#]],
        );
    }

    #[test]
    fn nothing_before_the_organ_formula_or_mid_sentence() {
        check("---\nlang: en\n---\nRes$0\n\nThe General Assembly,\n", expect!["0 items\n"]);
        check("The General Assembly,\n\n1. *Decides* that the re$0", expect!["0 items\n"]);
    }

    #[test]
    fn documentation_found_again_from_label_and_list() {
        // completionItem/resolve gets only the item's key back (list, concept, form): every
        // item of these lists (each language, both kinds, both genders, typed adverbs) must
        // find its own documentation again from it.
        let fixtures = [
            "L’Assemblée générale,\n\n*Rappelant* « é » ñ 𝔄,\n\n$0\n",
            "Le Conseil de sécurité,\n\n*Rappelant* « é »,\n\n1. *Décide* ñ ;\n\n$0\n",
            "The General Assembly,\n\n*Recalling* é 𝔄,\n\n$0\n",
            "The Security Council,\n\n1. *Decides* ñ;\n\n$0\n",
            "The General Assembly,\n\n1. *Decides* ñ;\n\n2. Also re$0",
            "La Asamblea General,\n\n*Recordando* « ñ »,\n\n1. *Decide* 𝔄;\n\n$0\n",
            "El Consejo de Derechos Humanos,\n\n*Recordando* ñ,\n\n$0\n",
            "L’Assemblée générale,\n\n1. *Décide* é ;\n\n2. Prie égal$0",
        ];
        let mut seen = 0;
        for fixture in fixtures {
            let (text, offset) = extract_cursor(fixture);
            let items = complete(&Document::new(&text), offset);
            assert!(!items.is_empty(), "no items for {fixture:?}");
            for item in &items {
                let doc = item.documentation();
                assert!(doc.contains("- English:"), "{doc}");
                assert_eq!(documentation(&item.key).as_deref(), Some(doc.as_str()), "{}", item.label);
                seen += 1;
            }
        }
        assert!(seen > 400, "{seen} items");
        let key = |concept: &str, form: &str| DocKey {
            lang: Lang::En,
            kind: Kind::Operative,
            concept: concept.to_string(),
            form: form.to_string(),
        };
        assert!(documentation(&key("decides", "Decides")).is_some());
        assert_eq!(documentation(&key("decides", "Ponders é")), None);
        assert_eq!(documentation(&key("decides", "Requests")), None, "another concept's form");
        assert_eq!(documentation(&key("ponders", "Decides")), None);
    }
}
