//! Navigation on cross-references and footnotes: what a reference points to (hover,
//! go-to-definition) and where a footnote's indicators and body are (hover, definition,
//! references, highlight). Pure functions over a [`Document`] and a byte offset; a cursor
//! touching a span (just before its first byte or just after its last) is on it.

pub(crate) mod paragraphs;

use crate::document::Document;
use crate::syntax::lines::lines;
use crate::syntax::{Block, Head, Span};

use paragraphs::{Outline, Resolution, absolute, scope_at, scope_starts, target_scope};

/// A cursor at `offset` is on `span` when it is inside it or touches either end.
fn touches(span: Span, offset: usize) -> bool {
    span.start <= offset && offset <= span.end
}

fn block_at(blocks: &[Block], offset: usize) -> Option<usize> {
    let i = blocks.partition_point(|b| b.start <= offset).checked_sub(1)?;
    (offset <= blocks[i].end()).then_some(i)
}

/// `span` without the whitespace it ends with.
fn trim_end(doc: &Document, span: Span) -> Span {
    let kept = doc.slice(span.range()).trim_end().len();
    Span::new(span.start, span.start + kept)
}

/// The cross-reference target under the cursor: the number (or the sub-paragraph label)
/// under the cursor, and the paragraph or sub-paragraph it points to, from its label through
/// the end of its text (sub-paragraphs of a paragraph included).
///
/// On the number of "paragraph 2 (a) above" the target is paragraph 2; on "(a)" it is
/// sub-paragraph 2 (a). `None` when the cursor is on no reference, or when the target does
/// not exist or cannot be told apart (a number or label used twice).
pub fn crossref_at(doc: &Document, offset: usize) -> Option<(Span, Span)> {
    let (under, o, para, sub) = target_at(doc, offset)?;
    Some((under, trim_end(doc, o.target_span(para, sub))))
}

/// Every cross-reference that points where the one under the cursor points, in order (their
/// numbers, or their sub-paragraph labels when the target is a sub-paragraph), and the
/// target's own label ("5." or "(b)"). `None` as for [`crossref_at`].
pub fn crossref_places(doc: &Document, offset: usize) -> Option<(Vec<Span>, Span)> {
    let (_, o, para, sub) = target_at(doc, offset)?;
    let mut out = Vec::new();
    for (bi, b) in doc.parse().blocks().iter().enumerate() {
        for r in &b.data.crossrefs {
            let r = absolute(b, r);
            for t in &r.targets {
                let Resolution::Found { para: p, sub: s } = o.resolve(bi, &r, t) else { continue };
                match (sub, &t.sub) {
                    (None, _) if p == para && t.number.is_some() => out.push(t.number_span),
                    (Some(_), Some((_, label))) if p == para && s == sub => out.push(*label),
                    _ => {}
                }
            }
        }
    }
    let p = &o.paras[para];
    let label = match sub.and_then(|s| p.subs.get(s)) {
        Some(s) => s.span,
        None => p.label.unwrap_or(Span::new(p.span.start, p.span.start)),
    };
    Some((out, label))
}

/// The cross-reference under the cursor: what is under it, the document's outline, and the
/// paragraph (and sub-paragraph) it points to.
fn target_at(doc: &Document, offset: usize) -> Option<(Span, Outline, usize, Option<usize>)> {
    let parse = doc.parse();
    let blocks = parse.blocks();
    let bi = block_at(blocks, offset)?;
    let b = &blocks[bi];
    let mut hit = None;
    for r in &b.data.crossrefs {
        let r = absolute(b, r);
        if !touches(r.span, offset) {
            continue;
        }
        for t in &r.targets {
            if let Some((_, label)) = t.sub.as_ref().filter(|(_, s)| touches(*s, offset)) {
                hit = Some((*label, true, r.clone(), t.clone()));
                break;
            }
            if touches(t.number_span, offset) && hit.is_none() {
                hit = Some((t.number_span, false, r.clone(), t.clone()));
            }
        }
    }
    let (under, on_label, r, t) = hit?;
    // The outline of the scope the reference points into only.
    let roles = &parse.structure().roles;
    let starts = scope_starts(roles);
    let scope = target_scope(scope_at(&starts, bi), starts.len() as u32 - 1, r.direction)?;
    let o = Outline::of_scopes(blocks, roles, &starts, scope..scope + 1);
    let Resolution::Found { para, sub } = o.resolve(bi, &r, &t) else { return None };
    let sub = if on_label || t.number.is_none() { sub } else { None };
    Some((under, o, para, sub))
}

/// A footnote as seen from one of its indicators or its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FootnoteInfo {
    pub label: String,
    /// Every indicator `[^label]` in the text, in order.
    pub indicators: Vec<Span>,
    /// The `[^label]` of the (first) body.
    pub body: Option<Span>,
    /// The body's text after `[^label]: `, continuation lines included.
    pub body_text: Option<Span>,
    /// The indicator or body label the cursor is on.
    pub under_cursor: Span,
}

/// One footnote body: `[^label]: text` and its continuation lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Body {
    pub label: String,
    pub block: usize,
    /// `[^label]`
    pub label_span: Span,
    /// From the start of the `[^label]:` line to the end of its last continuation line.
    pub extent: Span,
    /// The text after `[^label]: ` to the end of the extent.
    pub text: Span,
}

/// Every footnote body, in order. A body continues on the lines after it up to the next body;
/// outside a block of footnotes, only on indented lines that start no sub-paragraph.
pub(crate) fn footnote_bodies(blocks: &[Block]) -> Vec<Body> {
    blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.has & Block::FN_DEFS != 0)
        .flat_map(|(bi, b)| block_bodies(b, bi))
        .collect()
}

/// The footnote bodies of one block (a body never runs past its block).
fn block_bodies(b: &Block, bi: usize) -> Vec<Body> {
    let mut out = Vec::new();
    {
        let own: &str = &b.text;
        let in_footnotes = b.data.head == Head::FootnoteDef;
        let mut current: Option<Body> = None;
        for (s, e) in lines(own) {
            let def = b.data.fn_defs.iter().find(|d| d.span.start == s);
            if let Some(d) = def {
                out.extend(current.take());
                let label_span = b.abs(d.span);
                let after = label_span.end + 1;
                current = Some(Body {
                    label: d.label.clone(),
                    block: bi,
                    label_span,
                    extent: Span::new(b.start + s, b.start + e),
                    text: Span::new(after.min(b.start + e), b.start + e),
                });
                continue;
            }
            let Some(body) = current.as_mut() else { continue };
            let line = &own[s..e];
            let starts_label = b.data.sub_labels.iter().any(|l| l.span.start >= s && l.span.start <= e);
            let indented = line.starts_with([' ', '\t', '\u{a0}']);
            if in_footnotes || (indented && !starts_label) {
                body.extent.end = b.start + e;
                body.text.end = b.start + e;
            } else {
                out.extend(current.take());
            }
        }
        out.extend(current);
    }
    for body in &mut out {
        let t = b.text.get(body.text.start - b.start..body.text.end - b.start).unwrap_or_default();
        body.text.start += t.len() - t.trim_start().len();
    }
    out
}

/// The footnote whose indicator or body label is under the cursor.
pub fn footnote_at(doc: &Document, offset: usize) -> Option<FootnoteInfo> {
    let blocks = doc.parse().blocks();
    let bi = block_at(blocks, offset)?;
    let b = &blocks[bi];
    let candidates = b
        .data
        .fn_refs
        .iter()
        .map(|r| (&r.label, b.abs(r.span)))
        .chain(b.data.fn_defs.iter().map(|d| (&d.label, b.abs(d.span))));
    // Inside a span first; touching its end only when no span starts there ("[^1][^2]").
    let mut best: Option<(&String, Span)> = None;
    for (label, span) in candidates {
        if span.start <= offset && offset < span.end {
            best = Some((label, span));
            break;
        }
        if offset == span.end && best.is_none() {
            best = Some((label, span));
        }
    }
    let (label, under_cursor) = best?;
    let indicators = blocks
        .iter()
        .filter(|b| b.has & Block::FN_REFS != 0)
        .flat_map(|b| b.data.fn_refs.iter().filter(|r| &r.label == label).map(|r| b.abs(r.span)))
        .collect();
    // The first body with that label: only the blocks that define it are read.
    let body = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.has & Block::FN_DEFS != 0 && b.data.fn_defs.iter().any(|d| &d.label == label))
        .find_map(|(bi, b)| block_bodies(b, bi).into_iter().find(|d| &d.label == label));
    Some(FootnoteInfo {
        label: label.clone(),
        indicators,
        body: body.as_ref().map(|d| d.label_span),
        body_text: body.map(|d| d.text),
        under_cursor,
    })
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use super::*;
    use crate::analysis::fixture::extract_cursor;

    fn show(text: &str, span: Span) -> String {
        format!("{}..{} «{}»", span.start, span.end, &text[span.range()])
    }

    fn check_crossref(fixture: &str, expect: Expect) {
        let (text, offset) = extract_cursor(fixture);
        let doc = Document::new(&text);
        let got = match crossref_at(&doc, offset) {
            Some((under, target)) => format!("{}\n-> {}\n", show(&text, under), show(&text, target)),
            None => "none\n".to_string(),
        };
        expect.assert_eq(&got);
    }

    fn check_footnote(fixture: &str, expect: Expect) {
        let (text, offset) = extract_cursor(fixture);
        let doc = Document::new(&text);
        let got = match footnote_at(&doc, offset) {
            Some(info) => {
                let mut s = format!("label {}\nunder {}\n", info.label, show(&text, info.under_cursor));
                for i in &info.indicators {
                    s.push_str(&format!("indicator {}\n", show(&text, *i)));
                }
                if let Some(b) = info.body {
                    s.push_str(&format!("body {}\n", show(&text, b)));
                }
                if let Some(b) = info.body_text {
                    s.push_str(&format!("text {}\n", show(&text, b)));
                }
                s
            }
            None => "none\n".to_string(),
        };
        expect.assert_eq(&got);
    }

    const EN: &str = "The General Assembly,\n\n*Recalling* « 𝔄 » é,\n\n1. *Decides* ñ;\n\n2. *Requests*:\n   (a) to act é;\n   (b) to report:\n      (i) once;\n      (ii) twice;\n   (c) to end;\n\n3. *Decides* that paragraph 2 (b) above and paragraph 1 above apply, not paragraph 9 above.\n";

    #[test]
    fn crossref_places_in_english() {
        let text = EN.replace("not paragraph 9 above.", "not paragraph 9 above; see paragraphs 2 and 1 above.");
        let show_places = |needle: &str, delta: usize| {
            let doc = Document::new(&text);
            let Some((refs, label)) = crossref_places(&doc, text.find(needle).unwrap() + delta) else {
                return "none".to_string();
            };
            let refs: Vec<String> = refs.iter().map(|s| show(&text, *s)).collect();
            format!("{} <- {}", show(&text, label), refs.join(", "))
        };
        // Paragraph 2: its number in "2 (b)" and in "paragraphs 2 and 1".
        expect!["69..71 «2.» <- 198..199 «2», 277..278 «2»"].assert_eq(&show_places("2 (b) above", 0));
        // Sub-paragraph 2 (b): only the reference that names it.
        expect!["105..108 «(b)» <- 200..203 «(b)»"].assert_eq(&show_places("2 (b) above", 3));
        expect!["51..53 «1.» <- 224..225 «1», 283..284 «1»"].assert_eq(&show_places("1 above apply", 0));
        // No such paragraph, or not on a reference.
        expect!["none"].assert_eq(&show_places("9 above", 0));
        expect!["none"].assert_eq(&show_places("that paragraph", 0));
    }

    #[test]
    fn crossref_targets_in_english() {
        let on = |needle: &str, delta: usize| {
            let at = EN.find(needle).unwrap() + delta;
            format!("{}$0{}", &EN[..at], &EN[at..])
        };
        check_crossref(
            &on("2 (b) above", 0),
            expect![[r#"
                198..199 «2»
                -> 69..168 «2. *Requests*:
                   (a) to act é;
                   (b) to report:
                      (i) once;
                      (ii) twice;
                   (c) to end;»
            "#]],
        );
        check_crossref(
            &on("(b) above", 2),
            expect![[r#"
                200..203 «(b)»
                -> 105..153 «(b) to report:
                      (i) once;
                      (ii) twice;»
            "#]],
        );
        check_crossref(
            &on("1 above", 1),
            expect![[r#"
                224..225 «1»
                -> 51..67 «1. *Decides* ñ;»
            "#]],
        );
        check_crossref(&on("9 above", 0), expect!["none\n"]);
        check_crossref(&on("Decides* that", 0), expect!["none\n"]);
    }

    #[test]
    fn crossref_targets_in_french_and_spanish() {
        check_crossref(
            "Le Conseil de sécurité,\n\n1. *Décide* « 𝔄 » ;\n\nAnnexe\n\nConformément au paragraphe 1 de la présente résolution :\n   a) Présenter é ;\n   b) Consulter au paragraphe $0a) de la présente annexe ;\n",
            expect![[r#"
                174..176 «a)»
                -> 125..143 «a) Présenter é ;»
            "#]],
        );
        check_crossref(
            "La Asamblea General,\n\n1. *Decide* « 𝔄 » ñ;\n\nAnexo\n\n1. Texto.\n\n2. Texto del párrafo 1$0 de la presente resolución.\n",
            expect![[r#"
                90..91 «1»
                -> 22..48 «1. *Decide* « 𝔄 » ñ;»
            "#]],
        );
    }

    #[test]
    fn footnotes() {
        let text = "L’Assemblée générale,\n\n*Rappelant* « 𝔄 » é[^1] et ñ[^note],\n\n1. *Réaffirme* é[^1][^2] ;\n\n[^1]: Résolution 70/1,\n  annexe.\n[^note]: Voir A/80/1.\n[^2]: Ibid.\n";
        let at = |needle: &str, delta: usize| {
            let i = text.find(needle).unwrap() + delta;
            format!("{}$0{}", &text[..i], &text[i..])
        };
        check_footnote(
            &at("[^1] et", 2),
            expect![[r#"
                label 1
                under 53..57 «[^1]»
                indicator 53..57 «[^1]»
                indicator 91..95 «[^1]»
                body 103..107 «[^1]»
                text 109..136 «Résolution 70/1,
                  annexe.»
            "#]],
        );
        check_footnote(
            &at("[^2] ;", 0),
            expect![[r#"
                label 2
                under 95..99 «[^2]»
                indicator 95..99 «[^2]»
                body 159..163 «[^2]»
                text 165..170 «Ibid.»
            "#]],
        );
        check_footnote(
            &at("[^note]: Voir", 3),
            expect![[r#"
                label note
                under 137..144 «[^note]»
                indicator 63..70 «[^note]»
                body 137..144 «[^note]»
                text 146..158 «Voir A/80/1.»
            "#]],
        );
        check_footnote(&at("Résolution 70", 0), expect!["none\n"]);
        check_footnote(&at("é[^1] et", 0), expect!["none\n"]);
    }
}
