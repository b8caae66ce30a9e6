//! The paragraphs of a document: in each scope, with their sub-paragraphs and the level
//! each label is read at, and what a cross-reference points to. Shared by the diagnostics
//! (`subparagraphs`, `crossrefs`), navigation, renumbering and formatting. Built from block
//! summaries only: no text is re-read.

use crate::syntax::crossref::{CrossRef, Direction, RefTarget};
use crate::syntax::labels::{AlphaStyle, alpha_value, roman_value};
use crate::syntax::{Block, Head, LabelStyle, Role, Span, SubLabel};

/// The level a sub-paragraph label is read at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// (a), (b) …
    Alpha,
    /// (i), (ii) …
    Roman,
}

/// Where a list of labels stands: its highest value so far and its first label's indentation.
#[derive(Debug, Clone, Copy)]
pub struct ListPos {
    pub last: u32,
    pub indent: u32,
}

/// Reads the labels of one paragraph in order, deciding for each whether it is a letter or a
/// roman numeral. A label such as (i), (v) or (x) is read from its siblings: the reading that
/// continues a list wins ("(i)" after "(h)" is a letter), then indentation, then the reading
/// that skips least.
#[derive(Debug, Clone, Default)]
pub struct LabelReader {
    pub alpha: Option<ListPos>,
    pub roman: Option<ListPos>,
}

/// How one label was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    pub level: Level,
    /// The label's value at its level (1 for (a) and for (i)).
    pub value: u32,
    /// The list's highest value before this label (0 when the label opens the list).
    pub previous: u32,
    /// This label opened a new list (the paragraph's letters, or numerals under a letter).
    pub opened: bool,
    /// 1 for the paragraph's first level, 2 for numerals under a letter.
    pub depth: u32,
}

fn score(value: Option<u32>, next: u32) -> u32 {
    match value {
        None => u32::MAX,
        Some(v) if v >= next => v - next,
        Some(v) => 1000 + next - v,
    }
}

impl LabelReader {
    fn level_of(&self, label: &SubLabel, av: Option<u32>, rv: Option<u32>) -> Level {
        let next_alpha = self.alpha.as_ref().map_or(1, |l| l.last + 1);
        let next_roman = self.roman.as_ref().map_or(1, |l| l.last + 1);
        if let (Some(a), Some(_), Some(_)) = (&self.alpha, av, rv) {
            if label.indent > a.indent {
                return Level::Roman;
            }
            if self.roman.as_ref().is_some_and(|r| r.indent > a.indent) {
                return Level::Alpha;
            }
        }
        let (sa, sr) = (score(av, next_alpha), score(rv, next_roman));
        match sa.cmp(&sr) {
            std::cmp::Ordering::Less => Level::Alpha,
            std::cmp::Ordering::Greater => Level::Roman,
            std::cmp::Ordering::Equal if self.roman.is_some() => Level::Roman,
            std::cmp::Ordering::Equal => Level::Alpha,
        }
    }

    /// Reads the next label of the paragraph.
    pub fn read(&mut self, label: &SubLabel) -> Reading {
        let av = alpha_value(&label.text).map(|v| v.0);
        let rv = roman_value(&label.text);
        let level = self.level_of(label, av, rv);
        let (value, list) = match level {
            Level::Alpha => {
                self.roman = None;
                (av.unwrap_or(0), &mut self.alpha)
            }
            Level::Roman => (rv.unwrap_or(0), &mut self.roman),
        };
        let opened = list.is_none();
        let list = list.get_or_insert(ListPos { last: 0, indent: label.indent });
        let previous = list.last;
        list.last = list.last.max(value);
        let depth = if level == Level::Roman && self.alpha.is_some() { 2 } else { 1 };
        Reading { level, value, previous, opened, depth }
    }
}

/// What kind of paragraph heads a [`Para`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParaKind {
    /// "12. …"
    Numbered(u32),
    /// "3 bis …"
    Insertion(u32),
    /// A preambular paragraph.
    Preambular,
    /// Unnumbered text after the preamble (or sub-paragraphs with no paragraph before them).
    Unnumbered,
}

/// One sub-paragraph label, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sub {
    pub block: usize,
    /// Index in the block's `sub_labels`.
    pub index: usize,
    pub text: String,
    pub style: LabelStyle,
    /// The label, absolute ("(a)", "a)").
    pub span: Span,
    pub level: Level,
    pub value: u32,
    pub depth: u32,
    /// Index of the list the label belongs to, within its paragraph.
    pub list: usize,
    /// From the label to the start of the next label of the same or a higher level, or the
    /// end of the paragraph's block holding it (trailing whitespace included).
    pub extent: Span,
}

/// A paragraph: a preambular, operative or unnumbered block and the sub-paragraph blocks
/// that continue it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Para {
    pub scope: u32,
    pub kind: ParaKind,
    pub first_block: usize,
    pub last_block: usize,
    /// The number label "12." or "3 bis", absolute.
    pub label: Option<Span>,
    /// From the label (or the block's start) to the end of the paragraph's last block.
    pub span: Span,
    pub subs: Vec<Sub>,
}

impl Para {
    pub fn is_operative(&self) -> bool {
        matches!(self.kind, ParaKind::Numbered(_) | ParaKind::Insertion(_))
    }
    /// The list style used after (z) in a list ((aa) or (za)); doubled letters by default.
    pub fn alpha_style(&self, list: usize) -> AlphaStyle {
        self.subs
            .iter()
            .filter(|s| s.list == list && s.level == Level::Alpha)
            .find_map(|s| match alpha_value(&s.text) {
                Some((_, st @ (AlphaStyle::Doubled | AlphaStyle::ZPrefix))) => Some(st),
                _ => None,
            })
            .unwrap_or(AlphaStyle::Doubled)
    }
}

/// What a cross-reference's target turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// A paragraph (index into [`Outline::paras`]) and, when the reference names one, a
    /// sub-paragraph (index into the paragraph's `subs`).
    Found { para: usize, sub: Option<usize> },
    /// No paragraph with that number in the scope.
    NoParagraph { scope: u32, number: u32 },
    /// The paragraph exists but has no such sub-paragraph (`para` is `None` for a reference
    /// with no number).
    NoSub { scope: u32, para: Option<usize> },
    /// The number is used by several paragraphs, or the label by several sub-paragraphs.
    Duplicate { paras: Vec<usize>, subs: Vec<(usize, usize)> },
    /// "of the present annex" outside an annex (or with several annexes).
    NoAnnex,
    /// "above"/"below" in an annex whose paragraphs are not numbered.
    UnnumberedScope { scope: u32 },
}

#[derive(Debug, Clone, Default)]
pub struct Outline {
    pub paras: Vec<Para>,
    /// The blocks the outline was built from (all of them, or those of some scopes).
    blocks: std::ops::Range<usize>,
    /// The paragraph each block of `blocks` belongs to (index `block - blocks.start`).
    block_para: Vec<Option<usize>>,
    /// The first block of each numbering scope (0 before the first annex), for all blocks.
    scope_starts: Vec<usize>,
    /// Number of annexes.
    pub annexes: u32,
    /// Per scope: the numbers of its numbered paragraphs, in order (empty for a scope the
    /// outline was not built over).
    pub numbers: Vec<Vec<u32>>,
    /// Per scope: whether its numbers are not exactly 1, 2, 3 ….
    broken: Vec<bool>,
    /// The numbered paragraphs (indices into `paras`) by scope and number.
    by_number: std::collections::HashMap<(u32, u32), Vec<usize>>,
}

/// The first block of each numbering scope: scope 0 starts at block 0, annex `s` at its
/// heading. Scopes are contiguous and in order.
pub fn scope_starts(roles: &[Role]) -> Vec<usize> {
    let mut starts = vec![0];
    for (i, role) in roles.iter().enumerate() {
        if let Role::Annex { scope } = *role {
            while starts.len() <= scope as usize {
                starts.push(i);
            }
        }
    }
    starts
}

impl Outline {
    /// The outline of the whole document.
    pub fn new(blocks: &[Block], roles: &[Role]) -> Outline {
        let starts = scope_starts(roles);
        Outline::of_scopes(blocks, roles, &starts, 0..starts.len() as u32)
    }

    /// The outline of the scopes `scopes` only (`starts` from [`scope_starts`]): what a
    /// reference into those scopes needs. Paragraph indices differ from the whole outline's.
    pub fn of_scopes(blocks: &[Block], roles: &[Role], starts: &[usize], scopes: std::ops::Range<u32>) -> Outline {
        let first = starts.get(scopes.start as usize).copied().unwrap_or(blocks.len()).min(blocks.len());
        let end = starts.get(scopes.end as usize).copied().unwrap_or(blocks.len()).clamp(first, blocks.len());
        let annexes = starts.len() as u32 - 1;
        let mut o = Outline {
            blocks: first..end,
            block_para: vec![None; end - first],
            scope_starts: starts.to_vec(),
            annexes,
            ..Outline::default()
        };
        o.build(blocks, roles);
        o
    }

    fn build(&mut self, blocks: &[Block], roles: &[Role]) {
        let o = self;
        let first = o.blocks.start;
        let mut scope = o.scope_of(first);
        let mut reader = LabelReader::default();
        let mut lists = 0usize;
        let (mut alpha_list, mut roman_list) = (0usize, 0usize);
        for i in o.blocks.clone() {
            let (b, role) = (&blocks[i], &roles[i]);
            if let Role::Annex { scope: s }
            | Role::Operative { scope: s }
            | Role::Unnumbered { scope: s }
            | Role::SubParagraphs { scope: s } = *role
            {
                scope = s;
            }
            let kind = match (role, &b.data.head) {
                (Role::Operative { .. }, Head::Numbered { number, .. }) => Some(ParaKind::Numbered(*number)),
                (Role::Operative { .. }, Head::Insertion { number, .. }) => Some(ParaKind::Insertion(*number)),
                (Role::Operative { .. } | Role::Unnumbered { .. }, _) => Some(ParaKind::Unnumbered),
                (Role::Preambular, _) => Some(ParaKind::Preambular),
                (Role::SubParagraphs { .. }, _) => {
                    let continues = i > first && o.block_para[i - 1 - first].is_some();
                    (!continues).then_some(ParaKind::Unnumbered)
                }
                _ => None,
            };
            let continues = matches!(role, Role::SubParagraphs { .. }) && kind.is_none();
            if !continues && kind.is_none() {
                continue;
            }
            if let Some(kind) = kind {
                let label = match &b.data.head {
                    Head::Numbered { label, .. } | Head::Insertion { label, .. } => Some(b.abs(*label)),
                    _ => None,
                };
                let start = label.map_or(b.start, |l| l.start);
                o.paras.push(Para {
                    scope,
                    kind,
                    first_block: i,
                    last_block: i,
                    label,
                    span: Span::new(start, b.end()),
                    subs: Vec::new(),
                });
                reader = LabelReader::default();
                lists = 0;
            }
            let p = o.paras.len() - 1;
            o.block_para[i - first] = Some(p);
            let para = &mut o.paras[p];
            para.last_block = i;
            para.span.end = b.end();
            for (index, label) in b.data.sub_labels.iter().enumerate() {
                let r = reader.read(label);
                // Lists are numbered in the order they open: the paragraph's letters, then
                // the numerals under each letter.
                let list = match (r.level, r.opened) {
                    (_, true) => {
                        lists += 1;
                        let id = lists - 1;
                        match r.level {
                            Level::Alpha => alpha_list = id,
                            Level::Roman => roman_list = id,
                        }
                        id
                    }
                    (Level::Alpha, false) => alpha_list,
                    (Level::Roman, false) => roman_list,
                };
                let span = b.abs(label.span);
                para.subs.push(Sub {
                    block: i,
                    index,
                    text: label.text.clone(),
                    style: label.style,
                    span,
                    level: r.level,
                    value: r.value,
                    depth: r.depth,
                    list,
                    extent: span,
                });
            }
        }
        // A label's text runs to the next label of the same or a higher level.
        for para in &mut o.paras {
            for k in 0..para.subs.len() {
                let depth = para.subs[k].depth;
                let block = para.subs[k].block;
                let next = para.subs[k + 1..].iter().find(|s| s.depth <= depth).map(|s| (s.block, s.span.start));
                let end = match next {
                    Some((nb, start)) if nb == block => start,
                    Some((nb, _)) => blocks[nb - 1].end(),
                    None => blocks[para.last_block].end(),
                };
                para.subs[k].extent.end = end.max(para.subs[k].span.end);
            }
        }
        o.numbers = vec![Vec::new(); o.annexes as usize + 1];
        for (i, p) in o.paras.iter().enumerate() {
            if let ParaKind::Numbered(n) = p.kind {
                if let Some(v) = o.numbers.get_mut(p.scope as usize) {
                    v.push(n);
                }
                o.by_number.entry((p.scope, n)).or_default().push(i);
            }
        }
        o.broken = o.numbers.iter().map(|v| v.iter().enumerate().any(|(i, n)| *n as usize != i + 1)).collect();
    }

    /// The numbering scope block `block` sits in.
    pub fn scope_of(&self, block: usize) -> u32 {
        scope_at(&self.scope_starts, block)
    }

    /// The paragraph block `block` belongs to (None outside the blocks the outline covers).
    pub fn para_of(&self, block: usize) -> Option<usize> {
        block.checked_sub(self.blocks.start).and_then(|i| self.block_para.get(i).copied().flatten())
    }

    /// The numbered paragraphs of a scope carrying a number, in order.
    pub fn numbered(&self, scope: u32, number: u32) -> Vec<usize> {
        self.by_number.get(&(scope, number)).cloned().unwrap_or_default()
    }

    /// True when the scope's numbers are not exactly 1, 2, 3 … (what the numbering rule
    /// checks; "3 bis" insertions do not count).
    pub fn numbering_broken(&self, scope: u32) -> bool {
        self.broken.get(scope as usize).copied().unwrap_or(false)
    }

    /// The scope a reference made from block `block` points into.
    pub fn target_scope(&self, block: usize, direction: Direction) -> Option<u32> {
        target_scope(self.scope_of(block), self.annexes, direction)
    }

    /// What one target of a reference made from block `block` points to.
    pub fn resolve(&self, block: usize, r: &CrossRef, t: &RefTarget) -> Resolution {
        let Some(scope) = self.target_scope(block, r.direction) else { return Resolution::NoAnnex };
        let Some(number) = t.number else { return self.resolve_unnumbered(block, scope, t) };
        let found = self.numbered(scope, number);
        let para = match found.as_slice() {
            [] => {
                let empty = self.numbers.get(scope as usize).is_none_or(|v| v.is_empty());
                if empty && scope > 0 && matches!(r.direction, Direction::Above | Direction::Below) {
                    return Resolution::UnnumberedScope { scope };
                }
                return Resolution::NoParagraph { scope, number };
            }
            [one] => *one,
            _ => return Resolution::Duplicate { paras: found, subs: Vec::new() },
        };
        let Some((label, _)) = &t.sub else { return Resolution::Found { para, sub: None } };
        match self.find_sub(para, label) {
            Ok(sub) => Resolution::Found { para, sub: Some(sub) },
            Err(subs) if subs.is_empty() => Resolution::NoSub { scope, para: Some(para) },
            Err(subs) => {
                Resolution::Duplicate { paras: Vec::new(), subs: subs.into_iter().map(|s| (para, s)).collect() }
            }
        }
    }

    /// A label in a paragraph: the one of the first level, else the only one with that text.
    /// `Err` holds the candidates when there is not exactly one.
    pub fn find_sub(&self, para: usize, label: &str) -> Result<usize, Vec<usize>> {
        let subs = &self.paras[para].subs;
        let all: Vec<usize> = (0..subs.len()).filter(|&k| subs[k].text == label).collect();
        let top: Vec<usize> = all.iter().copied().filter(|&k| subs[k].depth == 1).collect();
        match (top.as_slice(), all.as_slice()) {
            ([one], _) | ([], [one]) => Ok(*one),
            ([], _) => Err(all),
            _ => Err(top),
        }
    }

    /// "paragraph (a) of the present annex": the reference's own paragraph when it has that
    /// label, else the only paragraph of the scope that has it.
    fn resolve_unnumbered(&self, block: usize, scope: u32, t: &RefTarget) -> Resolution {
        let Some((label, _)) = &t.sub else { return Resolution::NoSub { scope, para: None } };
        let own = self.para_of(block).filter(|&p| self.paras[p].scope == scope);
        if let Some(p) = own {
            if let Ok(sub) = self.find_sub(p, label) {
                return Resolution::Found { para: p, sub: Some(sub) };
            }
        }
        let mut hits = Vec::new();
        for (p, para) in self.paras.iter().enumerate() {
            if para.scope != scope {
                continue;
            }
            match self.find_sub(p, label) {
                Ok(s) => hits.push((p, s)),
                Err(v) => hits.extend(v.into_iter().map(|s| (p, s))),
            }
        }
        match hits.as_slice() {
            [] => Resolution::NoSub { scope, para: None },
            [(p, s)] => Resolution::Found { para: *p, sub: Some(*s) },
            _ => Resolution::Duplicate { paras: Vec::new(), subs: hits },
        }
    }

    /// The span a found target covers (paragraph or sub-paragraph), trailing space included.
    pub fn target_span(&self, para: usize, sub: Option<usize>) -> Span {
        let p = &self.paras[para];
        sub.and_then(|s| p.subs.get(s)).map_or(p.span, |s| s.extent)
    }

    /// "the resolution", "the annex", "annex 2".
    pub fn scope_name(&self, scope: u32) -> String {
        match scope {
            0 => "the resolution".to_string(),
            _ if self.annexes == 1 => "the annex".to_string(),
            s => format!("annex {s}"),
        }
    }
}

/// The numbering scope block `block` sits in, from [`scope_starts`].
pub fn scope_at(starts: &[usize], block: usize) -> u32 {
    starts.partition_point(|&s| s <= block).saturating_sub(1) as u32
}

/// The scope a reference made from scope `here` points into, in a document with `annexes`
/// annexes: "above" and "below" into its own, "of the present resolution" into the
/// resolution, "of the present annex" into its annex (or the only one).
pub fn target_scope(here: u32, annexes: u32, direction: Direction) -> Option<u32> {
    match direction {
        Direction::Above | Direction::Below => Some(here),
        Direction::Resolution => Some(0),
        Direction::Annex if here > 0 => Some(here),
        Direction::Annex if annexes == 1 => Some(1),
        Direction::Annex => None,
    }
}

/// Shows a label as written: "(a)" or "a)".
pub fn show_label(text: &str, style: LabelStyle) -> String {
    match style {
        LabelStyle::Paren => format!("({text})"),
        LabelStyle::Close => format!("{text})"),
    }
}

/// A reference with absolute spans, for a reference of block `b`.
pub fn absolute(b: &Block, r: &CrossRef) -> CrossRef {
    CrossRef {
        span: b.abs(r.span),
        targets: r
            .targets
            .iter()
            .map(|t| RefTarget {
                number: t.number,
                number_span: b.abs(t.number_span),
                sub: t.sub.as_ref().map(|(l, s)| (l.clone(), b.abs(*s))),
            })
            .collect(),
        direction: r.direction,
        range: r.range,
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write;

    use expect_test::expect;

    use super::*;
    use crate::syntax::Parse;

    #[test]
    fn paragraphs_lists_and_extents_in_french() {
        let text = "L’Assemblée générale,\n\n*Rappelant* « 𝔄 » :\n   a) é ;\n   b) ñ,\n\n1. *Décide* :\n   a) un ;\n   h) huit :\n      i) premier ;\n      ii) second ;\n   i) neuf ;\n\nj) dix ;\n\n1 bis. *Prie* ;\n\nAnnexe\n\n1. Texte.\n";
        let parse = Parse::new(text);
        let o = Outline::new(parse.blocks(), &parse.structure().roles);
        let mut out = String::new();
        for p in &o.paras {
            writeln!(out, "{:?} scope {} «{}»", p.kind, p.scope, text[p.span.range()].lines().next().unwrap()).unwrap();
            for s in &p.subs {
                let extent = text[s.extent.range()].trim_end().replace('\n', "⏎");
                writeln!(out, "  {:?} {} depth {} list {}: «{extent}»", s.level, s.value, s.depth, s.list).unwrap();
            }
        }
        writeln!(out, "annexes {}, numbers {:?}", o.annexes, o.numbers).unwrap();
        expect![[r#"
            Preambular scope 0 «*Rappelant* « 𝔄 » :»
              Alpha 1 depth 1 list 0: «a) é ;»
              Alpha 2 depth 1 list 0: «b) ñ,»
            Numbered(1) scope 0 «1. *Décide* :»
              Alpha 1 depth 1 list 0: «a) un ;»
              Alpha 8 depth 1 list 0: «h) huit :⏎      i) premier ;⏎      ii) second ;»
              Roman 1 depth 2 list 1: «i) premier ;»
              Roman 2 depth 2 list 1: «ii) second ;»
              Alpha 9 depth 1 list 0: «i) neuf ;»
              Alpha 10 depth 1 list 0: «j) dix ;»
            Insertion(1) scope 0 «1 bis. *Prie* ;»
            Numbered(1) scope 1 «1. Texte.»
            annexes 1, numbers [[1], [1]]
        "#]]
        .assert_eq(&out);
    }
}
