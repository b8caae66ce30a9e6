//! Any text as a catalogue file, then lookups and searches with each of its cells as a query;
//! any text searched for citations, symbols and malformed symbols in each language. Never
//! panics; every span lies on character boundaries of the text.
#![no_main]

mod common;

use common::check_span;
use libfuzzer_sys::fuzz_target;
use resolution_ls::catalogue::{
    self, Catalogue, Symbol, builtin, find_citations, find_malformed, find_symbols, format_citation, titles_agree,
    undocs_url,
};
use resolution_ls::syntax::{Lang, Organ};

const LANGS: [Lang; 3] = [Lang::En, Lang::Fr, Lang::Es];
const ORGANS: [Option<Organ>; 5] = [None, Some(Organ::Ga), Some(Organ::Sc), Some(Organ::Hrc), Some(Organ::Ecosoc)];

/// Lines and cells used as queries (bounded so that a big input stays fast).
const MAX_LINES: usize = 200;
const MAX_CELLS: usize = 6;

fn symbol_lookups(cats: &[&Catalogue], s: &Symbol) {
    let _ = (s.as_str(), s.is_resolution(), s.organ(), s.number(), s.parts(), s.url_form());
    let base = s.base();
    for lang in LANGS {
        let _ = undocs_url(s, lang);
    }
    for c in cats {
        for found in [c.get(s), c.get_exact(s), c.get(&base)].into_iter().flatten() {
            for lang in LANGS {
                let _ = format_citation(found, lang);
                let _ = found.title(lang);
                let _ = found.title_source(lang);
                let _ = found.titles.best(lang);
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let text = common::text(data);
    let text: &str = &text;
    let organ = ORGANS[data.len() % ORGANS.len()];

    // Finding citations and symbols in running text.
    for lang in LANGS {
        for c in find_citations(text, lang, organ) {
            check_span(text, c.span, "citation");
            check_span(text, c.number_span, "citation number");
            if let Some(s) = c.date_span {
                check_span(text, s, "citation date");
            }
            if let Some((_, s)) = &c.title {
                check_span(text, *s, "citation title");
            }
            if let Some(d) = c.date {
                let _ = d.format(lang);
            }
        }
    }
    for m in find_symbols(text) {
        check_span(text, m.span, "symbol");
        let _ = m.symbol.url_form();
    }
    for m in find_malformed(text) {
        check_span(text, m.span, "malformed symbol");
    }

    // The text as a catalogue file, loaded twice (the second load merges over the first).
    let mut cat = Catalogue::new();
    let lines = text.split('\n').count() as u32;
    let (n, errors) = cat.load_tsv("fuzz.tsv", text, 0);
    assert!(n <= lines as usize, "{n} rows loaded from {lines} lines");
    for e in &errors {
        assert!(e.line >= 1 && e.line <= lines, "error on line {} of {lines}: {}", e.line, e.message);
    }
    let _ = cat.load_tsv("again.tsv", text, 1);
    let mut merged = Catalogue::new();
    merged.extend_from(builtin(), 0);
    merged.extend_from(&cat, 1);
    let _ = (cat.len(), cat.is_empty());
    for e in cat.iter() {
        for lang in LANGS {
            let _ = format_citation(e, lang);
        }
        let _ = e.date.map(|d| d.format(Lang::En));
    }

    // Every cell as a symbol, a completion query (and its prefixes, as when typing) and a title.
    let cats: [&Catalogue; 3] = [&cat, &merged, builtin()];
    let mut previous = "";
    for line in text.lines().take(MAX_LINES) {
        for cell in line.split('\t').take(MAX_CELLS) {
            for s in Symbol::parse(cell).into_iter().chain(Symbol::parse_joint(cell)) {
                symbol_lookups(&cats, &s);
            }
            for c in cats {
                let _ = c.search(cell, 20);
            }
            for (i, _) in cell.char_indices().skip(1).take(4) {
                let _ = cat.search(&cell[..i], 10);
            }
            let _ = titles_agree(cell, previous);
            let _ = catalogue::Date::parse_iso(cell);
            previous = cell;
        }
    }
});
