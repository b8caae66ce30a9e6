//! Parsing drafts. Never fails: every text has a parse.
//!
//! A parse is the sequence of the document's blocks (runs of non-blank lines), each parsed
//! on its own ([`block::parse_block`]). An edit re-parses only the blocks it touches
//! ([`Parse::edit`]); the document-level pass ([`Structure`]) then runs over the compact block
//! summaries.

pub mod block;
pub mod crossref;
pub mod labels;
pub mod lines;
mod structure;

use std::ops::Range;

pub use block::{
    BlockData, Ending, FootnoteDef, FootnoteRef, Head, LabelStyle, Lead, OpeningSummary, Punct, Space, SubLabel,
};
pub use structure::{Role, Structure};

/// A byte range, relative to a block inside [`BlockData`], absolute elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    pub fn shift(self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Fr,
    Es,
}

impl Lang {
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "fr" => Some(Lang::Fr),
            "es" => Some(Lang::Es),
            _ => None,
        }
    }
    /// "en", "fr", "es": the front matter's and undocs.org's code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Es => "es",
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "French",
            Lang::Es => "Spanish",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Organ {
    Ga,
    Sc,
    Hrc,
    Ecosoc,
}

impl Organ {
    pub fn from_code(code: &str) -> Option<Organ> {
        match code.trim().to_ascii_lowercase().as_str() {
            "ga" => Some(Organ::Ga),
            "sc" => Some(Organ::Sc),
            "hrc" => Some(Organ::Hrc),
            "ecosoc" => Some(Organ::Ecosoc),
            _ => None,
        }
    }
}

/// One block: its absolute start, its length and its context-free parse.
///
/// The parse sits behind an `Arc` so that the block list stays small: an edit shifts the
/// starts of the blocks after it and splices the list, touching a few words per block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub start: usize,
    pub len: usize,
    /// The block starts on the line after the previous block, with no blank line between
    /// (a footnote body; see [`lines::blocks`]).
    pub joined: bool,
    /// What the block holds, readable without following the `Arc` (a scan of the whole
    /// document for one kind of item skips the other blocks cheaply): [`Block::FN_REFS`] …
    pub has: u8,
    body: std::sync::Arc<BlockBody>,
}

/// A block's text and context-free parse (reached through `Block`'s `Deref`).
#[derive(Debug, PartialEq, Eq)]
pub struct BlockBody {
    /// The block's own text (for the per-block caches of the analysis).
    pub text: Box<str>,
    pub data: BlockData,
}

impl std::ops::Deref for Block {
    type Target = BlockBody;
    fn deref(&self) -> &BlockBody {
        &self.body
    }
}

impl Block {
    /// [`Block::has`]: footnote indicators.
    pub const FN_REFS: u8 = 1;
    /// [`Block::has`]: footnote bodies.
    pub const FN_DEFS: u8 = 2;
    /// [`Block::has`]: paragraph cross-references.
    pub const CROSSREFS: u8 = 4;

    pub fn end(&self) -> usize {
        self.start + self.len
    }
    /// An absolute span for a span relative to this block.
    pub fn abs(&self, span: Span) -> Span {
        span.shift(self.start)
    }
}

/// What [`Parse::edit`] re-parsed: the old blocks `from..old_to` (kept in `old`) were
/// replaced by the new blocks `from..new_to`; the blocks after them moved by `delta` bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reparsed {
    pub from: usize,
    pub old_to: usize,
    pub new_to: usize,
    pub delta: isize,
    /// The bytes the edit replaced, in the old text.
    pub at: usize,
    pub old_end: usize,
    pub old: Vec<Block>,
}

impl Reparsed {
    /// Where a span of the old text is in the new one: moved by the edit when it lies after
    /// the replaced bytes, kept when it lies before them. (A span that overlaps them comes
    /// out clamped; an item there has changed anyway.)
    pub fn map(&self, s: Span) -> Span {
        let start = if s.start < self.at {
            s.start
        } else if s.start >= self.old_end {
            (s.start as isize + self.delta) as usize
        } else {
            self.at
        };
        let end = if s.end <= self.at {
            s.end
        } else if s.end >= self.old_end {
            (s.end as isize + self.delta) as usize
        } else {
            self.at
        };
        Span::new(start, end.max(start))
    }
}

/// Items of a block summary whose spans can be moved (to compare two versions of a block
/// modulo an edit's shift).
pub trait MapSpans {
    fn map_spans(&self, f: &dyn Fn(Span) -> Span) -> Self;
}

impl<T: MapSpans> MapSpans for Vec<T> {
    fn map_spans(&self, f: &dyn Fn(Span) -> Span) -> Self {
        self.iter().map(|x| x.map_spans(f)).collect()
    }
}

impl MapSpans for Head {
    fn map_spans(&self, f: &dyn Fn(Span) -> Span) -> Self {
        match self {
            Head::Numbered { number, label } => Head::Numbered { number: *number, label: f(*label) },
            Head::Insertion { number, suffix, label } => {
                Head::Insertion { number: *number, suffix: suffix.clone(), label: f(*label) }
            }
            other => other.clone(),
        }
    }
}

impl MapSpans for SubLabel {
    fn map_spans(&self, f: &dyn Fn(Span) -> Span) -> Self {
        SubLabel { span: f(self.span), ..self.clone() }
    }
}

impl MapSpans for FootnoteRef {
    fn map_spans(&self, f: &dyn Fn(Span) -> Span) -> Self {
        FootnoteRef { label: self.label.clone(), span: f(self.span) }
    }
}

impl MapSpans for FootnoteDef {
    fn map_spans(&self, f: &dyn Fn(Span) -> Span) -> Self {
        FootnoteDef { label: self.label.clone(), span: f(self.span) }
    }
}

impl MapSpans for crossref::CrossRef {
    fn map_spans(&self, f: &dyn Fn(Span) -> Span) -> Self {
        let targets = self
            .targets
            .iter()
            .map(|t| crossref::RefTarget {
                number: t.number,
                number_span: f(t.number_span),
                sub: t.sub.as_ref().map(|(l, s)| (l.clone(), f(*s))),
            })
            .collect();
        crossref::CrossRef { span: f(self.span), targets, direction: self.direction, range: self.range }
    }
}

/// Whether two versions of a block read the same to the document-level pass
/// ([`Structure`]) and to the drafting roles: same kind of head (organ and language for an
/// organ formula), front matter, heading look.
pub fn same_structure(o: &Block, n: &Block) -> bool {
    let (a, b) = (&o.data, &n.data);
    std::mem::discriminant(&a.head) == std::mem::discriminant(&b.head)
        && (!matches!(a.head, Head::Organ { .. }) || a.head == b.head)
        && a.front_matter == b.front_matter
        && a.heading_like == b.heading_like
}

/// The parse of a whole document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Parse {
    blocks: Vec<Block>,
    /// The document-level reading of the blocks, kept through edits that cannot change it.
    structure: std::sync::Arc<Structure>,
}

fn parse_region(text: &str, base: usize, out: &mut Vec<Block>) {
    for (s, e, joined) in lines::blocks(text) {
        let body = BlockBody { text: text[s..e].into(), data: block::parse_block(&text[s..e]) };
        let d = &body.data;
        let flag = |present: bool, bit: u8| if present { bit } else { 0 };
        let has = flag(!d.fn_refs.is_empty(), Block::FN_REFS)
            | flag(!d.fn_defs.is_empty(), Block::FN_DEFS)
            | flag(!d.crossrefs.is_empty(), Block::CROSSREFS);
        out.push(Block { start: base + s, len: e - s, joined, has, body: std::sync::Arc::new(body) });
    }
}

impl Parse {
    /// Parses a whole text from scratch.
    pub fn new(text: &str) -> Parse {
        let mut blocks = Vec::new();
        parse_region(text, 0, &mut blocks);
        let structure = std::sync::Arc::new(Structure::new(&blocks));
        Parse { blocks, structure }
    }

    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// Updates the parse after the bytes `old` of the previous text were replaced by
    /// `new_len` bytes. `slice(range)` returns the new text for a byte range of the new text.
    ///
    /// Blocks are separated by blank lines, and a footnote body's line starts a block. The
    /// blocks that can change are those from the last block starting before the edit to the
    /// first block starting after it: the text before the former and after the latter is
    /// untouched, and so is what separates each of them from its neighbours. (When the
    /// former starts a footnote body right after another block, the edit may turn its first
    /// line into an ordinary one, which joins the block before: the region then starts one
    /// block earlier.) That region is re-split and re-parsed; the blocks after it are shifted.
    pub fn edit(
        &mut self,
        old: Range<usize>,
        new_len: usize,
        new_text_len: usize,
        slice: impl FnOnce(Range<usize>) -> String,
    ) -> Reparsed {
        let mut lo = self.blocks.partition_point(|b| b.start < old.start).checked_sub(1);
        if let Some(i) = lo.filter(|&i| i > 0 && self.blocks[i].joined) {
            lo = Some(i - 1);
        }
        let hi = self.blocks.partition_point(|b| b.start <= old.end);
        let from = lo.unwrap_or(0);
        let region_start = lo.map_or(0, |i| self.blocks[i].start);
        let delta = new_len as isize - (old.end - old.start) as isize;
        let region_end = match self.blocks.get(hi) {
            Some(b) => (b.end() as isize + delta) as usize,
            None => new_text_len,
        };
        let to = (hi + 1).min(self.blocks.len());
        let text = slice(region_start..region_end);
        let mut fresh = Vec::new();
        parse_region(&text, region_start, &mut fresh);
        // The region's first block keeps what separated it from the block before.
        if let (Some(_), Some(first)) = (lo, fresh.first_mut()) {
            first.joined = self.blocks[from].joined;
        }
        for b in &mut self.blocks[to..] {
            b.start = (b.start as isize + delta) as usize;
        }
        let new_to = from + fresh.len();
        let removed: Vec<Block> = self.blocks.splice(from..to, fresh).collect();
        // The structure reads each block's kind of head, front matter and heading look, and
        // front matter only at offset 0: an edit that keeps all of them keeps the structure.
        let kept = removed.len() == new_to - from
            && removed.iter().zip(&self.blocks[from..new_to]).all(|(o, n)| same_structure(o, n))
            && (from > 0 || removed.first().map(|b| b.start) == self.blocks.first().map(|b| b.start));
        if !kept {
            self.structure = std::sync::Arc::new(Structure::new(&self.blocks));
        }
        Reparsed { from, old_to: to, new_to, delta, at: old.start, old_end: old.end, old: removed }
    }

    /// The document-level reading of the blocks: front matter, language, organ, roles.
    pub fn structure(&self) -> &Structure {
        &self.structure
    }
}

#[cfg(test)]
mod tests;
