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

    pub fn text(&self) -> String {
        self.rope.to_string()
    }

    /// Replaces a byte range with `new`. The range is clamped to the text and widened to
    /// character boundaries; a reversed range is put in order. Returns what was re-parsed
    /// (`None` after a full re-parse).
    pub fn replace(&mut self, range: Range<usize>, new: &str) -> Option<Reparsed> {
        let len = self.rope.len_bytes();
        let (a, b) = (range.start.min(len), range.end.min(len));
        let (a, b) = (a.min(b), a.max(b));
        let start_char = self.rope.byte_to_char(a);
        let mut end_char = self.rope.byte_to_char(b);
        if self.rope.char_to_byte(end_char) < b {
            end_char += 1;
        }
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
