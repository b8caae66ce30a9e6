//! Hover and go-to-definition inside a draft: footnotes, paragraph cross-references, opening
//! phrases. (Cited documents are answered from the catalogue by the server.)

use crate::analysis::completion::concept_doc;
use crate::analysis::openings::{kind_of, opening, resolve};
use crate::analysis::references::{crossref_at, footnote_at};
use crate::document::Document;
use crate::syntax::Span;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hover {
    pub span: Span,
    pub markdown: String,
}

fn excerpt(text: &str, max: usize) -> String {
    let t = text.trim();
    match t.char_indices().nth(max) {
        Some((i, _)) => format!("{} …", &t[..i]),
        None => t.to_string(),
    }
}

pub fn hover(doc: &Document, offset: usize) -> Option<Hover> {
    if let Some(f) = footnote_at(doc, offset) {
        let body = f.body_text.map(|s| excerpt(&doc.slice(s.range()), 800));
        let uses = f.indicators.len();
        let markdown = match body {
            Some(b) => format!("**Footnote [^{}]**\n\n{b}\n\n_{uses} indicator(s)_", f.label),
            None => format!("**Footnote [^{}]** has no body", f.label),
        };
        return Some(Hover { span: f.under_cursor, markdown });
    }
    if let Some((under, target)) = crossref_at(doc, offset) {
        return Some(Hover {
            span: under,
            markdown: format!("```text\n{}\n```", excerpt(&doc.slice(target.range()), 800)),
        });
    }
    // An opening phrase.
    let parse = doc.parse();
    let structure = parse.structure();
    let lang = structure.lang?;
    let blocks = parse.blocks();
    let i = blocks.partition_point(|b| b.start <= offset).checked_sub(1)?;
    let kind = kind_of(structure.roles[i])?;
    let o = opening(&blocks[i], lang, kind)?;
    if !(o.span.start <= offset && offset <= o.span.end) {
        return None;
    }
    let (concept, form) = resolve(&o, lang)?;
    Some(Hover { span: o.span, markdown: format!("**{}**\n\n{}", form.text, concept_doc(concept, lang)) })
}

/// Where the thing under the cursor is defined: a footnote's body (or, from the body, its first
/// indicator), a cross-reference's target paragraph.
pub fn definition(doc: &Document, offset: usize) -> Option<Span> {
    if let Some(f) = footnote_at(doc, offset) {
        return match f.body {
            Some(body) if body != f.under_cursor => Some(body),
            _ => f.indicators.first().copied(),
        };
    }
    crossref_at(doc, offset).map(|(_, target)| Span::new(target.start, target.start))
}

/// Every place of the footnote under the cursor: indicators and body.
pub fn footnote_places(doc: &Document, offset: usize) -> Option<(Vec<Span>, Option<Span>)> {
    footnote_at(doc, offset).map(|f| (f.indicators, f.body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::fixture::extract_cursor;

    fn at(fixture: &str) -> (Document, usize, String) {
        let (text, offset) = extract_cursor(fixture);
        (Document::new(&text), offset, text)
    }

    #[test]
    fn footnotes_crossrefs_and_openings() {
        let (doc, off, text) =
            at("L’Assemblée générale,\n\n*Rappelant* « é » ñ 𝔄[^1$0],\n\n1. *Prie* ;\n\n[^1]: Résolution 70/1.\n");
        let h = hover(&doc, off).unwrap();
        assert_eq!(h.markdown, "**Footnote [^1]**\n\nRésolution 70/1.\n\n_1 indicator(s)_");
        let def = definition(&doc, off).unwrap();
        assert_eq!(&text[def.range()], "[^1]");
        assert!(def.start > text.find("[^1]:").unwrap() - 1);

        let (doc, off, _) = at("L’Assemblée générale,\n\n*Rappe$0lant* « é »,\n\n1. *Prie* ;\n");
        let h = hover(&doc, off).unwrap();
        assert!(h.markdown.starts_with("**Rappelant**\n\n"), "{}", h.markdown);
        assert!(h.markdown.contains("- Spanish: Recordando"), "{}", h.markdown);

        let (doc, off, text) = at(
            "The General Assembly,\n\n1. *Decides* « é » ñ 𝔄;\n\n2. *Requests*, as decided in paragraph 1$0 above;\n\n3. *Decides*.\n",
        );
        let h = hover(&doc, off).unwrap();
        assert!(h.markdown.contains("1. *Decides* « é » ñ 𝔄;"), "{}", h.markdown);
        let def = definition(&doc, off).unwrap();
        assert_eq!(def.start, text.find("1. *Decides*").unwrap());
    }
}
