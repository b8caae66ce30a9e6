//! Document symbols (the outline): title, preamble with its paragraphs, operative paragraphs
//! with their sub-paragraphs, annexes with theirs, footnotes.

use crate::document::Document;
use crate::syntax::{Block, Head, Role, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymbolKind {
    Title,
    Section,
    Paragraph,
    SubParagraph,
    Annex,
    Footnote,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    pub name: String,
    pub kind: SymbolKind,
    /// Everything the symbol covers.
    pub span: Span,
    /// What to select when the symbol is picked (a label, a phrase).
    pub selection: Span,
    pub children: Vec<Symbol>,
}

/// The first `n` words of a text, without Markdown emphasis markers.
fn words(text: &str, n: usize) -> String {
    let clean: String = text.chars().filter(|c| !matches!(c, '*' | '_')).collect();
    let mut out: Vec<&str> = clean.split_whitespace().take(n).collect();
    if let Some(last) = out.last_mut() {
        *last = last.trim_end_matches([',', ';', ':', '.']);
    }
    out.join(" ")
}

/// The opening phrase of a paragraph's text: the leading `*…*` or `_…_` span, else 3 words.
fn opening(text: &str) -> String {
    let t = text.trim_start();
    for mark in ['*', '_'] {
        if let Some(rest) = t.strip_prefix(mark) {
            if let Some(end) = rest.find(mark) {
                if end > 0 && !rest[..end].contains('\n') {
                    return rest[..end].trim().to_string();
                }
            }
        }
    }
    words(t, 3)
}

fn first_line(text: &str) -> &str {
    text.split(['\n', '\r']).next().unwrap_or("")
}

fn sub_symbols(doc_text: &str, b: &Block) -> Vec<Symbol> {
    let labels = &b.data.sub_labels;
    labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let start = b.abs(l.span).start;
            let end = labels.get(i + 1).map_or(b.end(), |n| b.abs(n.span).start);
            let line_end = doc_text[start..end].find(['\n', '\r']).map_or(end, |p| start + p);
            let label_text = &doc_text[b.abs(l.span).range()];
            let rest = &doc_text[b.abs(l.span).end..line_end];
            Symbol {
                name: format!("{label_text} {}", words(rest, 5)).trim_end().to_string(),
                kind: SymbolKind::SubParagraph,
                span: Span::new(start, end.max(start)),
                selection: b.abs(l.span),
                children: Vec::new(),
            }
        })
        .collect()
}

/// Extends the last symbol of `list` to cover `block` (a continuation block).
fn extend_last(list: &mut [Symbol], span_end: usize) {
    if let Some(last) = list.last_mut() {
        last.span.end = last.span.end.max(span_end);
    }
}

pub fn outline(doc: &Document) -> Vec<Symbol> {
    let text = doc.text();
    let parse = doc.parse();
    let structure = parse.structure();
    let blocks = parse.blocks();
    let mut out: Vec<Symbol> = Vec::new();
    let mut preamble: Option<Symbol> = None;
    let mut annex: Option<Symbol> = None;
    let mut footnotes: Option<Symbol> = None;
    let mut title_done = false;
    for (b, role) in blocks.iter().zip(&structure.roles) {
        let bt = &text[b.start..b.end()];
        let span = Span::new(b.start, b.end());
        // The paragraph list new operative paragraphs go into: the annex's or the top level.
        match role {
            Role::Heading if !title_done && structure.organ_block.is_some() => {
                title_done = true;
                let line = first_line(bt).trim();
                let sel = Span::new(b.start, b.start + first_line(bt).len());
                out.push(Symbol {
                    name: line.trim_start_matches('#').trim().to_string(),
                    kind: SymbolKind::Title,
                    span,
                    selection: sel,
                    children: Vec::new(),
                });
            }
            Role::FrontMatter => {
                // Lines after the closing fence are the title.
                let mut seen_fence = 0;
                for line in bt.lines() {
                    if line.trim_end() == "---" {
                        seen_fence += 1;
                    } else if seen_fence >= 2 && !line.trim().is_empty() && !title_done {
                        title_done = true;
                        let start = b.start + (line.as_ptr() as usize - bt.as_ptr() as usize);
                        let sel = Span::new(start, start + line.len());
                        out.push(Symbol {
                            name: line.trim().to_string(),
                            kind: SymbolKind::Title,
                            span: sel,
                            selection: sel,
                            children: Vec::new(),
                        });
                    }
                }
            }
            Role::Preambular => {
                let p = preamble.get_or_insert_with(|| Symbol {
                    name: "Preamble".to_string(),
                    kind: SymbolKind::Section,
                    span,
                    selection: Span::new(b.start, b.start),
                    children: Vec::new(),
                });
                p.span.end = b.end();
                p.children.push(Symbol {
                    name: opening(bt),
                    kind: SymbolKind::Paragraph,
                    span,
                    selection: Span::new(b.start, b.start + first_line(bt).len().min(bt.len())),
                    children: sub_symbols(&text, b),
                });
            }
            Role::Operative { .. } => {
                if let Some(p) = preamble.take() {
                    out.push(p);
                }
                let (name, selection) = match &b.data.head {
                    Head::Numbered { label, .. } | Head::Insertion { label, .. } => {
                        let label_text = &bt[label.range()];
                        let label_text = label_text.trim_end_matches('.');
                        (format!("{label_text}. {}", opening(&bt[label.end..])), b.abs(*label))
                    }
                    _ => (words(bt, 4), Span::new(b.start, b.start)),
                };
                let sym =
                    Symbol { name, kind: SymbolKind::Paragraph, span, selection, children: sub_symbols(&text, b) };
                match &mut annex {
                    Some(a) => {
                        a.span.end = b.end();
                        a.children.push(sym);
                    }
                    None => out.push(sym),
                }
            }
            Role::SubParagraphs { .. } => {
                let subs = sub_symbols(&text, b);
                let list = match (&mut annex, &mut preamble) {
                    (Some(a), _) => {
                        a.span.end = b.end();
                        &mut a.children
                    }
                    (None, Some(p)) => {
                        p.span.end = b.end();
                        &mut p.children
                    }
                    (None, None) => &mut out,
                };
                extend_last(list, b.end());
                if let Some(last) = list.last_mut().filter(|s| s.kind == SymbolKind::Paragraph) {
                    last.children.extend(subs);
                }
            }
            Role::Annex { .. } => {
                if let Some(p) = preamble.take() {
                    out.push(p);
                }
                if let Some(a) = annex.take() {
                    out.push(a);
                }
                annex = Some(Symbol {
                    name: first_line(bt).trim().trim_start_matches('#').trim().to_string(),
                    kind: SymbolKind::Annex,
                    span,
                    selection: Span::new(b.start, b.start + first_line(bt).len()),
                    children: Vec::new(),
                });
            }
            Role::Unnumbered { .. } => {
                if let Some(a) = &mut annex {
                    a.span.end = b.end();
                }
            }
            Role::Footnotes => {
                let f = footnotes.get_or_insert_with(|| Symbol {
                    name: "Footnotes".to_string(),
                    kind: SymbolKind::Section,
                    span,
                    selection: Span::new(b.start, b.start),
                    children: Vec::new(),
                });
                f.span.end = b.end();
                for (i, d) in b.data.fn_defs.iter().enumerate() {
                    let start = b.abs(d.span).start;
                    let end = b.data.fn_defs.get(i + 1).map_or(b.end(), |n| b.abs(n.span).start);
                    let body = text[b.abs(d.span).end..end].trim_start_matches(':');
                    f.children.push(Symbol {
                        name: format!("[^{}] {}", d.label, words(body, 6)).trim_end().to_string(),
                        kind: SymbolKind::Footnote,
                        span: Span::new(start, end),
                        selection: b.abs(d.span),
                        children: Vec::new(),
                    });
                }
            }
            _ => {}
        }
    }
    out.extend(preamble);
    out.extend(annex);
    out.extend(footnotes);
    out
}

/// Folding ranges as byte spans: front matter, preamble, each operative paragraph with its
/// sub-paragraphs, each annex, the footnote block.
pub fn folding(doc: &Document) -> Vec<Span> {
    let mut out = Vec::new();
    let collect = |list: &[Symbol], out: &mut Vec<Span>| {
        for s in list {
            match s.kind {
                SymbolKind::Section | SymbolKind::Paragraph | SymbolKind::Annex => out.push(s.span),
                _ => {}
            }
            for c in &s.children {
                if c.kind == SymbolKind::Paragraph && s.kind == SymbolKind::Annex {
                    out.push(c.span);
                }
            }
        }
    };
    let parse = doc.parse();
    if let Some(b) = parse.blocks().first().filter(|b| b.start == 0 && b.data.head == Head::FrontMatter) {
        let text = doc.rope().byte_slice(b.start..b.end()).to_string();
        let close = text.match_indices("---").nth(1).map_or(b.len, |(i, _)| i + 3);
        out.push(Span::new(b.start, b.start + close));
    }
    collect(&outline(doc), &mut out);
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use super::*;

    fn check(text: &str, expect: Expect) {
        let doc = Document::new(text);
        fn show(text: &str, s: &[Symbol], depth: usize, out: &mut String) {
            for sym in s {
                let sel = &text[sym.selection.range()];
                out.push_str(&format!("{}{:?} {:?} sel={:?}\n", "  ".repeat(depth), sym.kind, sym.name, sel));
                show(text, &sym.children, depth + 1, out);
            }
        }
        let mut out = String::new();
        show(text, &outline(&doc), 0, &mut out);
        for f in folding(&doc) {
            let first: String = text[f.range()].lines().next().unwrap_or("").chars().take(20).collect();
            out.push_str(&format!("fold {first:?}\n"));
        }
        expect.assert_eq(&out);
    }

    #[test]
    fn outline_of_a_french_draft() {
        check(
            "---\nlang: fr\n---\n72/169. Renforcement « 𝔄 »\n\nL’Assemblée générale,\n\n*Réaffirmant* sa volonté ñ,\n\n_Rappelant également_ é,\n\n1. *Prie* le Secrétaire général :\n   a) De réunir ;\n   b) De présenter ;\n\n2. *Décide* de rester saisie.\n\nAnnexe\n\n1. Premier\n\n   a) Sous-alinéa\n\n[^1]: Résolution 70/1.\n",
            expect![[r#"
                Title "72/169. Renforcement « 𝔄 »" sel="72/169. Renforcement « 𝔄 »"
                Section "Preamble" sel=""
                  Paragraph "Réaffirmant" sel="*Réaffirmant* sa volonté ñ,"
                  Paragraph "Rappelant également" sel="_Rappelant également_ é,"
                Paragraph "1. Prie" sel="1."
                  SubParagraph "a) De réunir" sel="a)"
                  SubParagraph "b) De présenter" sel="b)"
                Paragraph "2. Décide" sel="2."
                Annex "Annexe" sel="Annexe"
                  Paragraph "1. Premier" sel="1."
                    SubParagraph "a) Sous-alinéa" sel="a)"
                Section "Footnotes" sel=""
                  Footnote "[^1] Résolution 70/1" sel="[^1]"
                fold "---"
                fold "*Réaffirmant* sa vol"
                fold "1. *Prie* le Secréta"
                fold "2. *Décide* de reste"
                fold "Annexe"
                fold "1. Premier"
                fold "[^1]: Résolution 70/"
            "#]],
        );
    }

    #[test]
    fn outline_of_an_english_council_text_without_front_matter() {
        check(
            "Resolution 2334 (2016)\n\nThe Security Council,\n\n1. Reaffirms ñ 𝔄:\n(a) One;\n(b) Two;\n\n2. *Also decides* é.\n",
            expect![[r#"
                Title "Resolution 2334 (2016)" sel="Resolution 2334 (2016)"
                Paragraph "1. Reaffirms ñ 𝔄" sel="1."
                  SubParagraph "(a) One" sel="(a)"
                  SubParagraph "(b) Two" sel="(b)"
                Paragraph "2. Also decides" sel="2."
                fold "1. Reaffirms ñ 𝔄:"
                fold "2. *Also decides* é."
            "#]],
        );
    }
}
