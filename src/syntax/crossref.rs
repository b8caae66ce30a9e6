//! Paragraph cross-references inside a block ("paragraph 5 above", "paragraphes 3 et 4
//! ci-après", "el párrafo 7 de la presente resolución"). Context-free: all three languages'
//! patterns are tried on every block. Offsets are relative to the text passed in.
//!
//! A reference is "paragraph(s)" / "paragraphe(s)" / "párrafo(s)", one or more targets, then
//! words saying where the targets are. A target is a number (1 to 3 digits) with an optional
//! sub-paragraph label ("2 (a)", "2 a)"), or a label alone ("paragraphe a) de la présente
//! annexe"). Targets are separated by commas, "and"/"et"/"y", "or"/"ou"/"o", or form a range
//! with "to"/"à"/"a"/"al" or a dash. Without the direction words right after the targets there
//! is no reference: "paragraph 5 of resolution 70/1", "paragraph 3 of its annex" and a bare
//! "paragraph 5" point elsewhere or nowhere in particular.
//!
//! Matching ignores case; spaces may be any run of spaces, tabs, no-break spaces (U+00A0,
//! U+202F) and line breaks, so a reference may span lines of its block.

use super::Span;
use super::labels::{alpha_value, roman_value};

/// Where a reference says its target is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// "above", "ci-dessus", "supra"
    Above,
    /// "below", "ci-après", "ci-dessous", "infra"
    Below,
    /// "of the present resolution", "of this resolution", "de la présente résolution",
    /// "de la presente resolución"
    Resolution,
    /// "of the present annex", "de la présente annexe", "del presente anexo", and "of the annex
    /// to the present resolution" and its equivalents
    Annex,
}

/// One paragraph a reference points to: "2 (a)" is number 2, sub-paragraph "a".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefTarget {
    /// `None` for a label alone: "paragraphe a) de la présente annexe".
    pub number: Option<u32>,
    /// The number's digits; for a label alone, the label. In "paragraph 2 (a) and (b)", the
    /// second target shares the first one's number and its span.
    pub number_span: Span,
    /// The sub-paragraph label's letters and the whole label ("(a)" or "a)").
    pub sub: Option<(String, Span)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrossRef {
    /// The whole reference, from "paragraph" to the direction words.
    pub span: Span,
    pub targets: Vec<RefTarget>,
    pub direction: Direction,
    /// "paragraphs 3 to 5": `targets` holds the two ends.
    pub range: bool,
}

const KEYWORDS: [&str; 6] = ["paragraphes", "paragraphe", "paragraphs", "paragraph", "párrafos", "párrafo"];

const DIRECTIONS: [(&str, Direction); 24] = [
    ("above", Direction::Above),
    ("ci-dessus", Direction::Above),
    ("supra", Direction::Above),
    ("below", Direction::Below),
    ("ci-dessous", Direction::Below),
    ("ci-après", Direction::Below),
    ("infra", Direction::Below),
    ("of the present resolution", Direction::Resolution),
    ("of this resolution", Direction::Resolution),
    ("de la présente résolution", Direction::Resolution),
    ("de la presente resolución", Direction::Resolution),
    ("de esta resolución", Direction::Resolution),
    ("of the present annex", Direction::Annex),
    ("of this annex", Direction::Annex),
    ("of the annex to the present resolution", Direction::Annex),
    ("of the annex to this resolution", Direction::Annex),
    ("de la présente annexe", Direction::Annex),
    ("de l'annexe à la présente résolution", Direction::Annex),
    ("de l'annexe de la présente résolution", Direction::Annex),
    ("del presente anexo", Direction::Annex),
    ("de este anexo", Direction::Annex),
    ("del anexo de la presente resolución", Direction::Annex),
    ("del anexo a la presente resolución", Direction::Annex),
    ("de la presente resolucion", Direction::Resolution),
];

const LIST_WORDS: [&str; 6] = ["and", "et", "y", "or", "ou", "o"];
const RANGE_WORDS: [&str; 5] = ["to", "through", "à", "al", "a"];

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}' | '\u{202f}' | '\r' | '\n')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

fn char_at(text: &str, pos: usize) -> Option<char> {
    text.get(pos..)?.chars().next()
}

fn char_before(text: &str, pos: usize) -> Option<char> {
    text.get(..pos)?.chars().next_back()
}

/// Skips spaces (none required).
fn spaces(text: &str, mut pos: usize) -> usize {
    while let Some(c) = char_at(text, pos).filter(|c| is_space(*c)) {
        pos += c.len_utf8();
    }
    pos
}

/// Skips at least one space.
fn spaces1(text: &str, pos: usize) -> Option<usize> {
    let end = spaces(text, pos);
    (end > pos).then_some(end)
}

fn same_letter(a: char, b: char) -> bool {
    a == b || a.to_lowercase().eq(b.to_lowercase())
}

/// Matches a phrase of lower-case words: a space in `pat` is any run of spaces, a hyphen any
/// hyphen, an apostrophe either apostrophe; letters ignore case. The phrase must end a word.
fn phrase(text: &str, pos: usize, pat: &str) -> Option<usize> {
    let mut at = pos;
    for p in pat.chars() {
        if p == ' ' {
            at = spaces1(text, at)?;
            continue;
        }
        let c = char_at(text, at)?;
        let ok = match p {
            '-' => is_hyphen(c),
            '\'' => is_apostrophe(c),
            _ => same_letter(c, p),
        };
        if !ok {
            return None;
        }
        at += c.len_utf8();
    }
    if char_at(text, at).is_some_and(char::is_alphanumeric) {
        return None;
    }
    Some(at)
}

/// 1 to 3 digits that are a whole number: not "5/1", "5.3", "5,6" or "5bis".
fn number(text: &str, pos: usize) -> Option<(u32, Span, usize)> {
    let digits = text.get(pos..)?.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let end = pos + digits;
    match char_at(text, end) {
        Some(c) if c.is_alphanumeric() || c == '/' => return None,
        Some('.' | ',') if text.as_bytes().get(end + 1).is_some_and(u8::is_ascii_digit) => return None,
        _ => {}
    }
    let n = text[pos..end].parse().ok()?;
    Some((n, Span::new(pos, end), end))
}

/// A sub-paragraph label "(a)" or "a)" whose letters are a letter or roman label.
fn label(text: &str, pos: usize) -> Option<(String, Span, usize)> {
    let rest = text.get(pos..)?;
    let paren = rest.starts_with('(');
    let from = pos + usize::from(paren);
    let letters = text[from..].bytes().take_while(u8::is_ascii_lowercase).count();
    if letters == 0 || letters > 8 {
        return None;
    }
    let close = from + letters;
    if text.as_bytes().get(close) != Some(&b')') {
        return None;
    }
    let name = &text[from..close];
    if alpha_value(name).is_none() && roman_value(name).is_none() {
        return None;
    }
    let end = close + 1;
    if char_at(text, end).is_some_and(char::is_alphanumeric) {
        return None;
    }
    Some((name.to_string(), Span::new(pos, end), end))
}

/// A label after a number: "2 (a)", "2(a)", "2 a)".
fn label_after_number(text: &str, pos: usize) -> Option<(String, Span, usize)> {
    let at = spaces(text, pos);
    let found = label(text, at)?;
    let paren = text[at..].starts_with('(');
    (paren || at > pos).then_some(found)
}

enum Sep {
    List,
    Range,
}

/// A separator between two targets; returns where the next target starts.
fn separator(text: &str, pos: usize) -> Option<(Sep, usize)> {
    let at = spaces(text, pos);
    match char_at(text, at) {
        Some(',') => {
            let after = spaces(text, at + 1);
            for w in LIST_WORDS {
                if let Some(end) = phrase(text, after, w).and_then(|e| spaces1(text, e)) {
                    return Some((Sep::List, end));
                }
            }
            return Some((Sep::List, after));
        }
        Some(c @ ('-' | '\u{2013}' | '\u{2011}')) => return Some((Sep::Range, spaces(text, at + c.len_utf8()))),
        _ => {}
    }
    if at == pos {
        return None;
    }
    for w in LIST_WORDS {
        if let Some(end) = phrase(text, at, w).and_then(|e| spaces1(text, e)) {
            return Some((Sep::List, end));
        }
    }
    for w in RANGE_WORDS {
        if let Some(end) = phrase(text, at, w).and_then(|e| spaces1(text, e)) {
            return Some((Sep::Range, end));
        }
    }
    None
}

/// The reference starting at `start` (the first letter of a keyword), if it is one.
fn reference_at(text: &str, start: usize) -> Option<CrossRef> {
    let after_keyword = KEYWORDS.iter().find_map(|k| phrase(text, start, k))?;
    let mut pos = spaces1(text, after_keyword)?;
    let mut targets = Vec::new();
    // The first target: a number (with its label) or a label alone.
    let numbered = if let Some((n, span, end)) = number(text, pos) {
        pos = end;
        let sub = label_after_number(text, pos).map(|(name, span, end)| {
            pos = end;
            (name, span)
        });
        targets.push(RefTarget { number: Some(n), number_span: span, sub });
        true
    } else {
        let (name, span, end) = label(text, pos)?;
        pos = end;
        targets.push(RefTarget { number: None, number_span: span, sub: Some((name, span)) });
        false
    };
    let mut ranges = 0;
    while let Some((sep, next)) = separator(text, pos) {
        let target = match number(text, next).filter(|_| numbered) {
            Some((n, span, end)) => {
                pos = end;
                let sub = label_after_number(text, pos).map(|(name, span, end)| {
                    pos = end;
                    (name, span)
                });
                RefTarget { number: Some(n), number_span: span, sub }
            }
            None => {
                let Some((name, span, end)) = label(text, next) else { break };
                pos = end;
                let prev = targets.last()?;
                let number_span = if numbered { prev.number_span } else { span };
                RefTarget { number: prev.number.filter(|_| numbered), number_span, sub: Some((name, span)) }
            }
        };
        if matches!(sep, Sep::Range) {
            ranges += 1;
        }
        targets.push(target);
    }
    let range = ranges > 0;
    if range && (ranges > 1 || targets.len() != 2) {
        return None;
    }
    let at = spaces1(text, pos)?;
    let (end, direction) = DIRECTIONS.iter().find_map(|(p, d)| phrase(text, at, p).map(|e| (e, *d)))?;
    Some(CrossRef { span: Span::new(start, end), targets, direction, range })
}

/// Finds the cross-references in a block's text.
pub fn find(text: &str) -> Vec<CrossRef> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let Some(i) = text[pos..].find(['p', 'P']) else { break };
        let start = pos + i;
        pos = start + 1;
        if char_before(text, start).is_some_and(|c| c.is_alphanumeric() || is_hyphen(c)) {
            continue;
        }
        if let Some(r) = reference_at(text, start) {
            pos = r.span.end;
            out.push(r);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::fmt::Write;
    use std::path::PathBuf;

    use expect_test::{Expect, expect};

    use super::*;

    /// Renders each reference as `«text» direction: targets`.
    fn render(text: &str) -> String {
        let mut out = String::new();
        for r in find(text) {
            let targets: Vec<String> = r
                .targets
                .iter()
                .map(|t| {
                    let mut s = match t.number {
                        Some(n) => {
                            assert_eq!(text[t.number_span.range()].parse::<u32>().ok(), Some(n));
                            n.to_string()
                        }
                        None => "-".to_string(),
                    };
                    if let Some((name, span)) = &t.sub {
                        assert!(text[span.range()].contains(name.as_str()));
                        write!(s, " {}", &text[span.range()]).unwrap();
                    }
                    s
                })
                .collect();
            let sep = if r.range { " to " } else { ", " };
            let shown = text[r.span.range()].replace('\r', "\\r");
            writeln!(out, "«{shown}» {:?}: {}", r.direction, targets.join(sep)).unwrap();
        }
        out
    }

    fn check(text: &str, expect: Expect) {
        expect.assert_eq(&render(text));
    }

    #[test]
    fn english() {
        check(
            "Recalling « 𝔄 » é, paragraph 5 above, paragraphs 3 and 4 above, paragraphs 3, 4 and 6 below, \
             paragraph 2 (a) below, Paragraph 7 of the present resolution, paragraph 8 of this resolution, \
             paragraph 1 of the present annex, paragraphs 3 to 5 above, paragraphs 3, 4, and 6 above, \
             paragraph 2 (a) and (b) above, paragraphs 3–5 below, paragraph 1 of the annex to the present resolution",
            expect![[r#"
                «paragraph 5 above» Above: 5
                «paragraphs 3 and 4 above» Above: 3, 4
                «paragraphs 3, 4 and 6 below» Below: 3, 4, 6
                «paragraph 2 (a) below» Below: 2 (a)
                «Paragraph 7 of the present resolution» Resolution: 7
                «paragraph 8 of this resolution» Resolution: 8
                «paragraph 1 of the present annex» Annex: 1
                «paragraphs 3 to 5 above» Above: 3 to 5
                «paragraphs 3, 4, and 6 above» Above: 3, 4, 6
                «paragraph 2 (a) and (b) above» Above: 2 (a), 2 (b)
                «paragraphs 3–5 below» Below: 3 to 5
                «paragraph 1 of the annex to the present resolution» Annex: 1
            "#]],
        );
    }

    #[test]
    fn french_with_no_break_spaces_and_line_breaks() {
        check(
            "« 𝔄 » é : paragraphe\u{a0}5 ci-dessus ; paragraphes 3 et 4 ci-après ; le paragraphe 2 a) de la \
             présente résolution ; paragraphe 5 ci\u{2011}dessous ; paragraphes 3 à 5\u{202f}ci-dessus ; visés au \
             paragraphe a) de la présente annexe ; au paragraphe 4\r\nci-dessus ; paragraphe\n   6 de la présente annexe",
            expect![[r#"
                «paragraphe 5 ci-dessus» Above: 5
                «paragraphes 3 et 4 ci-après» Below: 3, 4
                «paragraphe 2 a) de la présente résolution» Resolution: 2 a)
                «paragraphe 5 ci‑dessous» Below: 5
                «paragraphes 3 à 5 ci-dessus» Above: 3 to 5
                «paragraphe a) de la présente annexe» Annex: - a)
                «paragraphe 4\r
                ci-dessus» Above: 4
                «paragraphe
                   6 de la présente annexe» Annex: 6
            "#]],
        );
    }

    #[test]
    fn spanish() {
        check(
            "« 𝔄 » ñ: párrafo 5 supra, los párrafos 3 y 4 infra, el párrafo 7 de la presente resolución, \
             párrafos 3 a 5 supra, Párrafo 2 b) infra, del párrafo 1 del presente anexo",
            expect![[r#"
                «párrafo 5 supra» Above: 5
                «párrafos 3 y 4 infra» Below: 3, 4
                «párrafo 7 de la presente resolución» Resolution: 7
                «párrafos 3 a 5 supra» Above: 3 to 5
                «Párrafo 2 b) infra» Below: 2 b)
                «párrafo 1 del presente anexo» Annex: 1
            "#]],
        );
    }

    #[test]
    fn references_to_other_documents_are_not_cross_references() {
        check(
            "paragraph 5 of resolution 70/1 above; paragraph 4 of resolution 2428 (2018); paragraph 3 of its \
             annex; le paragraphe 35 de la résolution 1988 (ci-après « le Comité »); paragraph 5; subparagraph (a) \
             above; sub-paragraph (b) below; paragraph 5/1 above; paragraph 1234 above; paragraph 5bis above; \
             paragraph 2 (b) (iii) above; paragraphs 3 to 5 and 7 above; paragraph 5.3 above; \
             paragraph (ab) above; paragraphs above; paragraph 5 aboveground; paragraphs 5, above",
            expect![""],
        );
    }

    #[test]
    fn never_panics_on_odd_text() {
        for text in
            ["paragraph", "paragraph ", "paragraph 5", "paragraph 5 (", "paragraph (a", "párrafo 𝔄 supra", "p", "P"]
        {
            assert!(find(text).is_empty(), "{text}");
        }
        assert_eq!(find("paragraph 5 above").len(), 1);
        assert_eq!(find("xparagraph 5 above").len(), 0);
    }

    fn corpus() -> Option<Vec<(String, String)>> {
        let dir = std::env::var_os("RESOLUTION_LS_CORPUS")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .ok()?
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.to_string_lossy().ends_with(".res.md"))
            .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
            .collect();
        files.sort();
        Some(files)
    }

    /// Every reference found in the real texts, block by block as the parser sees them.
    #[test]
    fn real_references_in_the_corpus() {
        let Some(files) = corpus() else {
            eprintln!("note: no corpus; skipped");
            return;
        };
        let mut out = String::new();
        for (name, text) in files {
            for block in crate::syntax::Parse::new(&text).blocks() {
                let own = &text[block.start..block.end()];
                for line in render(own).lines() {
                    writeln!(out, "{name}: {line}").unwrap();
                }
            }
        }
        expect![[r#"
            A-HRC-RES-55-8.es.res.md: «párrafos 12 y 13 de esta resolución» Resolution: 12, 13
            A-RES-48-246.es.res.md: «párrafo 7 supra» Above: 7
            A-RES-80-1.en.res.md: «paragraph 1 (a) above» Above: 1 (a)
            S-RES-2520(2020).es.res.md: «párrafo 38 de la presente resolución» Resolution: 38
            S-RES-2520(2020).es.res.md: «párrafo 2 de la presente resolución» Resolution: 2
            S-RES-2521(2020).en.res.md: «paragraph 8 of this resolution» Resolution: 8
            S-RES-2521(2020).en.res.md: «paragraph 11 above» Above: 11
            S-RES-2521(2020).en.res.md: «paragraph 14 above» Above: 14
            S-RES-2557(2020).fr.res.md: «paragraphe 3 de la présente résolution» Resolution: 3
            S-RES-2557(2020).fr.res.md: «paragraphe 1 de la présente résolution» Resolution: 1
            S-RES-2557(2020).fr.res.md: «paragraphe 1 de la présente résolution» Resolution: 1
            S-RES-2557(2020).fr.res.md: «paragraphe 1 de la présente résolution» Resolution: 1
            S-RES-2557(2020).fr.res.md: «paragraphe 1 de la présente résolution» Resolution: 1
            S-RES-2557(2020).fr.res.md: «paragraphe a) de la présente annexe» Annex: - a)
            S-RES-2557(2020).fr.res.md: «paragraphe a) de la présente annexe» Annex: - a)
            S-RES-566(1985).en.res.md: «paragraph 13 of the present resolution» Resolution: 13
        "#]]
        .assert_eq(&out);
    }
}
