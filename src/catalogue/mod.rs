//! Cited UN documents: document symbols and citations in text, catalogues of known documents.
//!
//! Pure and synchronous like [`crate::syntax`]: no IO (catalogue files are passed in as text
//! with their path), no panics on any input. Offsets are UTF-8 byte offsets into the text
//! passed in.
//!
//! - [`Symbol`]: a document symbol in canonical spelling (`A/RES/217 A (III)`,
//!   `S/RES/2334 (2016)`); [`find_symbols`] finds them in text, [`find_malformed`] finds the
//!   ones written against the grammar.
//! - [`find_citations`]: citations in running text in English, French and Spanish
//!   ("its resolution 70/1 of 25 September 2015", « sa résolution 70/153 du 17 décembre 2015 »,
//!   "su resolución 70/1, de 25 de septiembre de 2015"), with the date and title they give,
//!   plus bare symbols.
//! - [`Catalogue`]: entries (symbol, date, titles, organ, source) merged from sources by
//!   precedence, looked up by symbol and searched for completion; [`Catalogue::load_tsv`]
//!   reads catalogue files; [`builtin`] is the catalogue compiled into the binary
//!   ([`BUILTIN_TSV`]).
//! - [`undocs_url`] and [`format_citation`] write links and citations; [`titles_agree`]
//!   compares a title quoted in a draft with a catalogue title.
//!
//! For the server: hover and go-to-definition take a [`Citation`]'s symbol to
//! [`Catalogue::get`] (which forgives a missing Security Council year or part letter); the
//! entry's [`Source`] is a line of [`BUILTIN_TSV`] or of a user catalogue file; references
//! compare [`Symbol`]s (or their [`Symbol::base`]); completion calls [`Catalogue::search`]
//! and inserts [`format_citation`]; diagnostics come from [`find_malformed`] (`malformed-symbol`),
//! a failed lookup, and a date or title in the text that disagrees with the entry
//! ([`Date::agrees_with`], [`titles_agree`]).

mod builtin;
mod citation;
mod date;
mod fold;
mod store;
mod symbol;
mod tsv;

#[cfg(test)]
mod tests;

pub use builtin::{BUILTIN_PATH, BUILTIN_PRECEDENCE, BUILTIN_TSV, builtin};
pub use citation::{Citation, CitationKind, find_citations};
pub use date::Date;
pub use store::{Catalogue, Entry, Source, Titles};
pub use symbol::{Malformed, Symbol, SymbolMatch, find_malformed, find_symbols};
pub use tsv::LoadError;

use crate::syntax::Lang;

impl Catalogue {
    /// Loads a catalogue file (tab-separated, header `symbol<TAB>date<TAB>title<TAB>language`,
    /// extra columns ignored) given its `text`; `path` only names the rows' [`Source`].
    /// Entries merge with those already there by `precedence` (see [`Catalogue::add`]).
    /// Returns the number of rows loaded and the rows skipped with why; a bad row never stops
    /// the load.
    pub fn load_tsv(&mut self, path: &str, text: &str, precedence: i32) -> (usize, Vec<LoadError>) {
        tsv::load(self, text, precedence, &|line| Source::File { path: path.to_string(), line })
    }
}

/// The undocs.org address of a document in a language:
/// `https://undocs.org/fr/S/RES/2334(2016)` (spaces removed, see [`Symbol::url_form`]).
pub fn undocs_url(symbol: &Symbol, lang: Lang) -> String {
    format!("https://undocs.org/{}/{}", lang.code(), symbol.url_form())
}

/// How a text cites the entry in `lang`: the resolution number and the date of adoption as
/// the language writes them: "70/1 of 25 September 2015", "70/1 du 25 septembre 2015",
/// "70/1, de 25 de septiembre de 2015", "2334 (2016) of 23 December 2016". Without a full date
/// (day included), the number alone; for a document that is not a resolution or decision,
/// its symbol.
pub fn format_citation(entry: &Entry, lang: Lang) -> String {
    let Some(number) = entry.symbol.number() else { return entry.symbol.to_string() };
    match entry.date.filter(|d| d.day.is_some()) {
        None => number.to_string(),
        Some(d) => match lang {
            Lang::En => format!("{number} of {}", d.format(lang)),
            Lang::Fr => format!("{number} du {}", d.format(lang)),
            Lang::Es => format!("{number}, de {}", d.format(lang)),
        },
    }
}

/// Whether two titles are the same but for case, accents, punctuation, quotation marks and
/// spacing ("Transforming our world: the 2030 Agenda…" and "transforming our world — the
/// 2030 agenda…").
pub fn titles_agree(a: &str, b: &str) -> bool {
    fold::words(a) == fold::words(b)
}
