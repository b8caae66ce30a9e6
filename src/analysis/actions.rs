//! Code actions: each diagnostic's own fixes, renumbering (paragraphs, footnotes), a new
//! footnote for a repeated reference, and italicising an opening phrase.

use crate::analysis::openings::{kind_of, opening};
use crate::analysis::renumber::{renumber_footnotes, renumber_paragraphs};
use crate::analysis::{Diagnostic, TextEdit, apply_edits};
use crate::document::Document;
use crate::syntax::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionKind {
    QuickFix,
    /// Whole-document actions (`source.*`).
    Source(&'static str),
    Rewrite,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub title: String,
    pub kind: ActionKind,
    pub edits: Vec<TextEdit>,
    /// The diagnostics this action resolves.
    pub fixes: Vec<Diagnostic>,
    pub preferred: bool,
}

pub const RENUMBER_PARAGRAPHS: &str = "source.renumberParagraphs";
pub const RENUMBER_FOOTNOTES: &str = "source.renumberFootnotes";

fn overlaps(a: Span, b: Span) -> bool {
    a.start <= b.end && b.start <= a.end
}

fn is_numbering(code: &str) -> bool {
    matches!(
        code,
        "numbering-gap" | "numbering-duplicate" | "numbering-order" | "subparagraph-gap" | "subparagraph-duplicate"
    )
}

/// A new footnote for the repeated indicator at `span`, with the text of the first one; the
/// footnotes are then renumbered in order of first appearance. One whole-text edit.
fn duplicate_footnote(doc: &Document, span: Span) -> Option<Vec<TextEdit>> {
    let text = doc.text();
    let label = text.get(span.start + 2..span.end.checked_sub(1)?)?.to_string();
    let blocks = doc.parse().blocks();
    let (body_block, def) =
        blocks.iter().find_map(|b| b.data.fn_defs.iter().find(|d| d.label == label).map(|d| (b, d)))?;
    let def_start = body_block.abs(def.span).start;
    let body_end = text[def_start..].find('\n').map_or(text.len(), |i| def_start + i);
    let body_text = text[body_block.abs(def.span).end..body_end].trim_start_matches(':').trim().to_string();
    let max = blocks.iter().flat_map(|b| b.data.fn_defs.iter()).filter_map(|d| d.label.parse::<u32>().ok()).max()?;
    let fresh = max + 1;
    let mut new = apply_edits(&text, &[TextEdit::new(span, format!("[^{fresh}]"))]);
    if !new.ends_with('\n') {
        new.push('\n');
    }
    new.push_str(&format!("[^{fresh}]: {body_text}\n"));
    let doc2 = Document::new(&new);
    if let Some(edits) = renumber_footnotes(&doc2) {
        new = apply_edits(&new, &edits);
    }
    Some(vec![TextEdit::new(Span::new(0, text.len()), new)])
}

pub fn actions(doc: &Document, range: Span, diags: &[Diagnostic]) -> Vec<Action> {
    let mut out = Vec::new();
    let here: Vec<&Diagnostic> = diags.iter().filter(|d| overlaps(d.span, range)).collect();
    for d in &here {
        for f in &d.fixes {
            out.push(Action {
                title: f.title.clone(),
                kind: ActionKind::QuickFix,
                edits: f.edits.clone(),
                fixes: vec![(*d).clone()],
                preferred: d.fixes.len() == 1,
            });
        }
        if d.code == "footnote-repeated" {
            if let Some(edits) = duplicate_footnote(doc, d.span) {
                out.push(Action {
                    title: "Insert a new footnote with the same text".to_string(),
                    kind: ActionKind::QuickFix,
                    edits,
                    fixes: vec![(*d).clone()],
                    preferred: true,
                });
            }
        }
    }
    if let Some(r) = renumber_paragraphs(doc) {
        let fixed: Vec<Diagnostic> = here.iter().filter(|d| is_numbering(d.code)).map(|d| (*d).clone()).collect();
        if !fixed.is_empty() {
            out.push(Action {
                title: "Renumber operative paragraphs".to_string(),
                kind: ActionKind::QuickFix,
                edits: r.edits.clone(),
                fixes: fixed,
                preferred: false,
            });
        }
        out.push(Action {
            title: "Renumber operative paragraphs".to_string(),
            kind: ActionKind::Source(RENUMBER_PARAGRAPHS),
            edits: r.edits,
            fixes: Vec::new(),
            preferred: false,
        });
    }
    if let Some(edits) = renumber_footnotes(doc) {
        let fixed: Vec<Diagnostic> =
            here.iter().filter(|d| matches!(d.code, "footnote-order" | "footnote-gap")).map(|d| (*d).clone()).collect();
        if !fixed.is_empty() {
            out.push(Action {
                title: "Renumber footnotes in order of appearance".to_string(),
                kind: ActionKind::QuickFix,
                edits: edits.clone(),
                fixes: fixed,
                preferred: false,
            });
        }
        out.push(Action {
            title: "Renumber footnotes in order of appearance".to_string(),
            kind: ActionKind::Source(RENUMBER_FOOTNOTES),
            edits,
            fixes: Vec::new(),
            preferred: false,
        });
    }
    // Italicise an opening phrase written in plain text.
    let parse = doc.parse();
    let structure = parse.structure();
    if let Some(lang) = structure.lang {
        for (b, role) in parse.blocks().iter().zip(&structure.roles) {
            if b.end() < range.start || b.start > range.end {
                continue;
            }
            let Some(kind) = kind_of(*role) else { continue };
            let Some(o) = opening(b, lang, kind) else { continue };
            if !o.italic && overlaps(o.span, range) {
                out.push(Action {
                    title: "Italicise the opening phrase".to_string(),
                    kind: ActionKind::Rewrite,
                    edits: vec![
                        TextEdit::new(Span::new(o.span.start, o.span.start), "*"),
                        TextEdit::new(Span::new(o.span.end, o.span.end), "*"),
                    ],
                    fixes: Vec::new(),
                    preferred: false,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::diagnostics::diagnostics_with;
    use crate::config::{Config, FootnoteRepeat};

    fn apply_first(text: &str, title: &str, config: &Config) -> String {
        let doc = Document::new(text);
        let diags = diagnostics_with(doc.parse(), config);
        let all = actions(&doc, Span::new(0, text.len()), &diags);
        let a = all.iter().find(|a| a.title == title).unwrap_or_else(|| panic!("no {title:?} in {all:?}"));
        apply_edits(text, &a.edits)
    }

    #[test]
    fn fixes_renumbering_and_italics() {
        let c = Config::default();
        let text = "L’Assemblée générale,\n\nRappelant « é » ñ 𝔄 ;\n\n1. *Décide* ;\n\n3. *Prie*.\n";
        let fixed = apply_first(text, "End with “,”", &c);
        // The space before “;” goes: no space before “,” in French.
        assert_eq!(fixed, "L’Assemblée générale,\n\nRappelant « é » ñ 𝔄,\n\n1. *Décide* ;\n\n3. *Prie*.\n");
        let fixed = apply_first(text, "Renumber operative paragraphs", &c);
        assert!(fixed.contains("\n2. *Prie*."), "{fixed}");
        let fixed = apply_first(text, "Italicise the opening phrase", &c);
        assert!(fixed.contains("*Rappelant* « é »"), "{fixed}");
    }

    #[test]
    fn a_new_footnote_for_a_repeated_reference() {
        let c = Config { footnote_repeat: FootnoteRepeat::DuplicateFootnote, ..Config::default() };
        let text = "The General Assembly,\n\n*Recalling* the Declaration,[^1] « é »,\n\n*Noting* ñ,[^2]\n\n1. *Reaffirms* the Declaration;[^1]\n\n2. *Decides*.\n\n[^1]: Resolution 217 A (III).\n[^2]: A/72/1.\n";
        let fixed = apply_first(text, "Insert a new footnote with the same text", &c);
        assert_eq!(
            fixed,
            "The General Assembly,\n\n*Recalling* the Declaration,[^1] « é »,\n\n*Noting* ñ,[^2]\n\n1. *Reaffirms* the Declaration;[^3]\n\n2. *Decides*.\n\n[^1]: Resolution 217 A (III).\n[^2]: A/72/1.\n[^3]: Resolution 217 A (III).\n"
        );
        let after = diagnostics_with(Document::new(&fixed).parse(), &c);
        assert!(after.iter().all(|d| !d.code.starts_with("footnote")), "{after:?}");
    }
}
