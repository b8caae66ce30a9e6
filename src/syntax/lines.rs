//! Line and block splitting with the LSP's notion of a line break: `\n`, `\r\n`, `\r`.
//! (Not U+2028, U+000B or U+0085: those are ordinary characters inside a line.)

/// A line as `(start, end)`: byte offsets of its content, terminator excluded.
pub fn lines(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut pos = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let start = pos;
        let mut i = pos;
        while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
            i += 1;
        }
        let end = i;
        if i == bytes.len() {
            done = true;
        } else if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            pos = i + 2;
        } else {
            pos = i + 1;
        }
        Some((start, end))
    })
}

/// A blank line holds nothing but whitespace (Markdown's rule).
pub fn is_blank(line: &str) -> bool {
    line.chars().all(char::is_whitespace)
}

/// A footnote body's first line: `[^label]:` at the start of the line.
pub fn is_footnote_def(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("[^") else { return false };
    let Some(close) = rest.find(']') else { return false };
    close > 0 && !rest[..close].contains(char::is_whitespace) && rest[close + 1..].starts_with(':')
}

/// A block of [`blocks`]: `(start, end, joined)`. `joined` is true when the block starts on
/// the line right after the previous block (a footnote body), with no blank line between.
pub type BlockRange = (usize, usize, bool);

/// Splits `text` into blocks: maximal runs of non-blank lines, and each footnote body
/// (`[^label]:` at the start of a line) starts a block of its own, so that a long list of
/// footnotes is not one block. Returns byte ranges from the first character of the first line
/// to the end of the last line's content.
///
/// Whether a line starts a block depends only on that line and on whether the line before
/// it is blank: the incremental parse relies on it.
pub fn blocks(text: &str) -> Vec<BlockRange> {
    let mut out = Vec::new();
    let mut current: Option<BlockRange> = None;
    for (s, e) in lines(text) {
        let line = &text[s..e];
        if is_blank(line) {
            if let Some(b) = current.take() {
                out.push(b);
            }
        } else {
            match &mut current {
                Some(b) if is_footnote_def(line) => {
                    out.push(*b);
                    *b = (s, e, true);
                }
                Some((_, end, _)) => *end = e,
                None => current = Some((s, e, false)),
            }
        }
    }
    out.extend(current);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lsp_line_breaks_only() {
        let text = "a\r\nb\rc\nd\u{2028}e\u{b}f\n";
        let got: Vec<&str> = lines(text).map(|(s, e)| &text[s..e]).collect();
        assert_eq!(got, ["a", "b", "c", "d\u{2028}e\u{b}f", ""]);
    }

    #[test]
    fn blocks_split_on_blank_lines() {
        let text = "« Un »\r\n 2 𝔄\r\n\u{a0}\r\n\r\nñ\n\n\n";
        let got: Vec<&str> = blocks(text).into_iter().map(|(s, e, _)| &text[s..e]).collect();
        assert_eq!(got, ["« Un »\r\n 2 𝔄", "ñ"]);
    }

    #[test]
    fn each_footnote_body_is_a_block() {
        let text =
            "1. *Décide* « é »[^1];\n[^1]: Résolution 66/3, ñ.\n    𝔄 suite\n[^2]: A/70/1.\n[^ x]: non\n\n[^3]: Voir.";
        let got: Vec<(&str, bool)> = blocks(text).into_iter().map(|(s, e, j)| (&text[s..e], j)).collect();
        assert_eq!(
            got,
            [
                ("1. *Décide* « é »[^1];", false),
                ("[^1]: Résolution 66/3, ñ.\n    𝔄 suite", true),
                ("[^2]: A/70/1.\n[^ x]: non", true),
                ("[^3]: Voir.", false)
            ]
        );
        assert!(!is_footnote_def("[^]: x") && !is_footnote_def(" [^1]: x") && !is_footnote_def("[^1] x"));
    }
}
