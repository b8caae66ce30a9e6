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

/// Splits `text` into blocks: maximal runs of non-blank lines. Returns `(start, end)` byte
/// ranges from the first character of the first line to the end of the last line's content.
pub fn blocks(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut current: Option<(usize, usize)> = None;
    for (s, e) in lines(text) {
        if is_blank(&text[s..e]) {
            if let Some(b) = current.take() {
                out.push(b);
            }
        } else {
            match &mut current {
                Some((_, end)) => *end = e,
                None => current = Some((s, e)),
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
        let got: Vec<&str> = blocks(text).into_iter().map(|(s, e)| &text[s..e]).collect();
        assert_eq!(got, ["« Un »\r\n 2 𝔄", "ñ"]);
    }
}
