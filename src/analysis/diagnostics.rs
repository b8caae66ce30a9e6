//! All diagnostic rules, one module per rule family. Each rule reads the block summaries and
//! the document structure; none re-reads the text.

mod crossrefs;
mod footnotes;
mod negotiation;
mod numbering;
mod subparagraphs;

use crate::analysis::Diagnostic;
use crate::syntax::{Parse, Structure};

/// The inputs every rule gets.
pub struct Ctx<'a> {
    pub parse: &'a Parse,
    pub structure: &'a Structure,
}

/// Every diagnostic for a document, sorted by position.
pub fn diagnostics(parse: &Parse) -> Vec<Diagnostic> {
    let structure = parse.structure();
    let ctx = Ctx { parse, structure: &structure };
    let mut acc = Vec::new();
    numbering::check(&mut acc, &ctx);
    subparagraphs::check(&mut acc, &ctx);
    footnotes::check(&mut acc, &ctx);
    crossrefs::check(&mut acc, &ctx);
    negotiation::check(&mut acc, &ctx);
    acc.sort_by(|a, b| (a.span.start, a.span.end, a.code).cmp(&(b.span.start, b.span.end, b.code)));
    acc
}
