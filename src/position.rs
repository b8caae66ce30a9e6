//! The one place where byte offsets become lines and columns and back, in UTF-8, UTF-16 or
//! UTF-32 (characters) units. Lines break where LSP breaks them: `\n`, `\r\n`, `\r` (the rope
//! is built without ropey's `unicode_lines`).

use ropey::Rope;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
    /// Unicode scalar values: characters, as the `check` command counts columns.
    Utf32,
}

/// A zero-based line and a column in some [`Encoding`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// The byte offset where a line's content ends (before its terminator).
fn line_content_end(rope: &Rope, line: usize) -> usize {
    let start = rope.line_to_byte(line);
    let slice = rope.line(line);
    let mut len = slice.len_bytes();
    let bytes = |i: usize| slice.byte(i);
    if len > 0 && bytes(len - 1) == b'\n' {
        len -= 1;
    }
    if len > 0 && bytes(len - 1) == b'\r' {
        len -= 1;
    }
    start + len
}

/// The line and column of a byte offset. Offsets past the end are clamped to the end; an
/// offset inside a character counts as the start of that character; an offset inside a line
/// terminator counts as the end of the line.
pub fn to_line_col(rope: &Rope, offset: usize, enc: Encoding) -> LineCol {
    let offset = offset.min(rope.len_bytes());
    let line = rope.byte_to_line(offset);
    let line_start = rope.line_to_byte(line);
    let offset = offset.min(line_content_end(rope, line));
    let char_idx = rope.byte_to_char(offset);
    let line_char = rope.byte_to_char(line_start);
    let col = match enc {
        Encoding::Utf8 => rope.char_to_byte(char_idx) - line_start,
        Encoding::Utf16 => rope.char_to_utf16_cu(char_idx) - rope.char_to_utf16_cu(line_char),
        Encoding::Utf32 => char_idx - line_char,
    };
    LineCol { line: line as u32, col: col as u32 }
}

/// The byte offset of a line and column. A line past the end gives the end of the text; a
/// column past the line's end gives the line's end; a column inside a character (the middle
/// of a UTF-8 sequence or of a surrogate pair) gives the start of that character.
pub fn to_offset(rope: &Rope, pos: LineCol, enc: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let start = rope.line_to_byte(line);
    let end = line_content_end(rope, line);
    let col = pos.col as usize;
    let offset = match enc {
        Encoding::Utf8 => rope.char_to_byte(rope.byte_to_char((start + col).min(end))),
        Encoding::Utf16 => {
            let base = rope.char_to_utf16_cu(rope.byte_to_char(start));
            let end_cu = rope.char_to_utf16_cu(rope.byte_to_char(end));
            let cu = (base + col).min(end_cu);
            // utf16_cu_to_char rounds down inside a surrogate pair.
            rope.char_to_byte(rope.utf16_cu_to_char(cu))
        }
        Encoding::Utf32 => {
            let c = (rope.byte_to_char(start) + col).min(rope.byte_to_char(end));
            rope.char_to_byte(c)
        }
    };
    offset.min(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "*Réaffirmant* « 𝔄 » ñ,\r\n\r\n1. é\rx\u{2028}y\n𝔄";

    #[test]
    fn columns_in_each_encoding() {
        let rope = Rope::from_str(TEXT);
        // The "ñ" on line 0: 𝔄 is 4 bytes, 2 UTF-16 units, 1 character.
        let off = TEXT.find('ñ').unwrap();
        assert_eq!(to_line_col(&rope, off, Encoding::Utf8), LineCol { line: 0, col: off as u32 });
        assert_eq!(to_line_col(&rope, off, Encoding::Utf16), LineCol { line: 0, col: 21 });
        assert_eq!(to_line_col(&rope, off, Encoding::Utf32), LineCol { line: 0, col: 20 });
        // "x\u{2028}y" is one line: U+2028 is not an LSP line break, "\r" is.
        let y = TEXT.find('y').unwrap();
        assert_eq!(to_line_col(&rope, y, Encoding::Utf16), LineCol { line: 3, col: 2 });
        assert_eq!(to_line_col(&rope, TEXT.len(), Encoding::Utf16), LineCol { line: 4, col: 2 });
    }

    #[test]
    fn round_trip_every_offset() {
        let rope = Rope::from_str(TEXT);
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            for (off, _) in TEXT.char_indices() {
                if matches!(TEXT.as_bytes()[off], b'\r' | b'\n') {
                    continue;
                }
                let lc = to_line_col(&rope, off, enc);
                assert_eq!(to_offset(&rope, lc, enc), off, "{enc:?} {off} {lc:?}");
            }
        }
    }

    #[test]
    fn clamping() {
        let rope = Rope::from_str(TEXT);
        let at = |line, col, enc| to_offset(&rope, LineCol { line, col }, enc);
        // Past the line end: the end of the content, before "\r\n".
        assert_eq!(at(0, 999, Encoding::Utf16), TEXT.find('\r').unwrap());
        // Past the last line: the end of the text.
        assert_eq!(at(99, 0, Encoding::Utf16), TEXT.len());
        // Inside the surrogate pair of 𝔄 (UTF-16 columns 16 and 17): the start of 𝔄.
        let fraktur = TEXT.find('𝔄').unwrap();
        assert_eq!(at(0, 17, Encoding::Utf16), fraktur);
        // Inside the UTF-8 bytes of 𝔄.
        assert_eq!(at(0, fraktur as u32 + 2, Encoding::Utf8), fraktur);
        // Inside "\r\n": clamped, never between the two.
        assert_eq!(to_line_col(&rope, TEXT.find('\n').unwrap(), Encoding::Utf16), LineCol { line: 0, col: 23 });
    }
}
