//! UN document symbols: the canonical spelling, recognition in text, malformed symbols.
//!
//! The grammar is the one of the UN Editorial Manual and the Dag Hammarskjöld Library guides:
//! a series (`A/`, `S/`, `E/`, `CCPR/`, …), slash-separated components (`RES`, `CONF.157`,
//! `72`, `L.21`, `Rev.1`, …), and for some symbols a tail: the session of an old General
//! Assembly or ECOSOC resolution (`A/RES/217 A (III)`), the year of a Security Council
//! resolution (`S/RES/2334 (2016)`), a part or volume (`A/CONF.157/24 (Part I)`), part letters
//! (`A/RES/31/16 A`).

use std::fmt;
use std::sync::LazyLock;

use regex::Regex;

use super::fold::squash_spaces;
use crate::syntax::{Organ, Span};

macro_rules! re {
    ($name:ident, $pat:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| Regex::new($pat).unwrap());
    };
}

/// A document symbol in its canonical spelling: upper case except `Add.`, `Corr.`, `Rev.`,
/// `Sub.`, `Amend.`, `Summary`; one space before a parenthesised session, year, part or volume
/// and before part letters. Examples: `A/RES/70/1`, `A/RES/217 A (III)`, `S/RES/2334 (2016)`,
/// `A/HRC/RES/32/6`, `E/RES/2014/36`, `E/RES/1503 (XLVIII)`, `A/RES/31/16 A`,
/// `A/CONF.157/24 (Part I)`, `E/CN.4/Sub.2/2000/46`, `A/DEC/71/413 A and B`.
///
/// Every spelling [`Symbol::parse`] accepts for one document gives the same canonical symbol:
/// `A/RES/217A(III)`, `a/res/217 a (iii)` and `A/RES/217(III)[A]` all give `A/RES/217 A (III)`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Symbol(String);

impl fmt::Display for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for Symbol {
    type Err = String;
    fn from_str(s: &str) -> Result<Symbol, String> {
        Symbol::parse(s).ok_or_else(|| format!("not a UN document symbol: {s}"))
    }
}

/// The prefixes of resolution symbols, longest first, each with the organ that adopts them.
const RES_PREFIXES: [(&str, Option<Organ>); 5] = [
    ("A/HRC/RES/", Some(Organ::Hrc)),
    ("E/CN.4/RES/", Some(Organ::Ecosoc)),
    ("A/RES/", Some(Organ::Ga)),
    ("S/RES/", Some(Organ::Sc)),
    ("E/RES/", Some(Organ::Ecosoc)),
];

/// Words kept in mixed case in symbols.
const MIXED_CASE: [&str; 7] = ["Add", "Corr", "Rev", "Amend", "Sub", "Summary", "Annex"];

const PARTS: &str = r"[A-Z]{1,2}(?:(?:\s*,\s*[A-Z]{1,2})*(?:\s*,)?\s+(?:and|to)\s+[A-Z]{1,2}|\s*-\s*[A-Z]{1,2})?";

static GA_NEW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^A/RES/((?:S-|ES-)?[0-9]{{1,3}})/([0-9]{{1,4}})(?:\s*\[\s*([A-Z])\s*\]|\s+({PARTS}))?$"))
        .unwrap()
});
static GA_OLD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^A/RES/([0-9]{{1,5}})\s*(?:({PARTS})\s*)?\(\s*((?:S-|ES-)?[IVXLC]+)\s*\)(?:\s*\[\s*([A-Z])\s*\]|\s*({PARTS}))?$"
    ))
    .unwrap()
});
re!(SC, r"(?i)^S/RES/([0-9]{1,5})(?:\s*\(\s*([0-9]{4})\s*\))?$");
re!(HRC, r"(?i)^A/HRC/RES/((?:S-)?[0-9]{1,3})/([0-9]{1,4})$");
re!(ECOSOC, r"(?i)^E/RES/(?:([0-9]{4})/([0-9]{1,4})|([0-9]{1,5})\s*([A-Z])?\s*\(\s*([IVXLC]+)\s*\))$");
re!(CHR, r"(?i)^E/CN\.4/RES/([0-9]{4})/([0-9]{1,4})$");
re!(GENERIC_PAREN, r"(?i)^(.*?)\s*\(\s*(part|vol\.?)\s*([IVXLC]+|[0-9]{1,2})\s*\)$");
static GENERIC_PARTS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)^(.*/DEC/[^ ]*)\s+({PARTS})$")).unwrap());
re!(COMPONENT, r"(?i)^(?:(?:S-|ES-)?[0-9]{1,5}|([A-Z]{1,12})(?:\.([0-9]{1,5}|[IVXLC]{1,6}))?)$");

/// A number without a leading zero, within `max` digits.
fn plain_number(s: &str, max: usize) -> bool {
    !s.is_empty() && s.len() <= max && !s.starts_with('0') && s.bytes().all(|b| b.is_ascii_digit())
}

/// A session: `70`, `S-27`, `ES-10`, without a leading zero, up to two digits.
fn plain_session(s: &str, specials: &[&str]) -> Option<String> {
    let upper = s.to_ascii_uppercase();
    let (prefix, n) = match specials.iter().find(|p| upper.starts_with(**p)) {
        Some(p) => (*p, &upper[p.len()..]),
        None => ("", &upper[..]),
    };
    plain_number(n, 2).then(|| format!("{prefix}{n}"))
}

/// Part letters as written ("A", "A and B", "A, B and C", "A to D", "A-D") → the letters.
fn part_letters(s: &str) -> Option<Vec<String>> {
    let s = s.to_ascii_uppercase();
    let tokens: Vec<&str> =
        s.split(|c: char| c == ',' || c == '-' || c.is_whitespace()).filter(|t| !t.is_empty()).collect();
    let mut out: Vec<String> = Vec::new();
    let mut range = false;
    for t in tokens {
        match t {
            "AND" => {}
            "TO" => range = true,
            _ => {
                if range {
                    let (Some(a), Some(b)) = (out.last().and_then(|l| single(l)), single(t)) else {
                        return None;
                    };
                    if b <= a {
                        return None;
                    }
                    out.extend((a + 1..=b).map(|c| char::from(c).to_string()));
                    range = false;
                } else {
                    out.push(t.to_string());
                }
            }
        }
    }
    (!out.is_empty() && !range).then_some(out)
}

fn single(s: &str) -> Option<u8> {
    match s.as_bytes() {
        [c] if c.is_ascii_uppercase() => Some(*c),
        _ => None,
    }
}

/// Whether the text between letters said "to" or "-": a range "A-D" is read as "A to D".
fn parts_with_dash(s: &str) -> String {
    let t = s.trim();
    // "A-D" → "A to D" so that [`part_letters`] sees a range.
    match t.split_once('-') {
        Some((a, b)) if !a.contains(',') => format!("{} to {}", a.trim(), b.trim()),
        _ => t.to_string(),
    }
}

/// The canonical spelling of part letters: "A", "A and B", "A to D" (three or more
/// consecutive), "A, B and D".
fn format_parts(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [a] => a.clone(),
        [a, b] => format!("{a} and {b}"),
        _ => {
            let consecutive = parts.iter().all(|p| p.len() == 1)
                && parts.windows(2).all(|w| w[1].as_bytes()[0] == w[0].as_bytes()[0] + 1);
            if consecutive {
                format!("{} to {}", parts[0], parts[parts.len() - 1])
            } else {
                format!("{} and {}", parts[..parts.len() - 1].join(", "), parts[parts.len() - 1])
            }
        }
    }
}

fn parts_of(m: Option<regex::Match<'_>>) -> Option<Option<Vec<String>>> {
    match m {
        None => Some(None),
        Some(m) => part_letters(&parts_with_dash(m.as_str())).map(Some),
    }
}

fn with_parts(base: String, parts: &Option<Vec<String>>) -> String {
    match parts {
        Some(p) => format!("{base} {}", format_parts(p)),
        None => base,
    }
}

/// Removes what follows a symbol in a catalogue cell or a sentence: a final full stop, comma,
/// semicolon or colon, and an unbalanced closing parenthesis.
fn strip_trailing(s: &str) -> &str {
    let mut s = s.trim();
    loop {
        let before = s;
        s = s.trim_end_matches(['.', ',', ';', ':']).trim_end();
        if s.ends_with(')') && s.matches(')').count() > s.matches('(').count() {
            s = s[..s.len() - 1].trim_end();
        }
        if s == before {
            return s;
        }
    }
}

impl Symbol {
    /// Parses one symbol in any accepted spelling and returns its canonical form, or `None`
    /// if `s` is not a symbol. Case is ignored; spaces, no-break spaces and a final full stop
    /// are tolerated. Resolution symbols are checked against their grammar: `A/RES/70/01`
    /// (leading zero), `A/RES/123/1` (no such session) and `E/RES/14/36` are not symbols.
    pub fn parse(s: &str) -> Option<Symbol> {
        let squashed = squash_spaces(s);
        let s = strip_trailing(&squashed);
        if s.is_empty() || s.len() > 120 {
            return None;
        }
        let upper = s.to_ascii_uppercase();
        if upper.starts_with("A/RES/") {
            return parse_ga(s);
        }
        if let Some(c) = SC.captures(s) {
            let n = &c[1];
            if !plain_number(n, 4) {
                return None;
            }
            return match c.get(2) {
                Some(y) => {
                    let year: u16 = y.as_str().parse().ok()?;
                    (1946..2200).contains(&year).then(|| Symbol(format!("S/RES/{n} ({year})")))
                }
                None => Some(Symbol(format!("S/RES/{n}"))),
            };
        }
        if upper.starts_with("S/RES/") {
            return None;
        }
        if let Some(c) = HRC.captures(s) {
            let sess = plain_session(&c[1], &["S-"])?;
            return plain_number(&c[2], 3).then(|| Symbol(format!("A/HRC/RES/{sess}/{}", &c[2])));
        }
        if upper.starts_with("A/HRC/RES/") {
            return None;
        }
        if let Some(c) = ECOSOC.captures(s) {
            if let (Some(y), Some(n)) = (c.get(1), c.get(2)) {
                let year: u16 = y.as_str().parse().ok()?;
                return ((1946..2200).contains(&year) && plain_number(n.as_str(), 3))
                    .then(|| Symbol(format!("E/RES/{year}/{}", n.as_str())));
            }
            let n = c.get(3)?.as_str();
            let part = c.get(4).map(|p| format!(" {}", p.as_str().to_ascii_uppercase())).unwrap_or_default();
            let sess = c.get(5)?.as_str().to_ascii_uppercase();
            return plain_number(n, 4).then(|| Symbol(format!("E/RES/{n}{part} ({sess})")));
        }
        if upper.starts_with("E/RES/") {
            return None;
        }
        if let Some(c) = CHR.captures(s) {
            let year: u16 = c[1].parse().ok()?;
            return ((1946..2007).contains(&year) && plain_number(&c[2], 3))
                .then(|| Symbol(format!("E/CN.4/RES/{year}/{}", &c[2])));
        }
        parse_generic(s)
    }

    /// Parses a catalogue cell that may hold a joint symbol (`A/42/521-S/19085`,
    /// `A/HRC/10/42–E/CN.6/2009/7`): every symbol in it, or none if any part is not a symbol.
    pub fn parse_joint(s: &str) -> Vec<Symbol> {
        let s = s.trim();
        let mut pieces = Vec::new();
        let mut start = 0;
        for (i, c) in s.char_indices() {
            if matches!(c, '-' | '–' | '—') {
                let rest = s[i + c.len_utf8()..].trim_start();
                let series = rest.bytes().take_while(|b| b.is_ascii_alphabetic()).count();
                if (1..=8).contains(&series) && rest.as_bytes().get(series) == Some(&b'/') {
                    pieces.push(&s[start..i]);
                    start = i + c.len_utf8();
                }
            }
        }
        pieces.push(&s[start..]);
        let out: Option<Vec<Symbol>> = pieces.iter().map(|p| Symbol::parse(p)).collect();
        out.unwrap_or_default()
    }

    /// The canonical spelling.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is the symbol of a resolution (GA, SC, HRC, ECOSOC or the former
    /// Commission on Human Rights).
    pub fn is_resolution(&self) -> bool {
        RES_PREFIXES.iter().any(|(p, _)| self.0.starts_with(p))
    }

    /// The organ whose series the symbol belongs to: `A/HRC/…` the Human Rights Council, `A/…`
    /// the General Assembly, `S/…` the Security Council, `E/…` the Economic and Social Council
    /// (including its commissions); `None` for other series (`CCPR/C/…`, `ST/…`).
    pub fn organ(&self) -> Option<Organ> {
        let s = &self.0;
        if s.starts_with("A/HRC/") {
            Some(Organ::Hrc)
        } else if s.starts_with("A/") {
            Some(Organ::Ga)
        } else if s.starts_with("S/") {
            Some(Organ::Sc)
        } else if s.starts_with("E/") {
            Some(Organ::Ecosoc)
        } else {
            None
        }
    }

    /// How a resolution or GA decision is numbered in running text: `70/1`, `217 A (III)`,
    /// `2334 (2016)`, `32/6` (HRC), `2014/36` (ECOSOC), `72/544` (decision). `None` for other
    /// documents.
    pub fn number(&self) -> Option<&str> {
        RES_PREFIXES.iter().map(|(p, _)| *p).chain(["A/DEC/", "A/HRC/DEC/"]).find_map(|p| self.0.strip_prefix(p))
    }

    /// The Security Council resolution number and year (`S/RES/2334 (2016)` → `(2334, Some(2016))`).
    pub(crate) fn sc_parts(&self) -> Option<(u32, Option<u16>)> {
        let rest = self.0.strip_prefix("S/RES/")?;
        match rest.split_once(" (") {
            Some((n, y)) => Some((n.parse().ok()?, y.strip_suffix(')')?.parse().ok())),
            None => Some((rest.parse().ok()?, None)),
        }
    }

    /// The symbol without its part letters and without a Security Council year: the key under
    /// which spellings of one resolution that differ only in those are found
    /// (`A/RES/217 A (III)` → `A/RES/217 (III)`, `S/RES/2334 (2016)` → `S/RES/2334`).
    pub fn base(&self) -> Symbol {
        if let Some((n, _)) = self.sc_parts() {
            return Symbol(format!("S/RES/{n}"));
        }
        let s = &self.0;
        if let Some(open) = s.find(" (")
            && (s.starts_with("A/RES/") || s.starts_with("E/RES/"))
        {
            let head = s[..open].split(' ').next().unwrap_or_default();
            return Symbol(format!(
                "{head}{}",
                s[open..].split(')').next().map(|x| format!("{x})")).unwrap_or_default()
            ));
        }
        if (s.starts_with("A/RES/") || s.starts_with("A/DEC/"))
            && let Some((head, _)) = s.split_once(' ')
        {
            return Symbol(head.to_string());
        }
        self.clone()
    }

    /// The part letters of a lettered resolution (`A/RES/31/16 A` → `["A"]`).
    pub fn parts(&self) -> Vec<String> {
        let s = &self.0;
        if !(s.starts_with("A/RES/") || s.starts_with("A/DEC/") || s.starts_with("E/RES/")) {
            return Vec::new();
        }
        let head = s.split(" (").next().unwrap_or(s);
        match head.split_once(' ') {
            Some((_, p)) => part_letters(p).unwrap_or_default(),
            None => Vec::new(),
        }
    }

    /// The spelling used in undocs.org and documents.un.org paths: no spaces
    /// (`S/RES/2334(2016)`, `A/RES/217A(III)`, `A/CONF.157/24(PartI)`); several part letters
    /// are dropped (the document holds them all).
    pub fn url_form(&self) -> String {
        let parts = self.parts();
        let s = if parts.len() > 1 { self.base().0 } else { self.0.clone() };
        s.chars().filter(|c| !c.is_whitespace()).collect()
    }

    /// A symbol from its canonical spelling, trusted (used by the catalogue for stored keys).
    pub(crate) fn from_canonical(s: String) -> Symbol {
        Symbol(s)
    }
}

fn parse_ga(s: &str) -> Option<Symbol> {
    if let Some(c) = GA_NEW.captures(s) {
        let sess = plain_session(&c[1], &["S-", "ES-"])?;
        let n = &c[2];
        if !plain_number(n, 3) {
            return None;
        }
        let parts = match c.get(3) {
            Some(dl) => Some(vec![dl.as_str().to_ascii_uppercase()]),
            None => parts_of(c.get(4))?,
        };
        return Some(Symbol(with_parts(format!("A/RES/{sess}/{n}"), &parts)));
    }
    if let Some(c) = GA_OLD.captures(s) {
        let n = &c[1];
        if !plain_number(n, 4) {
            return None;
        }
        let before = parts_of(c.get(2))?;
        let after = match c.get(4) {
            Some(dl) => Some(vec![dl.as_str().to_ascii_uppercase()]),
            None => parts_of(c.get(5))?,
        };
        let parts = before.or(after);
        let sess = c[3].to_ascii_uppercase();
        return Some(Symbol(format!("{} ({sess})", with_parts(format!("A/RES/{n}"), &parts))));
    }
    None
}

fn parse_generic(s: &str) -> Option<Symbol> {
    let mut core = s.to_string();
    let mut tail = String::new();
    if let Some(c) = GENERIC_PAREN.captures(s) {
        let word = if c[2].to_ascii_lowercase().starts_with("part") { "Part" } else { "Vol." };
        tail = format!(" ({word} {})", c[3].to_ascii_uppercase());
        core = c[1].to_string();
    } else if let Some(c) = GENERIC_PARTS.captures(s) {
        let parts = part_letters(&parts_with_dash(&c[2]))?;
        tail = format!(" {}", format_parts(&parts));
        core = c[1].to_string();
    }
    let (core, star) = match core.strip_suffix('*') {
        Some(c) => (c.to_string(), "*"),
        None => (core, ""),
    };
    let comps: Vec<&str> = core.split('/').collect();
    if comps.len() < 2 || !core.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let series = comps[0];
    if !(1..=8).contains(&series.len()) || !series.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let mut out = String::with_capacity(core.len() + tail.len());
    for (i, comp) in comps.iter().enumerate() {
        let c = COMPONENT.captures(comp)?;
        if i > 0 {
            out.push('/');
        }
        match c.get(1) {
            Some(word) => {
                let w = word.as_str();
                match MIXED_CASE.iter().find(|m| m.eq_ignore_ascii_case(w)) {
                    // "Add", "Rev" … without their number are incomplete.
                    Some(m) if *m != "Summary" && c.get(2).is_none() => return None,
                    Some(m) => out.push_str(m),
                    None => out.push_str(&w.to_ascii_uppercase()),
                }
                if let Some(n) = c.get(2) {
                    out.push('.');
                    out.push_str(&n.as_str().to_ascii_uppercase());
                }
            }
            None => out.push_str(&comp.to_ascii_uppercase()),
        }
    }
    out.push_str(star);
    out.push_str(&tail);
    Some(Symbol(out))
}

/// A symbol found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SymbolMatch {
    /// Where the symbol is written, tail included (`S/RES/2334 (2016)`).
    pub span: Span,
    pub symbol: Symbol,
}

/// Series recognised in running text. Lower-case symbols and other series are not taken from
/// text (too many false positives: "and/or", "N/A"), though [`Symbol::parse`] accepts them.
const SERIES: &str = "A|S|E|T|ST|CCPR|CERD|CEDAW|CRC|CAT|CRPD|CMW|CED|HRI|DP|TD|UNEP|CD|FCCC|ECE|UNW|BWC|NPT|UNCTAD|ICCD|APLC|CCW|CTBT|UNICEF|UNHCR|UNDP|UNFPA|WFP|OPCW|ICC|ISBA|SPLOS|ITLOS|UNCITRAL|ESCAP|ECLAC|ECA|ESCWA|LC";
const COMP: &str = r"(?:(?:S-|ES-)?[0-9]{1,5}|(?:Add|Corr|Rev|Amend|Sub|Annex)\.[0-9]{1,4}|Summary|[A-Z]{1,12}(?:\.(?:[0-9]{1,5}|[IVXLC]{1,6}))?)";
const TAIL: &str = r"(?:\s?(?:[A-Z](?:\sand\s[A-Z])?\s?)?\((?:S-|ES-)?[IVXLC]+\)(?:\[\s?[A-Z]\s?\])?|\s?\((?:19|20)[0-9]{2}\)|\s\((?:Part|Vol\.)\s[IVXLC0-9]{1,4}\)|\[\s?[A-Z]\s?\]|\s[A-Z](?:(?:,\s[A-Z])*(?:\sand\s|\sto\s|-)[A-Z])?\b)";

static SYMBOL_IN_TEXT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"\b((?:{SERIES})(?:/{COMP}\*?)+)({TAIL})?")).unwrap());
re!(
    URL,
    r#"(?i)(?:\b(?:https?|ftp)://|\bwww\.|\b(?:undocs\.org|(?:docs|documents|digitallibrary|daccess-ods|www)\.un\.org)/)[^\s<>"]*"#
);

/// The spans of URLs in `text` (symbols inside them are not citations).
pub(crate) fn url_spans(text: &str) -> Vec<Span> {
    URL.find_iter(text).map(|m| Span::new(m.start(), m.end())).collect()
}

fn inside(spans: &[Span], s: Span) -> bool {
    spans.iter().any(|u| s.start < u.end && u.start < s.end)
}

/// Characters that glue a symbol to what precedes it (`un.org/A/RES/70/1`, `xA/RES/1`).
fn glued_before(text: &str, start: usize) -> bool {
    match text[..start].chars().next_back() {
        None => false,
        Some(c) => {
            c.is_alphanumeric() || matches!(c, '/' | '.' | '_' | '\\' | '@' | '#' | '=' | '&' | '?' | '%' | '+' | '~')
        }
    }
}

/// Whether the symbol continues in a way the grammar does not know (`A/RES/70/1x`,
/// `A/RES/70/12345`, `A/72/1/abc`).
fn glued_after(text: &str, end: usize) -> bool {
    let mut rest = text[end..].chars();
    match rest.next() {
        None => false,
        Some(c) if c.is_alphanumeric() || c == '_' => true,
        Some('/') => rest.next().is_some_and(|c| c.is_alphanumeric()),
        Some(_) => false,
    }
}

/// Every symbol candidate in `text`: (span of the whole match, its text, span of the core
/// without tail).
fn candidates(text: &str) -> impl Iterator<Item = (Span, Span)> + '_ {
    SYMBOL_IN_TEXT.captures_iter(text).filter_map(move |c| {
        let all = c.get(0)?;
        let core = c.get(1)?;
        if glued_before(text, all.start()) {
            return None;
        }
        Some((Span::new(all.start(), all.end()), Span::new(core.start(), core.end())))
    })
}

/// Every document symbol written in `text`, in order, outside URLs. A symbol whose tail does
/// not fit it is taken without the tail (`A/71/53 (2016)` gives `A/71/53`). Symbols that do not
/// follow the grammar (`A/RES/70/01`) are left to [`find_malformed`].
pub fn find_symbols(text: &str) -> Vec<SymbolMatch> {
    let urls = url_spans(text);
    let mut out = Vec::new();
    for (all, core) in candidates(text) {
        if inside(&urls, all) {
            continue;
        }
        let found = [all, core].into_iter().find_map(|span| {
            let sym = Symbol::parse(&text[span.range()])?;
            (!glued_after(text, span.end)).then_some(SymbolMatch { span, symbol: sym })
        });
        out.extend(found);
    }
    out
}

/// A symbol written wrongly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed {
    pub span: Span,
    /// What is wrong, for a `malformed-symbol` diagnostic.
    pub message: String,
    /// The corrected spelling, when there is one (for a quick fix).
    pub replacement: Option<String>,
}

re!(MISSING_SLASH, r"\b(A/HRC|A|S|E)/RES\s?((?:S-|ES-)?[0-9]{1,4}(?:/[0-9]{1,4})?(?:\s?\((?:19|20)[0-9]{2}\))?)");
re!(LOWER_RES, r"\b(?i:a/hrc|a|s|e)/(?i:res)/[0-9SEse][0-9A-Za-z/\-]*(?:\s?\((?:19|20)[0-9]{2}\))?");
re!(LEADING_ZERO, r"(^|[/ (-])0+([0-9])");

/// Symbols written against the grammar, for a `malformed-symbol` warning:
/// - a leading zero (`A/RES/70/01` → `A/RES/70/1`);
/// - a missing slash (`A/RES70/1`, `S/RES 2334 (2016)`);
/// - a Security Council resolution without its year (`S/RES/2334` → `S/RES/2334 (2016)` when
///   the built-in catalogue knows the year; a larger catalogue can supply it with
///   [`super::Catalogue::get`], which finds `S/RES/2334 (2016)` for `S/RES/2334`);
/// - a resolution symbol in lower case (`a/res/70/1`);
/// - any other resolution symbol that does not parse (`A/RES/123/1`).
///
/// Symbols inside URLs are ignored.
pub fn find_malformed(text: &str) -> Vec<Malformed> {
    let urls = url_spans(text);
    let mut out: Vec<Malformed> = Vec::new();
    let push = |out: &mut Vec<Malformed>, span: Span, message: String, replacement: Option<String>| {
        if !inside(&urls, span) && !glued_before(text, span.start) {
            out.push(Malformed { span, message, replacement });
        }
    };
    for c in MISSING_SLASH.captures_iter(text) {
        let all = c.get(0).map_or(Span::default(), |m| Span::new(m.start(), m.end()));
        let fixed = Symbol::parse(&format!("{}/RES/{}", &c[1], &c[2]));
        let msg = match &fixed {
            Some(f) => format!("missing “/” after RES: write {f}"),
            None => "missing “/” after RES".to_string(),
        };
        push(&mut out, all, msg, fixed.map(|f| f.to_string()));
    }
    for c in LOWER_RES.find_iter(text) {
        let s = c.as_str();
        let res_end = s.to_ascii_lowercase().find("/res/").map_or(0, |i| i + 5);
        if !s[..res_end].bytes().any(|b| b.is_ascii_lowercase()) {
            continue;
        }
        let span = Span::new(c.start(), c.end());
        let fixed = Symbol::parse(s);
        let msg = match &fixed {
            Some(f) => format!("symbols are written in capitals: {f}"),
            None => "symbols are written in capitals".to_string(),
        };
        push(&mut out, span, msg, fixed.map(|f| f.to_string()));
    }
    let unzero = |x: &str| Symbol::parse(&LEADING_ZERO.replace_all(x, "$1$2"));
    for (all, core) in candidates(text) {
        let s = &text[core.range()];
        if !RES_PREFIXES.iter().any(|(p, _)| s.starts_with(p)) {
            continue;
        }
        let whole = &text[all.range()];
        if Symbol::parse(whole).is_some() || Symbol::parse(s).is_some() {
            continue;
        }
        let fix = if LEADING_ZERO.is_match(s) {
            unzero(whole).map(|f| (all, f)).or_else(|| unzero(s).map(|f| (core, f)))
        } else {
            None
        };
        match fix {
            Some((span, f)) => {
                push(&mut out, span, format!("leading zero in a symbol: write {f}"), Some(f.to_string()))
            }
            None => push(&mut out, core, format!("{s} is not a valid resolution symbol"), None),
        }
    }
    for m in find_symbols(text) {
        if let Some((n, None)) = m.symbol.sc_parts() {
            let known = super::builtin().sc_by_number(n).map(|e| e.symbol.to_string());
            let msg = match &known {
                Some(k) => format!("a Security Council resolution symbol gives the year: {k}"),
                None => format!("a Security Council resolution symbol gives the year: {} (YYYY)", m.symbol),
            };
            push(&mut out, m.span, msg, known);
        }
    }
    out.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    let mut kept: Vec<Malformed> = Vec::new();
    for m in out {
        if kept.last().is_none_or(|k| m.span.start >= k.span.end) {
            kept.push(m);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(s: &str) -> String {
        Symbol::parse(s).map_or_else(|| "-".to_string(), |s| s.to_string())
    }

    #[test]
    fn canonical_spellings() {
        let cases = [
            ("A/RES/70/1", "A/RES/70/1"),
            ("a/res/70/1", "A/RES/70/1"),
            ("A/RES/217 A (III)", "A/RES/217 A (III)"),
            ("A/RES/217A(III)", "A/RES/217 A (III)"),
            ("A/RES/217(III)[A]", "A/RES/217 A (III)"),
            ("A/RES/1978(XVIII)[ B ]", "A/RES/1978 B (XVIII)"),
            ("A/RES/2758(XXVI) A", "A/RES/2758 A (XXVI)"),
            ("A/RES/217 (III)", "A/RES/217 (III)"),
            ("A/RES/3201 (S-VI)", "A/RES/3201 (S-VI)"),
            ("A/RES/2252 (ES-V)", "A/RES/2252 (ES-V)"),
            ("A/RES/3411 A and B (XXX)", "A/RES/3411 A and B (XXX)"),
            ("A/RES/ES-10/19", "A/RES/ES-10/19"),
            ("A/RES/S-27/2", "A/RES/S-27/2"),
            ("A/RES/31/16 A", "A/RES/31/16 A"),
            ("A/RES/78/80[A]", "A/RES/78/80 A"),
            ("A/RES/31/6 A and B", "A/RES/31/6 A and B"),
            ("S/RES/2334 (2016)", "S/RES/2334 (2016)"),
            ("S/RES/2334(2016)", "S/RES/2334 (2016)"),
            ("S/RES/2334", "S/RES/2334"),
            ("A/HRC/RES/32/6", "A/HRC/RES/32/6"),
            ("A/HRC/RES/S-29/1", "A/HRC/RES/S-29/1"),
            ("E/RES/2014/36", "E/RES/2014/36"),
            ("E/RES/1503(XLVIII)", "E/RES/1503 (XLVIII)"),
            ("E/CN.4/RES/2005/69", "E/CN.4/RES/2005/69"),
            ("A/72/439/Add.2", "A/72/439/Add.2"),
            ("a/72/439/add.2", "A/72/439/Add.2"),
            ("A/CONF.157/24 (Part I)", "A/CONF.157/24 (Part I)"),
            ("A/CONF.157/24(PartI)", "A/CONF.157/24 (Part I)"),
            ("A/CONF.151/26 (Vol. I)", "A/CONF.151/26 (Vol. I)"),
            ("E/CN.4/2001/2", "E/CN.4/2001/2"),
            ("E/CN.4/Sub.2/2000/46", "E/CN.4/Sub.2/2000/46"),
            ("E/CN.4/Sub.2/AC.2/1987/WP.4/Add.1", "E/CN.4/Sub.2/AC.2/1987/WP.4/Add.1"),
            ("A/C.3/72/L.21/Rev.1", "A/C.3/72/L.21/Rev.1"),
            ("S/PV.7853", "S/PV.7853"),
            ("A/72/1*", "A/72/1*"),
            ("CCPR/C/GC/36", "CCPR/C/GC/36"),
            ("BWC/CONF.IX/9", "BWC/CONF.IX/9"),
            ("A/DEC/71/546 A, B and C", "A/DEC/71/546 A to C"),
            ("A/DEC/73/408 A-C", "A/DEC/73/408 A to C"),
            ("A/DEC/74/559.", "A/DEC/74/559"),
            ("A/HRC/WG.6/2/L.1;", "A/HRC/WG.6/2/L.1"),
            ("A/HRC/45/16/Add.2)", "A/HRC/45/16/Add.2"),
            ("A/RES/70/\u{a0}1", "-"),
            ("A/RES/70/01", "-"),
            ("A/RES/123/1", "-"),
            ("A/RES/70", "-"),
            ("A/RES/70/", "-"),
            ("A/RES/217", "-"),
            ("A/RES/217 (3)", "-"),
            ("S/RES/(2016)", "-"),
            ("S/RES/0334 (2016)", "-"),
            ("A/HRC/RES/32", "-"),
            ("E/RES/14/36", "-"),
            ("24/7", "-"),
            ("1/2", "-"),
            ("N/A", "-"),
            ("", "-"),
            ("A/HRC/44/50/Add", "-"),
        ];
        let mut bad = Vec::new();
        for (input, want) in cases {
            if canon(input) != want {
                bad.push(format!("{input:?}: got {:?}, want {want:?}", canon(input)));
            }
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }

    #[test]
    fn joint_symbols() {
        let j = Symbol::parse_joint("A/HRC/10/42–E/CN.6/2009/7");
        assert_eq!(j.iter().map(Symbol::as_str).collect::<Vec<_>>(), ["A/HRC/10/42", "E/CN.6/2009/7"]);
        assert_eq!(Symbol::parse_joint("A/RES/ES-10/19").len(), 1);
        assert_eq!(Symbol::parse_joint("A/42/521-S/19085").len(), 2);
        assert!(Symbol::parse_joint("A/42/521-nonsense/").is_empty());
    }

    #[test]
    fn numbers_bases_parts_urls() {
        let s = |x: &str| Symbol::parse(x).unwrap();
        assert_eq!(s("A/RES/70/1").number(), Some("70/1"));
        assert_eq!(s("A/RES/217 A (III)").number(), Some("217 A (III)"));
        assert_eq!(s("S/RES/2334 (2016)").number(), Some("2334 (2016)"));
        assert_eq!(s("A/HRC/RES/32/6").number(), Some("32/6"));
        assert_eq!(s("A/72/439").number(), None);
        assert_eq!(s("A/RES/217 A (III)").base().as_str(), "A/RES/217 (III)");
        assert_eq!(s("A/RES/3411 A and B (XXX)").base().as_str(), "A/RES/3411 (XXX)");
        assert_eq!(s("A/RES/31/16 A").base().as_str(), "A/RES/31/16");
        assert_eq!(s("S/RES/2334 (2016)").base().as_str(), "S/RES/2334");
        assert_eq!(s("A/CONF.157/24 (Part I)").base().as_str(), "A/CONF.157/24 (Part I)");
        assert_eq!(s("A/RES/3419 A to D (XXX)").parts(), ["A", "B", "C", "D"]);
        assert_eq!(s("S/RES/2334 (2016)").url_form(), "S/RES/2334(2016)");
        assert_eq!(s("A/RES/217 A (III)").url_form(), "A/RES/217A(III)");
        assert_eq!(s("A/RES/3411 A and B (XXX)").url_form(), "A/RES/3411(XXX)");
        assert_eq!(s("A/CONF.157/24 (Part I)").url_form(), "A/CONF.157/24(PartI)");
        assert_eq!(s("A/HRC/RES/32/6").organ(), Some(Organ::Hrc));
        assert_eq!(s("E/CN.4/2001/2").organ(), Some(Organ::Ecosoc));
        assert_eq!(s("CCPR/C/GC/36").organ(), None);
        assert!(s("E/CN.4/RES/2005/69").is_resolution());
        assert!(!s("S/PV.7853").is_resolution());
    }

    fn show(text: &str) -> String {
        find_symbols(text).iter().map(|m| format!("{}..{} {}\n", m.span.start, m.span.end, m.symbol)).collect()
    }

    #[test]
    fn symbols_in_text() {
        let text = "See A/RES/70/1, A/RES/217 A (III) and the old A/RES/217A(III); A/RES/ES-10/19, S/RES/2334 (2016), \
                    A/HRC/RES/32/6, E/RES/2014/36, A/72/439/Add.2, A/CONF.157/24 (Part I), E/CN.4/2001/2, \
                    E/CN.4/Sub.2/2000/46, A/C.3/72/L.21/Rev.1 and S/PV.7853. Also A/42/521-S/19085, annex.";
        expect_test::expect![[r#"
            4..14 A/RES/70/1
            16..33 A/RES/217 A (III)
            46..61 A/RES/217 A (III)
            63..77 A/RES/ES-10/19
            79..96 S/RES/2334 (2016)
            98..112 A/HRC/RES/32/6
            114..127 E/RES/2014/36
            129..143 A/72/439/Add.2
            145..167 A/CONF.157/24 (Part I)
            169..182 E/CN.4/2001/2
            184..204 E/CN.4/Sub.2/2000/46
            206..225 A/C.3/72/L.21/Rev.1
            230..239 S/PV.7853
            246..254 A/42/521
            255..262 S/19085
        "#]]
        .assert_eq(&show(text));
    }

    #[test]
    fn not_symbols() {
        for text in [
            "https://undocs.org/A/RES/70/1",
            "see undocs.org/en/A/RES/70/1 and www.un.org/S/RES/2334(2016)",
            "[link](https://undocs.org/S/RES/2334(2016))",
            "open 24/7, 1/2 of them, N/A, and/or, HIV/AIDS, A/RES, A/B testing",
            "paragraph 70/1",
            "xA/RES/70/1 and A/RES/70/1x and A/RES/70/12345",
            "a/res/70/1",
        ] {
            assert_eq!(show(text), "", "{text}");
        }
    }

    #[test]
    fn symbol_tails_that_do_not_fit() {
        // A year after a document that is not a Security Council resolution stays outside.
        assert_eq!(show("A/71/53 (2016)"), "0..7 A/71/53\n");
        // Part letters only on resolutions and decisions.
        assert_eq!(show("A/72/439 A and B"), "0..8 A/72/439\n");
        assert_eq!(show("A/RES/31/16 A and B"), "0..19 A/RES/31/16 A and B\n");
        // Byte offsets after astral and accented characters.
        assert_eq!(show("𝔄é « S/RES/1 »"), "10..17 S/RES/1\n");
    }

    fn show_malformed(text: &str) -> String {
        find_malformed(text)
            .iter()
            .map(|m| {
                format!(
                    "{}..{} {:?}: {} → {:?}\n",
                    m.span.start,
                    m.span.end,
                    &text[m.span.range()],
                    m.message,
                    m.replacement
                )
            })
            .collect()
    }

    #[test]
    fn malformed_symbols() {
        expect_test::expect![[r#"
            0..11 "A/RES/70/01": leading zero in a symbol: write A/RES/70/1 → Some("A/RES/70/1")
            13..22 "A/RES70/1": missing “/” after RES: write A/RES/70/1 → Some("A/RES/70/1")
            24..34 "S/RES/2334": a Security Council resolution symbol gives the year: S/RES/2334 (2016) → Some("S/RES/2334 (2016)")
            36..44 "S/RES/99": a Security Council resolution symbol gives the year: S/RES/99 (YYYY) → None
            46..56 "a/res/70/1": symbols are written in capitals: A/RES/70/1 → Some("A/RES/70/1")
            58..69 "A/RES/123/1": A/RES/123/1 is not a valid resolution symbol → None
            71..88 "S/RES 2334 (2016)": missing “/” after RES: write S/RES/2334 (2016) → Some("S/RES/2334 (2016)")
        "#]]
        .assert_eq(&show_malformed(
            "A/RES/70/01, A/RES70/1, S/RES/2334, S/RES/99, a/res/70/1, A/RES/123/1, S/RES 2334 (2016). Fine: A/RES/70/1, S/RES/2334 (2016), https://undocs.org/a/res/70/01, https://undocs.org/S/RES/2334",
        ));
    }
}
