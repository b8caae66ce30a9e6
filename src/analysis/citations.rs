//! Cited documents in a draft: recognition per block (cached), lookup in a catalogue, hover
//! text, links, the `malformed-symbol`, `citation-date-mismatch` and `citation-title-mismatch`
//! diagnostics, and completion of citations.

use crate::analysis::{Diagnostic, Severity, TextEdit};
use crate::catalogue::{self, Catalogue, Citation, Entry, Source, find_citations, find_malformed, titles_agree};
use crate::document::Document;
use crate::syntax::block::CitationScan;
use crate::syntax::{Block, Lang, Organ, Role, Span};

/// The block's citations (absolute spans) for a language and organ.
pub fn scan(block: &Block, lang: Lang, organ: Option<Organ>) -> (Vec<Citation>, Vec<catalogue::Malformed>) {
    let compute = || CitationScan {
        lang,
        organ,
        citations: find_citations(&block.text, lang, organ),
        malformed: find_malformed(&block.text),
    };
    let cached = block.data.citations.0.get_or_init(compute);
    let owned;
    let s = if cached.lang == lang && cached.organ == organ {
        cached
    } else {
        owned = compute();
        &owned
    };
    let shift = |c: &Citation| {
        let mut c = c.clone();
        c.span = block.abs(c.span);
        c.number_span = block.abs(c.number_span);
        c.date_span = c.date_span.map(|d| block.abs(d));
        c.title = c.title.map(|(t, sp)| (t, block.abs(sp)));
        c
    };
    let malformed = s.malformed.iter().map(|m| catalogue::Malformed { span: block.abs(m.span), ..m.clone() }).collect();
    (s.citations.iter().map(shift).collect(), malformed)
}

fn cites(role: Role) -> bool {
    !matches!(role, Role::FrontMatter | Role::Comment)
}

/// The citation under the cursor.
pub fn citation_at(doc: &Document, offset: usize) -> Option<Citation> {
    let parse = doc.parse();
    let structure = parse.structure();
    let lang = structure.lang.unwrap_or(Lang::En);
    let blocks = parse.blocks();
    let i = blocks.partition_point(|b| b.start <= offset).checked_sub(1)?;
    if offset > blocks[i].end() || !cites(structure.roles[i]) {
        return None;
    }
    let (cits, _) = scan(&blocks[i], lang, structure.organ);
    cits.into_iter().find(|c| c.span.start <= offset && offset <= c.span.end)
}

/// Every citation of the document, in order.
pub fn all(doc: &Document) -> Vec<Citation> {
    within(doc, Span::new(0, usize::MAX))
}

/// The citations that lie inside `span`, in order (only the blocks it overlaps are read).
pub fn within(doc: &Document, span: Span) -> Vec<Citation> {
    let parse = doc.parse();
    let structure = parse.structure();
    let lang = structure.lang.unwrap_or(Lang::En);
    let blocks = parse.blocks();
    let first = blocks.partition_point(|b| b.end() < span.start);
    let last = blocks.partition_point(|b| b.start < span.end);
    (first..last.max(first))
        .filter(|&i| cites(structure.roles[i]))
        .flat_map(|i| scan(&blocks[i], lang, structure.organ).0)
        .filter(|c| span.start <= c.span.start && c.span.end <= span.end)
        .collect()
}

fn organ_name(o: Organ) -> &'static str {
    match o {
        Organ::Ga => "General Assembly",
        Organ::Sc => "Security Council",
        Organ::Hrc => "Human Rights Council",
        Organ::Ecosoc => "Economic and Social Council",
    }
}

pub fn source_name(s: &Source) -> String {
    match s {
        Source::BuiltIn { .. } => "built-in catalogue".to_string(),
        Source::File { path, line } => format!("{path}, line {line}"),
        Source::Draft { uri, .. } => format!("draft {uri}"),
        Source::Text => "this draft".to_string(),
    }
}

/// Hover text for a citation.
pub fn hover(c: &Citation, entry: Option<&Entry>, lang: Lang) -> String {
    // A Security Council number cited without its year: the catalogue's symbol has it.
    let symbol = match entry {
        Some(e) if c.symbol.sc_parts().is_some_and(|(_, year)| year.is_none()) => &e.symbol,
        _ => &c.symbol,
    };
    let mut out = format!("**{symbol}**");
    match entry {
        Some(e) => {
            if let Some((title, _)) = e.titles.best(lang) {
                out.push_str(&format!("\n\n{title}"));
            } else if let Some((t, _)) = &c.title {
                out.push_str(&format!("\n\n{t}"));
            }
            let mut facts = Vec::new();
            if let Some(d) = e.date {
                facts.push(d.format(lang));
            }
            if let Some(o) = e.organ.or(c.symbol.organ()) {
                facts.push(organ_name(o).to_string());
            }
            if !facts.is_empty() {
                out.push_str(&format!("\n\n{}", facts.join(" · ")));
            }
            // Where the title shown comes from (a French title from its own catalogue line).
            let src = e
                .titles
                .best(lang)
                .and_then(|(_, l)| e.title_source(l))
                .or_else(|| e.title_sources.iter().flatten().next())
                .unwrap_or(&e.source);
            out.push_str(&format!("\n\n_Source: {}_", source_name(src)));
        }
        None => {
            if let Some((t, _)) = &c.title {
                out.push_str(&format!("\n\n{t}\n\n_Title as given in this draft_"));
            } else {
                out.push_str("\n\n_Not in the catalogue._");
            }
        }
    }
    let links: Vec<String> = [lang]
        .into_iter()
        .chain([Lang::En, Lang::Fr, Lang::Es].into_iter().filter(|l| *l != lang))
        .map(|l| format!("[{}]({})", l.code(), catalogue::undocs_url(symbol, l)))
        .collect();
    out.push_str(&format!("\n\n{}", links.join(" · ")));
    out
}

/// The diagnostics about cited documents.
pub fn diagnostics(
    doc_blocks: &[Block],
    roles: &[Role],
    range: std::ops::Range<usize>,
    lang: Option<Lang>,
    organ: Option<Organ>,
    cat: &Catalogue,
) -> Vec<Diagnostic> {
    let lang_or = lang.unwrap_or(Lang::En);
    let mut out = Vec::new();
    for i in range {
        let (b, role) = (&doc_blocks[i], &roles[i]);
        if !cites(*role) {
            continue;
        }
        let (cits, malformed) = scan(b, lang_or, organ);
        for m in malformed {
            let mut d = Diagnostic::new("malformed-symbol", Severity::Warning, m.span, m.message.clone());
            if let Some(r) = &m.replacement {
                d = d.fix(format!("Write “{r}”"), vec![TextEdit::new(m.span, r.clone())]);
            }
            out.push(d);
        }
        for c in cits {
            let Some(e) = cat.get(&c.symbol) else { continue };
            if let (Some(given), Some(known), Some(span)) = (c.date, e.date, c.date_span) {
                if !given.agrees_with(&known) {
                    out.push(Diagnostic::new(
                        "citation-date-mismatch",
                        Severity::Warning,
                        span,
                        format!(
                            "{} is dated {} ({}), not {}",
                            c.symbol,
                            known.format(lang_or),
                            source_name(&e.source),
                            given.format(lang_or)
                        ),
                    ));
                }
            }
            if let (Some((given, span)), Some(l)) = (&c.title, lang) {
                if let Some(known) = e.title(l) {
                    if !titles_agree(given, known) {
                        out.push(Diagnostic::new(
                            "citation-title-mismatch",
                            Severity::Warning,
                            *span,
                            format!(
                                "the title of {} is “{known}” ({})",
                                c.symbol,
                                source_name(e.title_source(l).unwrap_or(&e.source))
                            ),
                        ));
                    }
                }
            }
        }
    }
    out
}

/// A citation completion: the text to insert, the symbol, and a detail line (title, date).
pub type CitationItem = (String, String, String);

/// Citation completion: after "resolution " / "résolution " / "resolución ", after "A/RES/",
/// "S/RES/", and in footnote bodies. Returns the span to replace and the items, best first.
pub fn complete(doc: &Document, offset: usize, cat: &Catalogue) -> Option<(Span, Vec<CitationItem>)> {
    let offset = offset.min(doc.rope().len_bytes());
    let line_start = doc.line_start(offset);
    let offset = offset.max(line_start);
    let before = &doc.slice(line_start..offset);
    let lang = doc.parse().structure().lang.unwrap_or(Lang::En);
    // The word being typed (symbol characters included).
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace() || matches!(c, '(' | '«' | '“' | '"'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[word_start..];
    let head = before[..word_start].trim_end().to_lowercase();
    let after_keyword = ["resolution", "resolutions", "résolution", "résolutions", "resolución", "resoluciones"]
        .iter()
        .any(|k| head.ends_with(k));
    let symbol_prefix = word.starts_with("A/") || word.starts_with("S/") || word.starts_with("E/");
    let in_footnote = before.starts_with("[^") && before.contains("]:");
    if !(after_keyword || symbol_prefix || in_footnote) {
        return None;
    }
    let query = if word.is_empty() && in_footnote { "" } else { word };
    if query.is_empty() && !after_keyword {
        return None;
    }
    let entries = if query.is_empty() { cat.iter().take(50).collect() } else { cat.search(query, 50) };
    let items = entries
        .into_iter()
        .map(|e| {
            let insert = if symbol_prefix { e.symbol.to_string() } else { catalogue::format_citation(e, lang) };
            let title = e.titles.best(lang).map(|(t, _)| t.to_string()).unwrap_or_default();
            let date = e.date.map(|d| d.format(lang)).unwrap_or_default();
            (insert, e.symbol.to_string(), format!("{title} ({date})"))
        })
        .collect();
    Some((Span::new(line_start + word_start, offset), items))
}
