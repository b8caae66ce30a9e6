//! All diagnostic rules, one module per rule family. Each rule reads the block summaries and
//! the document structure; none re-reads the text.

mod crossrefs;
mod footnotes;
mod negotiation;
mod numbering;
mod openings;
mod punctuation;
mod spacing;
mod subparagraphs;

use std::ops::Range;

use crate::analysis::openings::{drafting_role, drafting_roles};
use crate::analysis::references::paragraphs::{Outline, scope_at, scope_starts, target_scope as crossrefs_target};
use crate::analysis::{Diagnostic, Severity};
use crate::catalogue::Catalogue;
use crate::config::Config;
use crate::syntax::{Block, MapSpans, Parse, Reparsed, Role, Span, Structure, same_structure};
use spacing::MarkCounts;

/// Every diagnostic code with its default severity. Codes are a stable interface (editor
/// settings, inline disables and CI scripts refer to them): never rename one.
pub const CODES: &[(&str, Severity)] = &[
    ("numbering-gap", Severity::Error),
    ("numbering-duplicate", Severity::Error),
    ("numbering-order", Severity::Error),
    ("subparagraph-gap", Severity::Error),
    ("subparagraph-duplicate", Severity::Error),
    ("subparagraph-style", Severity::Warning),
    ("footnote-undefined", Severity::Error),
    ("footnote-unused", Severity::Warning),
    ("footnote-duplicate-definition", Severity::Error),
    ("footnote-order", Severity::Warning),
    ("footnote-gap", Severity::Warning),
    ("footnote-repeated", Severity::Warning),
    ("draft-insertion", Severity::Information),
    ("bracketed-text", Severity::Information),
    ("crossref-missing", Severity::Error),
    ("crossref-direction", Severity::Warning),
    ("crossref-ambiguous", Severity::Information),
    ("punctuation-preambular", Severity::Warning),
    ("punctuation-operative", Severity::Warning),
    ("punctuation-final", Severity::Warning),
    ("punctuation-colon", Severity::Warning),
    ("unknown-opening", Severity::Hint),
    ("agreement", Severity::Warning),
    ("french-spacing", Severity::Warning),
    ("malformed-symbol", Severity::Warning),
    ("citation-date-mismatch", Severity::Warning),
    ("citation-title-mismatch", Severity::Warning),
];

/// The inputs every rule gets.
pub struct Ctx<'a> {
    pub parse: &'a Parse,
    pub structure: &'a Structure,
    pub config: &'a Config,
    /// Roles as the drafting rules read them ([`drafting_roles`]).
    pub drafting: &'a [Role],
    /// French marks per class, spaced and unspaced, in the whole document (`auto` spacing).
    pub marks: MarkCounts,
    /// The block that opens the last operative paragraph of the resolution.
    pub last_operative: Option<usize>,
    /// The blocks whose diagnostics the block-local rules (punctuation, openings, spacing,
    /// citations, negotiation) report. The document-wide rules ignore it.
    pub range: Range<usize>,
}

/// Every diagnostic for a document under the default settings, sorted by position.
pub fn diagnostics(parse: &Parse) -> Vec<Diagnostic> {
    diagnostics_with(parse, &Config::default())
}

/// Every diagnostic for a document under `config` and the document's inline settings, with
/// the built-in catalogue.
pub fn diagnostics_with(parse: &Parse, config: &Config) -> Vec<Diagnostic> {
    diagnostics_in(parse, config, crate::catalogue::builtin())
}

/// Every diagnostic, with cited documents checked against `catalogue`.
pub fn diagnostics_in(parse: &Parse, config: &Config, catalogue: &Catalogue) -> Vec<Diagnostic> {
    let mut checker = Checker::default();
    checker.check(parse, &[], config, catalogue);
    checker.result
}

/// The document-wide rule families kept whole, each re-run only when its inputs change.
/// Numbering is kept per scope and cross-references per block (see [`Checker`]).
const SUBPARAGRAPHS: usize = 0;
const FOOTNOTES: usize = 1;

/// An inline `disable` comment, by block index (stable while an edit keeps the block count).
#[derive(Debug, Clone)]
struct Off {
    /// The comment's block and where the comment ends in it (relative).
    block: usize,
    after: usize,
    /// `disable-next`: the block it covers.
    next: Option<usize>,
    codes: Vec<String>,
}

/// The cross-references of one block: the scopes they point into, and their findings.
#[derive(Debug, Clone)]
struct Xrefs {
    block: usize,
    into: Vec<u32>,
    found: Vec<Diagnostic>,
}

/// Diagnostics kept from one check to the next, so that a keystroke costs what it changes.
///
/// The rules fall in two kinds. Block-local rules (punctuation, openings, French spacing,
/// citations, negotiation) report on a block from that block and a few document-wide facts
/// (roles, language, organ, the last operative paragraph, the spacing majority); their
/// findings are kept per block. Document-wide rules (numbering, sub-paragraphs, footnotes,
/// cross-references) read one kind of summary from every block; their findings are kept per
/// rule. After an edit that keeps the number of blocks and the document-wide facts, only the
/// edited blocks are checked again by the local rules, and a document-wide rule runs again
/// only when the edited blocks' summaries it reads changed; everything else is moved by the
/// edit's shift. Two document-wide rules are finer still: numbering findings are kept per
/// numbering scope (a renumbered paragraph re-checks its scope), and cross-reference findings
/// per block (a renumbered paragraph or a changed sub-paragraph label re-checks the references
/// into its scope, over an outline of the scopes they point into, and an edited reference is
/// checked again alone). Any other edit checks everything. `tests/incremental.rs` compares the result
/// with a fresh check after every edit.
#[derive(Debug, Default)]
pub struct Checker {
    valid: bool,
    structure: Structure,
    drafting: Vec<Role>,
    has_numbered: bool,
    marks: MarkCounts,
    last_operative: Option<usize>,
    global: [Vec<Diagnostic>; 2],
    /// The first block of each numbering scope.
    scope_starts: Vec<usize>,
    /// Numbering findings per scope.
    numbering: Vec<Vec<Diagnostic>>,
    /// Cross-reference findings of each block that has references, by block index, in order.
    xrefs: Vec<Xrefs>,
    /// The blocks with local findings, in order: block index, the start the block had when
    /// checked, and the findings (spans as of that start).
    local: Vec<(usize, usize, Vec<Diagnostic>)>,
    /// The number of blocks checked.
    count: usize,
    off: Vec<Off>,
    result: Vec<Diagnostic>,
    /// How the last check went (for tests and benchmarks): true when it was incremental.
    pub last_was_incremental: bool,
}

impl Checker {
    /// Forgets everything: the next check is a full one (after a change of settings or
    /// catalogue, or a full re-parse).
    pub fn invalidate(&mut self) {
        self.valid = false;
    }

    /// The diagnostics of the last check, sorted by position.
    pub fn result(&self) -> &[Diagnostic] {
        &self.result
    }

    /// Checks `parse`, which the `edits` (in order) made from the last checked parse. With
    /// no edits, or when the last check is not valid, everything is checked.
    pub fn check(
        &mut self,
        parse: &Parse,
        edits: &[Reparsed],
        config: &Config,
        catalogue: &Catalogue,
    ) -> &[Diagnostic] {
        let incremental = self.valid && edits.len() == 1 && self.update(parse, &edits[0], config, catalogue);
        if !incremental {
            self.full(parse, config, catalogue);
        }
        self.last_was_incremental = incremental;
        self.assemble(parse, config);
        &self.result
    }

    fn ctx<'a>(&'a self, parse: &'a Parse, config: &'a Config, range: Range<usize>) -> Ctx<'a> {
        Ctx {
            parse,
            structure: &self.structure,
            config,
            drafting: &self.drafting,
            marks: self.marks,
            last_operative: self.last_operative,
            range,
        }
    }

    fn full(&mut self, parse: &Parse, config: &Config, catalogue: &Catalogue) {
        let blocks = parse.blocks();
        self.structure = parse.structure().clone();
        self.drafting = drafting_roles(blocks, &self.structure);
        self.has_numbered = self.structure.roles.iter().any(|r| matches!(r, Role::Operative { scope: 0 }));
        self.marks = [(0, 0); 4];
        for (b, r) in blocks.iter().zip(&self.structure.roles) {
            spacing::add_counts(&mut self.marks, &spacing::block_counts(b, r), true);
        }
        let lang = self.structure.lang;
        self.last_operative =
            self.drafting.iter().enumerate().rposition(|(i, r)| punctuation::is_operative(blocks, lang, i, r));
        for family in [SUBPARAGRAPHS, FOOTNOTES] {
            self.global[family] = self.run_global(family, parse, config);
        }
        self.scope_starts = scope_starts(&self.structure.roles);
        self.numbering = (0..self.scope_starts.len()).map(|s| self.run_numbering(parse, config, s)).collect();
        self.xrefs = self.run_xrefs(
            parse,
            None,
            blocks.iter().enumerate().filter(|(_, b)| b.has & Block::CROSSREFS != 0).map(|(i, _)| i).collect(),
        );
        self.local.clear();
        self.count = blocks.len();
        self.run_local(parse, config, catalogue, 0..blocks.len());
        self.off = offs(blocks, &self.structure.roles);
        self.valid = true;
    }

    fn run_global(&self, family: usize, parse: &Parse, config: &Config) -> Vec<Diagnostic> {
        let ctx = self.ctx(parse, config, 0..0);
        let mut acc = Vec::new();
        match family {
            SUBPARAGRAPHS => subparagraphs::check(&mut acc, &ctx),
            _ => footnotes::check(&mut acc, &ctx),
        }
        acc
    }

    /// The blocks of numbering scope `scope`.
    fn scope_blocks(&self, scope: usize, count: usize) -> Range<usize> {
        let end = self.scope_starts.get(scope + 1).copied().unwrap_or(count);
        self.scope_starts[scope]..end
    }

    fn run_numbering(&self, parse: &Parse, config: &Config, scope: usize) -> Vec<Diagnostic> {
        let mut acc = Vec::new();
        numbering::check(&mut acc, &self.ctx(parse, config, 0..0), self.scope_blocks(scope, parse.blocks().len()));
        acc
    }

    /// Checks the cross-references of `which` (block indices, in order), over the whole
    /// outline, or when `scopes` says which scopes they may point into, over an outline of
    /// each of those scopes.
    fn run_xrefs(&self, parse: &Parse, scopes: Option<&[u32]>, which: Vec<usize>) -> Vec<Xrefs> {
        let (blocks, roles) = (parse.blocks(), &self.structure.roles);
        let starts = &self.scope_starts;
        let outlines: Vec<(Option<u32>, Outline)> = match scopes {
            None if which.is_empty() => Vec::new(),
            None => vec![(None, Outline::new(blocks, roles))],
            Some(scopes) => std::iter::once((None, Outline::of_scopes(blocks, roles, starts, 0..0)))
                .chain(scopes.iter().map(|&s| (Some(s), Outline::of_scopes(blocks, roles, starts, s..s + 1))))
                .collect(),
        };
        let outline = |scope: Option<u32>| {
            let exact = outlines.iter().find(|(s, _)| s.is_some() && *s == scope);
            &exact.unwrap_or(&outlines[0]).1
        };
        which
            .into_iter()
            .map(|i| {
                let mut found = Vec::new();
                crossrefs::check_block(&mut found, &outline, &blocks[i], i);
                Xrefs { block: i, into: self.targets_of(&blocks[i], i), found }
            })
            .collect()
    }

    /// The numbering scope of block `i`.
    fn scope_of(&self, i: usize) -> u32 {
        scope_at(&self.scope_starts, i)
    }

    /// The scopes the cross-references of block `b` (index `i`) point into.
    fn targets_of(&self, b: &Block, i: usize) -> Vec<u32> {
        let (here, annexes) = (self.scope_of(i), self.scope_starts.len() as u32 - 1);
        let mut into: Vec<u32> =
            b.data.crossrefs.iter().filter_map(|x| crossrefs_target(here, annexes, x.direction)).collect();
        into.sort_unstable();
        into.dedup();
        into
    }

    /// Runs the block-local rules on `range` and files their findings by block.
    /// The range is first widened to whole paragraphs (a paragraph's punctuation findings
    /// depend on its sub-paragraph blocks, and are filed under its first block).
    fn run_local(&mut self, parse: &Parse, config: &Config, catalogue: &Catalogue, range: Range<usize>) {
        let blocks = parse.blocks();
        let range = punctuation::whole_paragraphs(&self.structure.roles, range);
        let mut acc = Vec::new();
        {
            let ctx = self.ctx(parse, config, range.clone());
            punctuation::check(&mut acc, &ctx);
            openings::check(&mut acc, &ctx);
            spacing::check(&mut acc, &ctx);
            negotiation::check(&mut acc, &ctx);
            let s = &self.structure;
            acc.extend(crate::analysis::citations::diagnostics(
                blocks,
                &s.roles,
                range.clone(),
                s.lang,
                s.organ,
                catalogue,
            ));
        }
        // The block each finding starts in; findings of neighbouring paragraphs that the
        // punctuation rule looked at are unchanged and dropped.
        let mut by_block: Vec<(usize, Diagnostic)> = acc
            .into_iter()
            .filter_map(|d| Some((blocks.partition_point(|b| b.start <= d.span.start).checked_sub(1)?, d)))
            .filter(|(i, _)| range.contains(i))
            .collect();
        by_block.sort_by_key(|(i, _)| *i); // stable: each rule's order is kept
        let mut found: Vec<(usize, usize, Vec<Diagnostic>)> = Vec::new();
        for (i, d) in by_block {
            match found.last_mut() {
                Some((b, _, v)) if *b == i => v.push(d),
                _ => found.push((i, blocks[i].start, vec![d])),
            }
        }
        let from = self.local.partition_point(|(b, _, _)| *b < range.start);
        let to = self.local.partition_point(|(b, _, _)| *b < range.end);
        self.local.splice(from..to, found);
    }

    /// The incremental path; false when the edit needs a full check.
    fn update(&mut self, parse: &Parse, r: &Reparsed, config: &Config, catalogue: &Catalogue) -> bool {
        let blocks = parse.blocks();
        if r.old_to - r.from != r.new_to - r.from || blocks.len() != self.count || !self.has_numbered {
            return false;
        }
        let new = &blocks[r.from..r.new_to];
        if r.from == 0 && r.old.first().map(|b| b.start) != new.first().map(|b| b.start) {
            return false; // front matter is read at offset 0 only
        }
        if !r.old.iter().zip(new).all(|(o, n)| same_structure(o, n)) {
            return false;
        }
        let mut marks = self.marks;
        for (k, (o, n)) in r.old.iter().zip(new).enumerate() {
            let i = r.from + k;
            let (was, role) = (self.drafting[i], self.structure.roles[i]);
            let now = drafting_role(n, role, &self.structure);
            // An unnumbered paragraph of the resolution is operative or a heading by its words.
            if now != was || matches!(was, Role::Unnumbered { scope: 0 }) {
                return false;
            }
            spacing::add_counts(&mut marks, &spacing::block_counts(o, &role), false);
            spacing::add_counts(&mut marks, &spacing::block_counts(n, &role), true);
        }
        if spacing::majorities(&marks) != spacing::majorities(&self.marks) {
            return false;
        }
        self.marks = marks;

        // A summary is unchanged when the old block's items, moved by the edit, are the new
        // block's items.
        fn moved<T: MapSpans + PartialEq>(r: &Reparsed, o: &Block, n: &Block, pick: impl Fn(&Block) -> &T) -> bool {
            let old = pick(o).map_spans(&|s| r.map(o.abs(s)));
            old == pick(n).map_spans(&|s| n.abs(s))
        }
        let changed = |f: &dyn Fn(&Block, &Block) -> bool| r.old.iter().zip(new).any(|(o, n)| !f(o, n));
        let subs = changed(&|o, n| moved(r, o, n, |b| &b.data.sub_labels));
        let notes = changed(&|o, n| moved(r, o, n, |b| &b.data.fn_refs) && moved(r, o, n, |b| &b.data.fn_defs));
        let map = |s: Span| r.map(s);
        for (family, rerun) in [(SUBPARAGRAPHS, subs), (FOOTNOTES, notes)] {
            if rerun {
                self.global[family] = self.run_global(family, parse, config);
            } else {
                for d in &mut self.global[family] {
                    map_spans(d, &map);
                }
            }
        }

        // The scopes whose paragraph numbers or sub-paragraph labels the edit changed.
        let mut renumbered: Vec<u32> = Vec::new();
        let mut relabelled: Vec<u32> = Vec::new();
        for (k, (o, n)) in r.old.iter().zip(new).enumerate() {
            let scope = self.scope_of(r.from + k);
            let head = !moved(r, o, n, |b| &b.data.head);
            if head && !renumbered.contains(&scope) {
                renumbered.push(scope);
            }
            if (head || !moved(r, o, n, |b| &b.data.sub_labels)) && !relabelled.contains(&scope) {
                relabelled.push(scope);
            }
        }
        for (scope, found) in self.numbering.iter_mut().enumerate() {
            if !renumbered.contains(&(scope as u32)) {
                found.iter_mut().for_each(|d| map_spans(d, &map));
            }
        }
        for &scope in &renumbered {
            self.numbering[scope as usize] = self.run_numbering(parse, config, scope as usize);
        }
        self.update_xrefs(parse, r, &relabelled);
        if changed(&|o, n| o.data.directives == n.data.directives) {
            self.off = offs(blocks, &self.structure.roles);
        }
        self.run_local(parse, config, catalogue, r.from..r.new_to);
        true
    }

    /// Cross-references after an edit: those of the edited blocks and those into a
    /// relabelled scope are checked again; the others move with the edit.
    fn update_xrefs(&mut self, parse: &Parse, r: &Reparsed, relabelled: &[u32]) {
        let blocks = parse.blocks();
        let edited = r.from..r.new_to;
        let first = self.xrefs.partition_point(|x| x.block < edited.start);
        let had = self.xrefs.get(first).is_some_and(|x| edited.contains(&x.block));
        let has = blocks[edited.clone()].iter().any(|b| !b.data.crossrefs.is_empty());
        let map = |s: Span| r.map(s);
        if relabelled.is_empty() && !had && !has {
            for x in &mut self.xrefs {
                x.found.iter_mut().for_each(|d| map_spans(d, &map));
            }
            return;
        }
        let mut again: Vec<usize> = Vec::new();
        let mut kept: Vec<Xrefs> = Vec::with_capacity(self.xrefs.len() + edited.len());
        for mut x in std::mem::take(&mut self.xrefs) {
            if edited.contains(&x.block) {
                continue;
            }
            if x.into.iter().any(|t| relabelled.contains(t)) {
                again.push(x.block);
            } else {
                x.found.iter_mut().for_each(|d| map_spans(d, &map));
                kept.push(x);
            }
        }
        again.extend(edited.filter(|&i| !blocks[i].data.crossrefs.is_empty()));
        again.sort_unstable();
        let mut targets: Vec<u32> = again.iter().flat_map(|&i| self.targets_of(&blocks[i], i)).collect();
        targets.sort_unstable();
        targets.dedup();
        kept.extend(self.run_xrefs(parse, Some(&targets), again));
        kept.sort_unstable_by_key(|x| x.block);
        self.xrefs = kept;
    }

    fn assemble(&mut self, parse: &Parse, config: &Config) {
        let blocks = parse.blocks();
        let mut acc: Vec<Diagnostic> = self.global.iter().flatten().cloned().collect();
        acc.extend(self.numbering.iter().flatten().cloned());
        acc.extend(self.xrefs.iter().flat_map(|x| &x.found).cloned());
        for (i, base, found) in &self.local {
            let delta = blocks[*i].start as isize - *base as isize;
            acc.extend(found.iter().map(|d| {
                let mut d = d.clone();
                if delta != 0 {
                    let by = |p: usize| (p as isize + delta) as usize;
                    map_spans(&mut d, &|s| Span::new(by(s.start), by(s.end)));
                }
                d
            }));
        }
        let mut acc = apply_settings(acc, &self.off, blocks, config);
        acc.sort_by(|a, b| (a.span.start, a.span.end, a.code).cmp(&(b.span.start, b.span.end, b.code)));
        self.result = acc;
    }
}

fn map_spans(d: &mut Diagnostic, f: &dyn Fn(Span) -> Span) {
    let span = |s: &mut Span| *s = f(*s);
    span(&mut d.span);
    for r in &mut d.related {
        span(&mut r.span);
    }
    for fix in &mut d.fixes {
        for e in &mut fix.edits {
            span(&mut e.span);
        }
    }
}

/// The inline `disable` comments of a document.
fn offs(blocks: &[Block], roles: &[Role]) -> Vec<Off> {
    let mut out = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        for d in &b.data.directives {
            let next = if d.next_only {
                match (i + 1..blocks.len()).find(|&n| roles[n] != Role::Comment) {
                    Some(n) => Some(n),
                    None => continue,
                }
            } else {
                None
            };
            out.push(Off { block: i, after: d.span.end, next, codes: d.codes.clone() });
        }
    }
    out
}

/// Applies rule levels and inline `<!-- resolution-ls: disable… -->` comments.
fn apply_settings(diags: Vec<Diagnostic>, offs: &[Off], blocks: &[Block], config: &Config) -> Vec<Diagnostic> {
    // (from, to, codes): diagnostics starting in [from, to) with one of `codes` are dropped.
    let ranges: Vec<(usize, usize, &[String])> = offs
        .iter()
        .map(|o| match o.next {
            Some(n) => (blocks[n].start, blocks[n].end() + 1, o.codes.as_slice()),
            None => (blocks[o.block].start + o.after, usize::MAX, o.codes.as_slice()),
        })
        .collect();
    diags
        .into_iter()
        .filter_map(|mut d| {
            let disabled = ranges.iter().any(|(from, to, codes)| {
                (*from..*to).contains(&d.span.start) && (codes.is_empty() || codes.iter().any(|c| c == d.code))
            });
            if disabled {
                return None;
            }
            d.severity = config.severity(d.code, d.severity)?;
            Some(d)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::analysis::fixture::check_diagnostics;

    #[test]
    fn inline_settings() {
        check_diagnostics(
            r#"
L’Assemblée générale,

<!-- resolution-ls: disable-next numbering-gap -->

2. *Décide* « é » ;

4. *Prie* ñ 𝔄 ;
^^ error[numbering-gap]: paragraph 3 is missing after paragraph 2; expected 3

<!-- resolution-ls: disable -->

6. *Décide*[^1].
"#,
        );
    }

    #[test]
    fn every_code_is_registered_once() {
        let mut codes: Vec<_> = super::CODES.iter().map(|(c, _)| *c).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), super::CODES.len());
    }
}
