//! A document: its text (a rope) and its incremental parse.

use std::ops::Range;

use ropey::Rope;

use crate::syntax::{Parse, Reparsed};

#[derive(Debug, Clone)]
pub struct Document {
    rope: Rope,
    parse: Parse,
    /// Benchmark-only: re-parse everything on each edit.
    pub full_reparse: bool,
}

impl Document {
    pub fn new(text: &str) -> Document {
        Document { rope: Rope::from_str(text), parse: Parse::new(text), full_reparse: false }
    }

    pub fn rope(&self) -> &Rope {
        &self.rope
    }

    pub fn parse(&self) -> &Parse {
        &self.parse
    }

    /// The whole text, copied out of the rope: linear in the document's size, so requests
    /// read [`Document::slice`] or the blocks' own text instead.
    pub fn text(&self) -> String {
        self.rope.to_string()
    }

    /// The text of a byte range, clamped to the text and widened to character boundaries.
    pub fn slice(&self, range: Range<usize>) -> String {
        let (a, b) = self.char_range(range);
        self.rope.slice(a..b).to_string()
    }

    /// Where the line holding `offset` starts: after the last line break (`\n` or `\r`)
    /// before it.
    pub fn line_start(&self, offset: usize) -> usize {
        let (_, end) = self.char_range(0..offset);
        let mut at = self.rope.char_to_byte(end);
        let mut chars = self.rope.chars_at(end);
        while let Some(c) = chars.prev() {
            if c == '\n' || c == '\r' {
                break;
            }
            at -= c.len_utf8();
        }
        at
    }

    /// A byte range as a char range: clamped, put in order, widened to character boundaries.
    fn char_range(&self, range: Range<usize>) -> (usize, usize) {
        let len = self.rope.len_bytes();
        let (a, b) = (range.start.min(len), range.end.min(len));
        let (a, b) = (a.min(b), a.max(b));
        let start_char = self.rope.byte_to_char(a);
        let mut end_char = self.rope.byte_to_char(b);
        if self.rope.char_to_byte(end_char) < b {
            end_char += 1;
        }
        (start_char, end_char)
    }

    /// Replaces a byte range with `new`. The range is clamped to the text and widened to
    /// character boundaries; a reversed range is put in order. Returns what was re-parsed
    /// (`None` after a full re-parse).
    pub fn replace(&mut self, range: Range<usize>, new: &str) -> Option<Reparsed> {
        let (start_char, end_char) = self.char_range(range);
        let (a, b) = (self.rope.char_to_byte(start_char), self.rope.char_to_byte(end_char));
        self.rope.remove(start_char..end_char);
        self.rope.insert(start_char, new);
        if self.full_reparse {
            self.parse = Parse::new(&self.rope.to_string());
            None
        } else {
            let rope = &self.rope;
            Some(self.parse.edit(a..b, new.len(), rope.len_bytes(), |r| rope.byte_slice(r).to_string()))
        }
    }

    /// Replaces the whole text.
    pub fn set_text(&mut self, text: &str) {
        self.rope = Rope::from_str(text);
        self.parse = Parse::new(text);
    }
}

#[cfg(test)]
mod tests {
    use super::Document;

    /// `slice` and `line_start` agree with the same operations on the whole text, at every
    /// byte offset (inside characters too), with every kind of line break.
    #[test]
    fn slice_and_line_start_match_the_text() {
        let text = "« é »\r\n1. ñ 𝔄\rdeux\n\ntrois\u{2028}quatre é\r\n";
        let doc = Document::new(text);
        let boundary = |mut i: usize, up: bool| {
            while !text.is_char_boundary(i) {
                if up { i += 1 } else { i -= 1 }
            }
            i
        };
        for offset in 0..=text.len() + 2 {
            let o = boundary(offset.min(text.len()), true);
            let expected = text[..o].rfind(['\n', '\r']).map_or(0, |i| i + 1);
            assert_eq!(doc.line_start(offset), expected, "line_start({offset})");
            for end in offset..=text.len() + 2 {
                let (a, b) = (boundary(offset.min(text.len()), false), boundary(end.min(text.len()), true));
                assert_eq!(doc.slice(offset..end), &text[a..b], "slice({offset}..{end})");
            }
        }
        #[allow(clippy::reversed_empty_ranges)]
        let reversed = doc.slice(9..3);
        assert_eq!(reversed, &text[3..9]); // put in order
    }
}
