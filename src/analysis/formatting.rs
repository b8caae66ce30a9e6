//! Formatting: normalises the layout of a draft without changing a word.
//!
//! - exactly one blank line between blocks, none before the first, a final line break;
//! - no trailing whitespace;
//! - sub-paragraph lines inside their paragraph's block indented 3 spaces per level (letters
//!   3, numerals under a letter 6); sub-paragraphs in blocks of their own are left as they are
//!   (indenting a block's first line 4 spaces or more would make a Markdown code block);
//! - footnote bodies gathered at the end: numeric labels by number, then the others in their
//!   order;
//! - the document's line breaks (`\n`, `\r\n` or `\r`, from its first line break).
//!
//! Re-indenting never changes how a label is read: when it would (a label read as a letter
//! or a numeral from its indentation), labels keep their indentation.

use crate::analysis::TextEdit;
use crate::analysis::references::paragraphs::{Level, Outline};
use crate::analysis::references::{Body, footnote_bodies};
use crate::document::Document;
use crate::syntax::lines::lines;
use crate::syntax::{Block, Parse, Role, Span};

/// One line of the new text: what separates it from the line before, and its content: a
/// piece of the old text (with a new indentation) or new text.
#[derive(Clone)]
struct Line {
    sep: String,
    indent: Option<String>,
    content: Content,
}

#[derive(Clone)]
enum Content {
    Copy(Span),
    Text(String),
}

fn line_ending(text: &str) -> &'static str {
    match text.find(['\n', '\r']).map(|i| &text.as_bytes()[i..]) {
        Some([b'\r', b'\n', ..]) => "\r\n",
        Some([b'\r', ..]) => "\r",
        _ => "\n",
    }
}

/// Each label's reading (letter or numeral, value, depth), in document order.
fn readings(parse: &Parse) -> Vec<(Level, u32, u32)> {
    let o = Outline::new(parse.blocks(), &parse.structure().roles);
    o.paras.iter().flat_map(|p| p.subs.iter().map(|s| (s.level, s.value, s.depth))).collect()
}

/// Blocks one blank line apart, no trailing whitespace, footnote bodies at the end.
fn layout(text: &str, blocks: &[Block], bodies: &[Body]) -> Vec<Line> {
    let eol = line_ending(text);
    let mut out: Vec<Line> = Vec::new();
    let in_body = |start: usize| bodies.iter().any(|b| b.extent.start <= start && start <= b.extent.end);
    let push = |out: &mut Vec<Line>, new_block: bool, content: Content| {
        let sep = match (out.is_empty(), new_block) {
            (true, _) => String::new(),
            (false, true) => format!("{eol}{eol}"),
            (false, false) => eol.to_string(),
        };
        out.push(Line { sep, indent: None, content });
    };
    for b in blocks {
        let mut first_line = true;
        for (s, e) in lines(&text[b.start..b.end()]) {
            let (s, e) = (b.start + s, b.start + e);
            if in_body(s) {
                continue;
            }
            let end = s + text[s..e].trim_end().len();
            push(&mut out, first_line, Content::Copy(Span::new(s, end)));
            first_line = false;
        }
    }
    let mut sorted: Vec<&Body> = bodies.iter().collect();
    sorted.sort_by_key(|b| match b.label.parse::<u32>() {
        Ok(n) => (0, n),
        Err(_) => (1, 0),
    });
    for (i, body) in sorted.iter().enumerate() {
        let own = &text[body.extent.range()];
        for (k, (s, e)) in lines(own).enumerate() {
            push(&mut out, i == 0 && k == 0, Content::Text(own[s..e].trim_end().to_string()));
        }
    }
    out
}

/// The new text, and where each line starts in it.
fn render(text: &str, lines: &[Line]) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len() + 1);
    let mut starts = Vec::with_capacity(lines.len());
    for l in lines {
        out.push_str(&l.sep);
        starts.push(out.len());
        if let Some(i) = &l.indent {
            out.push_str(i);
        }
        match &l.content {
            Content::Copy(s) => out.push_str(&text[s.range()]),
            Content::Text(t) => out.push_str(t),
        }
    }
    if !lines.is_empty() {
        out.push_str(line_ending(text));
    }
    (out, starts)
}

/// Indents the sub-paragraph lines of `lines` (rendered as `laid_out`) 3 spaces per level in
/// paragraphs' own blocks. Returns false when that would change how a label is read.
fn reindent(text: &str, lines: &mut [Line], laid_out: &str, starts: &[usize]) -> bool {
    let parse = Parse::new(laid_out);
    let blocks = parse.blocks();
    let roles = &parse.structure().roles;
    let o = Outline::new(blocks, roles);
    let mut changed = false;
    for sub in o.paras.iter().flat_map(|p| &p.subs) {
        // Only inside the paragraph's own block, not in blocks of sub-paragraphs.
        if matches!(roles.get(sub.block), Some(Role::SubParagraphs { .. }) | None) {
            continue;
        }
        let Some(li) = starts.partition_point(|&s| s <= sub.span.start).checked_sub(1) else { continue };
        if starts[li] == blocks[sub.block].start {
            continue;
        }
        let Content::Copy(span) = lines[li].content else { continue };
        let indent = "   ".repeat(sub.depth as usize);
        let label_start = span.start + (sub.span.start - starts[li]);
        if text[span.start..label_start] != indent {
            lines[li].indent = Some(indent);
            lines[li].content = Content::Copy(Span::new(label_start, span.end));
            changed = true;
        }
    }
    if !changed {
        return true;
    }
    readings(&Parse::new(&render(text, lines).0)) == readings(&parse)
}

/// The smallest edit replacing `old` (a range of `text`) with `new`, if they differ.
fn edit(text: &str, old: Span, new: &str) -> Option<TextEdit> {
    let before = &text[old.range()];
    if before == new {
        return None;
    }
    let mut p = before.bytes().zip(new.bytes()).take_while(|(a, b)| a == b).count();
    while !before.is_char_boundary(p) || !new.is_char_boundary(p) {
        p -= 1;
    }
    let max_q = before.len().min(new.len()) - p;
    let mut q = before.bytes().rev().zip(new.bytes().rev()).take_while(|(a, b)| a == b).count().min(max_q);
    while !before.is_char_boundary(before.len() - q) || !new.is_char_boundary(new.len() - q) {
        q -= 1;
    }
    Some(TextEdit::new(Span::new(old.start + p, old.end - q), &new[p..new.len() - q]))
}

/// The edits from `text` to the text `lines` make: old lines they copy are kept in place;
/// what lies between is replaced.
fn edits(text: &str, lines: &[Line]) -> Vec<TextEdit> {
    let mut out = Vec::new();
    let mut at = 0;
    let mut pending = String::new();
    for l in lines {
        pending.push_str(&l.sep);
        if let Some(i) = &l.indent {
            pending.push_str(i);
        }
        match &l.content {
            Content::Text(t) => pending.push_str(t),
            Content::Copy(s) => {
                out.extend(edit(text, Span::new(at, s.start), &pending));
                pending.clear();
                at = s.end;
            }
        }
    }
    if !lines.is_empty() {
        pending.push_str(line_ending(text));
    }
    out.extend(edit(text, Span::new(at, text.len()), &pending));
    out
}

/// The edits that format a document; none when it is already formatted.
pub fn format(doc: &Document) -> Vec<TextEdit> {
    let text = doc.text();
    let bodies = footnote_bodies(doc.parse().blocks());
    let mut lines = layout(&text, doc.parse().blocks(), &bodies);
    let (laid_out, starts) = render(&text, &lines);
    let mut indented = lines.clone();
    if reindent(&text, &mut indented, &laid_out, &starts) {
        lines = indented;
    }
    edits(&text, &lines)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use expect_test::{Expect, expect};

    use super::*;
    use crate::analysis::apply_edits;

    fn formatted(text: &str) -> String {
        let out = apply_edits(text, &format(&Document::new(text)));
        let again = format(&Document::new(&out));
        assert_eq!(again, Vec::new(), "formatting twice changes more:\n{out}");
        let words = |t: &str| {
            let mut w: Vec<String> = t.split_whitespace().map(str::to_string).collect();
            w.sort();
            w
        };
        assert_eq!(words(text), words(&out), "formatting changed a word");
        out
    }

    fn check(text: &str, expect: Expect) {
        expect.assert_eq(&formatted(text).replace('\r', "\\r"));
    }

    #[test]
    fn layout_in_english() {
        check(
            "\n\nThe General Assembly,  \n\n\n*Recalling* « 𝔄 » é[^2] and ñ[^1],\t\n   \n1. *Decides*:\n(a) one;\n        (b) two:\n  (i) first;\n  (ii) second;\n\t(c) three;\n\n[^2]: A/80/2.   \n[^1]: A/80/1.\n  More.\n\n2. *Requests* ñ;[^note]\n[^note]: A/80/3.\n\n\n",
            expect![[r#"
                The General Assembly,

                *Recalling* « 𝔄 » é[^2] and ñ[^1],

                1. *Decides*:
                   (a) one;
                   (b) two:
                      (i) first;
                      (ii) second;
                   (c) three;

                2. *Requests* ñ;[^note]

                [^1]: A/80/1.
                  More.
                [^2]: A/80/2.
                [^note]: A/80/3.
            "#]],
        );
    }

    #[test]
    fn crlf_stays_crlf_in_french() {
        check(
            "L’Assemblée générale,\r\n\r\n\r\n1. *Décide* « 𝔄 » é :   \r\n      a) un ;\r\n b) deux ;\r\n\r\n[^1]: ñ.",
            expect![[r#"L’Assemblée générale,\r
\r
1. *Décide* « 𝔄 » é :\r
   a) un ;\r
   b) deux ;\r
\r
[^1]: ñ.\r
"#]],
        );
    }

    #[test]
    fn labels_in_blocks_of_their_own_and_indentation_that_decides_in_spanish() {
        // "(i)" after "(h)" is read as a numeral only because it is indented more: it keeps a
        // deeper indentation. Labels opening their own block stay where they are.
        check(
            "La Asamblea General,\n\n1. *Decide* « 𝔄 » ñ:\n a) é;\n b) b;\n c) c;\n d) d;\n e) e;\n f) f;\n g) g;\n h) h;\n     i) uno;\n     ii) dos;\n i) i;\n\nj) jota;\n k) ka;\n\n2. *Solicita*.\n",
            expect![[r#"
                La Asamblea General,

                1. *Decide* « 𝔄 » ñ:
                   a) é;
                   b) b;
                   c) c;
                   d) d;
                   e) e;
                   f) f;
                   g) g;
                   h) h;
                      i) uno;
                      ii) dos;
                   i) i;

                j) jota;
                 k) ka;

                2. *Solicita*.
            "#]],
        );
    }

    #[test]
    fn empty_and_blank_documents() {
        assert_eq!(formatted(""), "");
        assert_eq!(formatted(" \n\n\t\n"), "");
        assert_eq!(formatted("ñ"), "ñ\n");
    }

    /// Real texts: formatting changes no word, keeps their order, and is idempotent.
    #[test]
    fn corpus_words_are_untouched() {
        let dir = std::env::var_os("RESOLUTION_LS_CORPUS")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("note: no corpus at {}; skipped", dir.display());
            return;
        };
        let mut seen = 0;
        for path in entries.filter_map(|e| e.ok()).map(|e| e.path()) {
            if !path.to_string_lossy().ends_with(".res.md") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let out = formatted(&text);
            let words = |t: &str| t.split_whitespace().map(str::to_string).collect::<Vec<_>>();
            assert_eq!(words(&text), words(&out), "{}", path.display());
            let crlf = text.replace('\n', "\r\n");
            assert_eq!(formatted(&crlf), out.replace('\n', "\r\n"), "{}", path.display());
            seen += 1;
        }
        assert!(seen > 0);
    }
}
