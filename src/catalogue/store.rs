//! The catalogue: entries keyed by canonical symbol, merged from sources by precedence, with
//! an index for completion (symbol prefixes and title words).

use std::collections::{BTreeMap, HashMap};

use super::date::Date;
use super::fold::{fold, words};
use super::symbol::Symbol;
use crate::syntax::{Lang, Organ};

/// Where an entry (or the row that gave it) comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Source {
    /// A line of [`super::BUILTIN_TSV`] (1-based).
    BuiltIn { line: u32 },
    /// A line of a catalogue file (1-based), as the caller named the file.
    File { path: String, line: u32 },
    /// A draft that declares its own symbol (front matter `symbol:`), at a line (0-based, as
    /// the caller counts).
    Draft { uri: String, line: u32 },
    /// Given in the text that cites it (a title in quotation marks).
    Text,
}

/// Titles in the three languages, each optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Titles {
    pub en: Option<String>,
    pub fr: Option<String>,
    pub es: Option<String>,
}

const LANGS: [Lang; 3] = [Lang::En, Lang::Fr, Lang::Es];

fn lang_index(lang: Lang) -> usize {
    match lang {
        Lang::En => 0,
        Lang::Fr => 1,
        Lang::Es => 2,
    }
}

impl Titles {
    pub fn get(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::En => self.en.as_deref(),
            Lang::Fr => self.fr.as_deref(),
            Lang::Es => self.es.as_deref(),
        }
    }

    pub fn set(&mut self, lang: Lang, title: Option<String>) {
        let slot = match lang {
            Lang::En => &mut self.en,
            Lang::Fr => &mut self.fr,
            Lang::Es => &mut self.es,
        };
        *slot = title;
    }

    /// The title in `lang`, else in English, French, Spanish (the first there is), with its
    /// language.
    pub fn best(&self, lang: Lang) -> Option<(&str, Lang)> {
        std::iter::once(lang).chain(LANGS).find_map(|l| self.get(l).map(|t| (t, l)))
    }

    /// The titles there are, with their languages.
    pub fn iter(&self) -> impl Iterator<Item = (Lang, &str)> {
        LANGS.into_iter().filter_map(|l| self.get(l).map(|t| (l, t)))
    }
}

/// What the catalogue knows about one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub symbol: Symbol,
    /// Date of adoption (resolutions) or issue (other documents), possibly without day or month.
    pub date: Option<Date>,
    pub titles: Titles,
    /// The organ of the symbol's series ([`Symbol::organ`]).
    pub organ: Option<Organ>,
    /// Where the entry was first given by its highest-precedence source.
    pub source: Source,
    /// Where each title comes from (en, fr, es), when it comes from elsewhere than `source`
    /// or from another line of it.
    pub title_sources: [Option<Source>; 3],
}

impl Entry {
    /// An entry without date or titles.
    pub fn new(symbol: Symbol, source: Source) -> Entry {
        let organ = symbol.organ();
        Entry { symbol, date: None, titles: Titles::default(), organ, source, title_sources: [None, None, None] }
    }

    pub fn with_date(mut self, date: Option<Date>) -> Entry {
        self.date = date;
        self
    }

    pub fn with_title(mut self, lang: Lang, title: impl Into<String>) -> Entry {
        self.titles.set(lang, Some(title.into()));
        self
    }

    /// The title in `lang`, if known in that language.
    pub fn title(&self, lang: Lang) -> Option<&str> {
        self.titles.get(lang)
    }

    /// Where the title in `lang` comes from.
    pub fn title_source(&self, lang: Lang) -> Option<&Source> {
        self.titles.get(lang)?;
        self.title_sources[lang_index(lang)].as_ref().or(Some(&self.source))
    }
}

#[derive(Debug, Clone)]
struct Slot {
    entry: Entry,
    precedence: i32,
    date_precedence: i32,
    title_precedence: [i32; 3],
    /// The folded words of each title (en, fr, es), for scoring.
    words: [Vec<String>; 3],
}

/// A set of entries with lookup by symbol and search for completion.
///
/// Entries come from sources with a precedence ([`Catalogue::add`]): for one symbol, the title
/// in each language and the date come from the source with the highest precedence that gives
/// them; on equal precedence the first given wins, except that a date that refines the one
/// known (1966-12-16 for 1966-12) replaces it.
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    slots: Vec<Slot>,
    by_symbol: HashMap<Symbol, u32>,
    by_base: HashMap<Symbol, Vec<u32>>,
    /// Folded symbol spellings without spaces (`a/res/217a(iii)`, `217a(iii)`) → entries.
    symbol_keys: BTreeMap<String, Vec<u32>>,
    /// Folded title words → entries (may hold stale ids after a title is replaced; search
    /// re-checks).
    words: BTreeMap<String, Vec<u32>>,
}

fn push_id(v: &mut Vec<u32>, id: u32) {
    if v.last() != Some(&id) {
        v.push(id);
    }
}

fn symbol_key(s: &str) -> String {
    fold(s).chars().filter(|c| !c.is_whitespace()).collect()
}

impl Catalogue {
    pub fn new() -> Catalogue {
        Catalogue::default()
    }

    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Every entry, in the order first added.
    pub fn iter(&self) -> impl Iterator<Item = &Entry> {
        self.slots.iter().map(|s| &s.entry)
    }

    /// Adds an entry, or merges it into the entry with the same symbol: a title or date from a
    /// higher `precedence` wins, per language; missing ones are filled in.
    pub fn add(&mut self, entry: Entry, precedence: i32) {
        match self.by_symbol.get(&entry.symbol) {
            Some(&id) => self.merge(id, entry, precedence),
            None => self.insert(entry, precedence),
        }
    }

    /// Adds every entry of `other` with `precedence` (e.g. the built-in catalogue under the
    /// user's files).
    pub fn extend_from(&mut self, other: &Catalogue, precedence: i32) {
        for e in other.iter() {
            self.add(e.clone(), precedence);
        }
    }

    fn insert(&mut self, mut entry: Entry, precedence: i32) {
        let id = self.slots.len() as u32;
        for (i, l) in LANGS.into_iter().enumerate() {
            if entry.titles.get(l).is_some() && entry.title_sources[i].is_none() {
                entry.title_sources[i] = Some(entry.source.clone());
            }
        }
        self.by_symbol.insert(entry.symbol.clone(), id);
        self.by_base.entry(entry.symbol.base()).or_default().push(id);
        let mut keys = vec![symbol_key(entry.symbol.as_str())];
        if let Some(n) = entry.symbol.number() {
            keys.push(symbol_key(n));
        }
        for k in keys {
            push_id(self.symbol_keys.entry(k).or_default(), id);
        }
        let slot = Slot {
            words: [Vec::new(), Vec::new(), Vec::new()],
            entry,
            precedence,
            date_precedence: precedence,
            title_precedence: [precedence; 3],
        };
        self.slots.push(slot);
        self.reindex_words(id);
    }

    fn merge(&mut self, id: u32, entry: Entry, precedence: i32) {
        let slot = &mut self.slots[id as usize];
        if precedence > slot.precedence {
            slot.precedence = precedence;
            slot.entry.source = entry.source.clone();
        }
        if let Some(d) = entry.date {
            let replace = match slot.entry.date {
                None => true,
                Some(old) => {
                    precedence > slot.date_precedence || (precedence == slot.date_precedence && d.refines(&old))
                }
            };
            if replace {
                slot.entry.date = Some(d);
                slot.date_precedence = precedence;
            }
        }
        let mut changed = false;
        for (i, l) in LANGS.into_iter().enumerate() {
            let Some(t) = entry.titles.get(l) else { continue };
            if slot.entry.titles.get(l).is_none() || precedence > slot.title_precedence[i] {
                slot.entry.titles.set(l, Some(t.to_string()));
                slot.entry.title_sources[i] = Some(entry.title_sources[i].clone().unwrap_or(entry.source.clone()));
                slot.title_precedence[i] = precedence;
                changed = true;
            }
        }
        if changed {
            self.reindex_words(id);
        }
    }

    fn reindex_words(&mut self, id: u32) {
        let slot = &mut self.slots[id as usize];
        for (i, l) in LANGS.into_iter().enumerate() {
            slot.words[i] = slot.entry.titles.get(l).map(words).unwrap_or_default();
        }
        for ws in &slot.words {
            for w in ws {
                if w.chars().count() > 1 || w.bytes().all(|b| b.is_ascii_digit()) {
                    push_id(self.words.entry(w.clone()).or_default(), id);
                }
            }
        }
    }

    /// The entry with exactly this symbol.
    pub fn get_exact(&self, symbol: &Symbol) -> Option<&Entry> {
        self.by_symbol.get(symbol).map(|&id| &self.slots[id as usize].entry)
    }

    /// The entry for a symbol, tolerating what citations leave out: a Security Council
    /// symbol without its year finds the resolution of that number (`S/RES/2334` →
    /// `S/RES/2334 (2016)`); a lettered resolution finds the unlettered entry and vice versa
    /// (`A/RES/217 (III)` → `A/RES/217 A (III)`, preferring part A).
    pub fn get(&self, symbol: &Symbol) -> Option<&Entry> {
        if let Some(e) = self.get_exact(symbol) {
            return Some(e);
        }
        if let Some((_, Some(_))) = symbol.sc_parts() {
            return None; // a year was given and it is not the catalogue's
        }
        let ids = self.by_base.get(&symbol.base())?;
        let want = symbol.parts();
        // Unlettered first; for a lettered query, an entry with one of its letters; for an
        // unlettered one, part A first.
        let rank = |e: &Entry| {
            let parts = e.symbol.parts();
            if parts.is_empty() {
                Some(0)
            } else if !want.is_empty() {
                want.iter().any(|w| parts.contains(w)).then_some(1)
            } else if parts.first().is_some_and(|p| p == "A") {
                Some(2)
            } else {
                Some(3)
            }
        };
        ids.iter()
            .map(|&id| &self.slots[id as usize].entry)
            .filter_map(|e| rank(e).map(|r| (r, e)))
            .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.symbol.cmp(&b.1.symbol)))
            .map(|(_, e)| e)
    }

    /// The Security Council resolution with this number.
    pub(crate) fn sc_by_number(&self, n: u32) -> Option<&Entry> {
        self.get(&Symbol::from_canonical(format!("S/RES/{n}")))
    }

    /// Entries for completion, best first, at most `limit`.
    ///
    /// A query with a digit or a slash is first read as the start of a symbol or of a
    /// resolution number, ignoring case and spaces: `A/RES/70/` gives A/RES/70/1, A/RES/70/2, …;
    /// `70/1` gives 70/1, then 70/10, 70/100…; `217a` gives A/RES/217 A (III). Then every word
    /// of the query must start a word of some title, ignoring case and accents ("climat"
    /// finds "Climate change", "changement climatique"). Ranking: symbol matches (exact
    /// first, then shorter), then title matches by how well the words match (whole words
    /// over prefixes, the first word of a title over others), then newer first.
    pub fn search(&self, query: &str, limit: usize) -> Vec<&Entry> {
        let query = query.trim();
        if query.is_empty() || limit == 0 {
            return Vec::new();
        }
        let mut scored: Vec<(i64, u32)> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        if query.chars().any(|c| c.is_ascii_digit() || c == '/') {
            let key = symbol_key(query);
            for (k, ids) in self.symbol_keys.range(key.clone()..) {
                if !k.starts_with(&key) {
                    break;
                }
                let score = if *k == key { 1_000_000 } else { 500_000 - (k.len() - key.len()).min(1000) as i64 * 100 };
                for &id in ids {
                    if seen.insert(id) {
                        scored.push((score, id));
                    }
                }
            }
        }
        if !query.contains('/') {
            for (score, id) in self.search_words(query) {
                if seen.insert(id) {
                    scored.push((score, id));
                }
            }
        }
        scored.sort_by(|a, b| {
            let (ea, eb) = (&self.slots[a.1 as usize].entry, &self.slots[b.1 as usize].entry);
            b.0.cmp(&a.0).then_with(|| eb.date.cmp(&ea.date)).then_with(|| ea.symbol.cmp(&eb.symbol))
        });
        scored.into_iter().take(limit).map(|(_, id)| &self.slots[id as usize].entry).collect()
    }

    fn search_words(&self, query: &str) -> Vec<(i64, u32)> {
        let mut terms = words(query);
        // "l’homme": the elided article is not indexed.
        if terms.iter().any(|t| t.chars().count() > 1) {
            terms.retain(|t| t.chars().count() > 1 || t.bytes().all(|b| b.is_ascii_digit()));
        }
        if terms.is_empty() {
            return Vec::new();
        }
        // Candidates: entries having a word that starts with each term.
        let mut sets: Vec<Vec<u32>> = Vec::new();
        for t in &terms {
            let mut ids = Vec::new();
            for (w, v) in self.words.range(t.clone()..) {
                if !w.starts_with(t.as_str()) {
                    break;
                }
                ids.extend_from_slice(v);
            }
            ids.sort_unstable();
            ids.dedup();
            sets.push(ids);
        }
        sets.sort_by_key(Vec::len);
        let mut cands = sets[0].clone();
        for s in &sets[1..] {
            cands.retain(|id| s.binary_search(id).is_ok());
        }
        let mut out = Vec::new();
        for id in cands {
            let slot = &self.slots[id as usize];
            if let Some(score) = score_words(&slot.words, &terms) {
                out.push((score, id));
            }
        }
        out
    }
}

/// How well the folded title words match the terms: `None` if some term matches nothing
/// (a stale index entry). Per term, the best over the titles: a whole word 30, a prefix 20,
/// plus 10 when it is the title's first word and it is the first term.
fn score_words(titles: &[Vec<String>; 3], terms: &[String]) -> Option<i64> {
    let mut total = 0;
    for (ti, t) in terms.iter().enumerate() {
        let mut best = None;
        for ws in titles {
            for (wi, w) in ws.iter().enumerate() {
                let s = if w == t {
                    30
                } else if w.starts_with(t.as_str()) {
                    20
                } else {
                    continue;
                };
                let s = s + if wi == 0 && ti == 0 { 10 } else { 0 };
                best = best.max(Some(s));
            }
        }
        total += best?;
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sym(s: &str) -> Symbol {
        Symbol::parse(s).unwrap()
    }

    fn entry(s: &str, date: &str, en: &str) -> Entry {
        Entry::new(sym(s), Source::Text).with_date(Date::parse_iso(date)).with_title(Lang::En, en)
    }

    #[test]
    fn precedence_per_language() {
        let mut c = Catalogue::new();
        let low = Entry::new(sym("A/RES/70/1"), Source::BuiltIn { line: 3 })
            .with_date(Date::parse_iso("2015-09"))
            .with_title(Lang::En, "Old English")
            .with_title(Lang::Fr, "Titre ancien");
        c.add(low, 0);
        let high = Entry::new(sym("a/res/70/1"), Source::File { path: "x.tsv".into(), line: 2 })
            .with_title(Lang::En, "New English");
        c.add(high, 10);
        let refine =
            Entry::new(sym("A/RES/70/1"), Source::BuiltIn { line: 4 }).with_date(Date::parse_iso("2015-09-25"));
        c.add(refine, 0);
        let lower =
            Entry::new(sym("A/RES/70/1"), Source::Text).with_title(Lang::Fr, "Ignoré").with_title(Lang::Es, "Nuevo");
        c.add(lower, -5);
        assert_eq!(c.len(), 1);
        let e = c.get(&sym("A/RES/70/1")).unwrap();
        assert_eq!(e.title(Lang::En), Some("New English"));
        assert_eq!(e.title(Lang::Fr), Some("Titre ancien"));
        assert_eq!(e.title(Lang::Es), Some("Nuevo"));
        assert_eq!(e.date.map(|d| d.to_string()).as_deref(), Some("2015-09-25"));
        assert_eq!(e.source, Source::File { path: "x.tsv".into(), line: 2 });
        assert_eq!(e.title_source(Lang::Fr), Some(&Source::BuiltIn { line: 3 }));
        assert_eq!(e.title_source(Lang::Es), Some(&Source::Text));
        // The old title's words are stale in the index but never found.
        assert!(c.search("old", 10).is_empty());
        assert_eq!(c.search("new", 10).len(), 1);
    }

    #[test]
    fn lookup_tolerates_missing_year_and_parts() {
        let mut c = Catalogue::new();
        c.add(entry("S/RES/2334 (2016)", "2016-12-23", "Middle East"), 0);
        c.add(entry("A/RES/217 A (III)", "1948-12-10", "Universal Declaration of Human Rights"), 0);
        c.add(entry("A/RES/2200 B (XXI)", "1966-12-16", "B"), 0);
        c.add(entry("A/RES/2200 A (XXI)", "1966-12-16", "A"), 0);
        let get = |s: &str| c.get(&sym(s)).map(|e| e.symbol.to_string());
        assert_eq!(get("S/RES/2334").as_deref(), Some("S/RES/2334 (2016)"));
        assert_eq!(get("S/RES/2334 (2017)"), None);
        assert_eq!(get("A/RES/217 (III)").as_deref(), Some("A/RES/217 A (III)"));
        assert_eq!(get("A/RES/217A(III)").as_deref(), Some("A/RES/217 A (III)"));
        assert_eq!(get("A/RES/2200 (XXI)").as_deref(), Some("A/RES/2200 A (XXI)"));
        assert_eq!(get("A/RES/2200 B (XXI)").as_deref(), Some("A/RES/2200 B (XXI)"));
        assert_eq!(get("A/RES/218 (III)"), None);
        assert_eq!(get("A/RES/2200 C (XXI)"), None);
        assert_eq!(get("A/RES/217 B (III)"), None);
        assert_eq!(c.get_exact(&sym("S/RES/2334")), None);
    }

    #[test]
    fn search_symbols_and_words() {
        let mut c = Catalogue::new();
        c.add(
            entry("A/RES/70/1", "2015-09-25", "Transforming our world: the 2030 Agenda for Sustainable Development"),
            0,
        );
        c.add(entry("A/RES/70/10", "2015-11-01", "Ten"), 0);
        c.add(entry("A/RES/70/100", "2015-12-01", "Hundred"), 0);
        c.add(entry("A/RES/71/1", "2016-09-19", "New York Declaration for Refugees and Migrants"), 0);
        c.add(
            entry(
                "A/RES/44/221",
                "1989-12",
                "Protection of global climate for present and future generations of mankind",
            ),
            0,
        );
        c.add(
            entry(
                "A/RES/77/165",
                "2022-12-14",
                "Protection of global climate for present and future generations of humankind",
            ),
            0,
        );
        c.add(
            Entry::new(sym("A/RES/217 A (III)"), Source::Text)
                .with_title(Lang::Fr, "Déclaration universelle des droits de l’homme"),
            0,
        );
        let s = |q: &str| c.search(q, 10).iter().map(|e| e.symbol.to_string()).collect::<Vec<_>>().join(", ");
        assert_eq!(s("A/RES/70/"), "A/RES/70/1, A/RES/70/10, A/RES/70/100");
        assert_eq!(s("70/1"), "A/RES/70/1, A/RES/70/10, A/RES/70/100");
        assert_eq!(s("a/res/71"), "A/RES/71/1");
        assert_eq!(s("217 a"), "A/RES/217 A (III)");
        assert_eq!(s("climate"), "A/RES/77/165, A/RES/44/221");
        assert_eq!(s("CLIMAT"), "A/RES/77/165, A/RES/44/221");
        assert_eq!(s("declaration"), "A/RES/217 A (III), A/RES/71/1");
        assert_eq!(s("déclaration universelle"), "A/RES/217 A (III)");
        assert_eq!(s("droits l'homme"), "A/RES/217 A (III)");
        assert_eq!(s("global climate mankind"), "A/RES/44/221");
        assert_eq!(s("2030"), "A/RES/70/1");
        assert_eq!(s("nothing-like-this"), "");
        assert_eq!(s(""), "");
    }
}
