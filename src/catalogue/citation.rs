//! Citations of resolutions in running text ("its resolution 70/1 of 25 September 2015",
//! « la résolution 32/6 du Conseil des droits de l’homme, en date du 30 juin 2016 »,
//! "su resolución 70/1, de 25 de septiembre de 2015") and bare symbols.
//!
//! A citation starts at the word resolution / résolution / resolución (singular or plural,
//! any case) and continues over a list of numbers (joined by commas and and / et / y), each
//! with its date and organ, and a title in quotation marks after the last one. A bare N/M is
//! read only there. The organ is read, in order of strength, from:
//! - a year in parentheses: the Security Council;
//! - an organ named after the number (« de l’Assemblée générale », "del Consejo de Derechos
//!   Humanos"; after the last of a list it names the organ of them all) or before it ("Human
//!   Rights Council resolution", « les résolutions du Conseil des droits de l’homme 30/27 »);
//! - a possessive (its / sa / ses / su / sus) or "Council" alone: the drafting organ, or the
//!   organ just named ("the Human Rights Council, in its resolution").
//!
//! Without an organ, N/M is the General Assembly's, YYYY/M the Economic and Social Council's.
//! A bare number without a year ("Security Council resolution 2334", « la résolution 2334 du
//! Conseil de sécurité », "resolución 2334 del Consejo de Seguridad") is read only where the
//! Security Council is named, before it or after it (or after the list it ends); it cites
//! `S/RES/2334`, which the catalogue completes with the year.
//! An N/M that no organ names must also fit the body it is given: General Assembly symbols
//! carry the session from the 31st (1976), and a date must fall in the session's years; the
//! Human Rights Council started in 2006 with about three sessions a year. "its resolution
//! 22/13 of 21 March 2013" is thus the Council's, and "resolution 14/221" nobody's.
//!
//! Resolutions of other bodies are left out: "World Health Assembly resolution",
//! "Commission on Narcotic Drugs resolution", « résolution 4/6 de l’Assemblée des Nations
//! Unies pour l’environnement ».

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::date::{Date, month_number};
use super::fold::floor_boundary;
use super::symbol::{Symbol, find_symbols};
use crate::syntax::{Lang, Organ, Span};

/// A reference to a document found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// The whole citation: from the possessive or organ that introduces it ("its resolution",
    /// "Human Rights Council resolution") for the first of a list, from the number for the
    /// others, to the end of its date, organ and title. Citations do not overlap, with one
    /// exception: the letters a range leaves unwritten ("3419 A to D (XXX)" cites B and C)
    /// share the span of the range word ("to").
    ///
    /// Lettered resolutions are cited one citation per letter: in "31/6 A and B" the first
    /// spans "31/6 A", the second "B"; the date and title, given once, go to each.
    pub span: Span,
    pub symbol: Symbol,
    /// The number as written ("70/1", "217 A (III)", "2334 (2016)") or the symbol.
    pub number_span: Span,
    /// The date given in the text, if any. A year given once for several dates ("of 22
    /// October, … and 27 October 1973") or the year of a Security Council number completes a
    /// date written without one.
    pub date: Option<Date>,
    /// Where the date is written; for a French date list after a list of numbers (« en date
    /// des 20 novembre 2006, 20 septembre 2013 et 23 juillet 2018 ») it lies after the span.
    pub date_span: Option<Span>,
    /// The title given in the text in quotation marks, without the marks, and its span.
    pub title: Option<(String, Span)>,
    pub kind: CitationKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CitationKind {
    /// A citation in words: "resolution 70/1", « résolution 217 A (III) ».
    Text,
    /// A document symbol written as such: "A/RES/70/1", "A/CONF.157/24 (Part I)".
    Symbol,
}

/// Bodies that adopt resolutions; `Council` is "the Council" without a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Body {
    Ga,
    Sc,
    Hrc,
    Ecosoc,
    Chr,
    Council,
    Drafting,
    /// Another body: the World Health Assembly, a Commission on Narcotic Drugs, UNEA…
    Other,
}

fn body_of(organ: Organ) -> Body {
    match organ {
        Organ::Ga => Body::Ga,
        Organ::Sc => Body::Sc,
        Organ::Hrc => Body::Hrc,
        Organ::Ecosoc => Body::Ecosoc,
    }
}

/// The body a word points to, given the drafting organ.
fn resolve(body: Body, drafting: Option<Organ>) -> Option<Body> {
    match body {
        Body::Drafting => drafting.map(body_of),
        Body::Council => match drafting {
            Some(o @ (Organ::Sc | Organ::Hrc | Organ::Ecosoc)) => Some(body_of(o)),
            _ => None,
        },
        b => Some(b),
    }
}

macro_rules! re {
    ($name:ident, $pat:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| Regex::new($pat).unwrap());
    };
}

const MONTHS_EN: &str = "January|February|March|April|May|June|July|August|September|October|November|December";
const MONTHS_FR: &str = "janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre";
const MONTHS_ES: &str =
    "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre";
const APOS: &str = "['’ʼ]";

re!(TRIGGER_EN, r"(?i)\bresolutions?\b");
re!(TRIGGER_FR, r"(?i)\br[ée]solutions?\b");
re!(TRIGGER_ES, r"(?i)\bresoluci(?:ó|o)n(?:es)?\b");

re!(
    BEFORE_EN,
    r"(?i)(?:^|[^\p{L}])(general\s+assembly|security\s+council|human\s+rights\s+council|economic\s+and\s+social\s+council|commission\s+on\s+human\s+rights|council|assembly|its)(?:\s+(?:previous|relevant|earlier|prior|own|other|subsequent|related|further|latest|recent|most\s+recent|numerous|various|several|last))*\s*$"
);
re!(
    BEFORE_FR,
    r"(?i)(?:^|[^\p{L}])(sa|ses|leur|leurs)(?:\s+(?:précédentes?|propres?|anciennes?|dernières?|récentes?|nombreuses))*\s*$"
);
re!(
    BEFORE_ES,
    r"(?i)(?:^|[^\p{L}])(su|sus)(?:\s+(?:anteriores|anterior|propias?|últimas?|recientes|numerosas|diversas))*\s*$"
);
// "the Human Rights Council, in its resolution": the organ "its" refers to.
re!(
    IN_ITS_EN,
    r"(?i)(general\s+assembly|security\s+council|human\s+rights\s+council|economic\s+and\s+social\s+council|commission\s+on\s+human\s+rights|council|assembly)\s*,?\s+(?:in|by|through|under)\s+its(?:\s+\p{L}+)?\s*$"
);
static IN_ITS_FR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(l{APOS}\s?Assemblée\s+générale|le\s+Conseil\s+de\s+sécurité|le\s+Conseil\s+des\s+droits\s+de\s+l{APOS}\s?homme|le\s+Conseil\s+économique\s+et\s+social|la\s+Commission\s+des\s+droits\s+de\s+l{APOS}\s?homme|l{APOS}\s?Assemblée|le\s+Conseil)\s*,?\s+(?:dans|par)\s+(?:sa|ses|leur|leurs)(?:\s+\p{{L}}+)?\s*$"
    ))
    .unwrap()
});
re!(
    IN_ITS_ES,
    r"(?i)(la\s+Asamblea\s+General|el\s+Consejo\s+de\s+Seguridad|el\s+Consejo\s+de\s+Derechos\s+Humanos|el\s+Consejo\s+Económico\s+y\s+Social|la\s+Comisión\s+de\s+Derechos\s+Humanos|la\s+Asamblea|el\s+Consejo)\s*,?\s+(?:en|por|mediante)\s+(?:su|sus)(?:\s+\p{L}+)?\s*$"
);

re!(ADJ_FR, r"(?i)^\s+(?:antérieures?|précédentes?|pertinentes?|susmentionnées?|susvisées?)\b");
re!(ADJ_ES, r"(?i)^\s+(?:anteriores|anterior|pertinentes?|mencionadas?|antes\s+mencionadas?)\b");

re!(
    ORGAN_EN,
    r"(?i)^,?\s+of\s+the\s+(?:(general\s+assembly)|(security\s+council)|(human\s+rights\s+council)|(economic\s+and\s+social\s+council)|(commission\s+on\s+human\s+rights)|(assembly)|(council))"
);
static ORGAN_FR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^,?\s+(?:(de\s+l{APOS}\s?Assemblée\s+générale)|(du\s+Conseil\s+de\s+sécurité)|(du\s+Conseil\s+des\s+droits\s+de\s+l{APOS}\s?homme)|(du\s+Conseil\s+économique\s+et\s+social)|(de\s+la\s+Commission\s+des\s+droits\s+de\s+l{APOS}\s?homme)|(de\s+l{APOS}\s?Assemblée)|(du\s+Conseil))"
    ))
    .unwrap()
});
re!(
    ORGAN_ES,
    r"(?i)^,?\s+(?:(de\s+la\s+Asamblea\s+General)|(del\s+Consejo\s+de\s+Seguridad)|(del\s+Consejo\s+de\s+Derechos\s+Humanos)|(del\s+Consejo\s+Económico\s+y\s+Social)|(de\s+la\s+Comisión\s+de\s+Derechos\s+Humanos)|(de\s+la\s+Asamblea)|(del\s+Consejo))"
);
// A body that is none of ours, named after the number: « de l’Assemblée des Nations Unies pour
// l’environnement », "del Consejo Ejecutivo", "of the Conference of the Parties".
re!(
    OTHER_FR,
    r"^,?\s+(?:de\s+l['’ʼ]\s?|du\s+|de\s+la\s+|des\s+)(?:Assemblée|Conseil|Commission|Conférence|Comité|Organisation|Réunion|Forum|Sommet|Union|Ligue|Groupe|Programme|Fonds|Office)"
);
re!(
    OTHER_ES,
    r"^,?\s+(?:de\s+la\s+|del\s+|de\s+los\s+|de\s+las\s+)(?:Asamblea|Consejo|Comisión|Conferencia|Comité|Organización|Reunión|Foro|Cumbre|Unión|Liga|Grupo|Programa|Fondo|Oficina)"
);
re!(
    OTHER_EN,
    r"^,?\s+of\s+the\s+(?:\p{Lu}[\p{L}-]*\s+(?:(?:of|on|for|and|the)\s+)*)*(?:Assembly|Council|Commission|Conference|Committee|Organization|Board|Meeting|Forum|Summit|Union|League|Group|Programme|Fund|Office)"
);
// After a bare « de l’Assemblée » or « du Conseil »: words that make it another body's name.
re!(
    OTHER_TAIL,
    r"^\s+(?:(?i:des|de|d['’ʼ]|du|del|pour|para|mondial\w*|mundial|parlementaire|parlamentaria|ex[ée]cuti\w*|ejecutiv\w*|permanent\w*|général|international\w*)\b|\p{Lu})"
);

/// The bodies of the capture groups of the ORGAN_* patterns, in order.
const ORGAN_GROUPS: [Body; 7] = [Body::Ga, Body::Sc, Body::Hrc, Body::Ecosoc, Body::Chr, Body::Ga, Body::Council];

static DATE_EN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^,?\s+(?:of|adopted\s+on)\s+(([0-9]{{1,2}})\s+({MONTHS_EN})(?:,?\s+([0-9]{{4}}))?)\b"))
        .unwrap()
});
static DATE_FR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^,?\s+(?:en\s+date\s+)?du\s+((1er|[0-9]{{1,2}})\s*({MONTHS_FR})(?:\s+([0-9]{{4}}))?)\b"))
        .unwrap()
});
static DATE_ES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^,?\s+(?:de\s+fecha|de|del)\s+(([0-9]{{1,2}})\s+de\s+({MONTHS_ES})(?:\s+de\s+([0-9]{{4}}))?)\b"
    ))
    .unwrap()
});
// French « en date des 20 novembre 2006, 20 septembre 2013 et 23 juillet 2018 » after a list.
re!(DATES_FR_START, r"(?i)^,?\s+(?:en\s+date\s+)?des\s+");
static DATES_FR_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^(1er|[0-9]{{1,2}})(?:\s*({MONTHS_FR})(?:\s+([0-9]{{4}}))?)?\b")).unwrap()
});
re!(DATES_FR_SEP, r"(?i)^(?:\s*,\s*|\s+et\s+)");

// A number as cited. Part letters are capitals followed by a non-letter.
re!(
    NUMBER,
    r"^(?:((?:S-|ES-)?[0-9]{1,4})/([0-9]{1,4})((?:\s+[A-Z]\b(?:\s+(?:and|et|y|to|à|a)\s+[A-Z]\b|\s*-\s*[A-Z]\b)?)?)|([0-9]{1,4})((?:\s?[A-Z](?:\s+(?:and|et|y|to|à|a)\s+[A-Z])?)?)\s?\(((?:S-|ES-)?[IVXLC]+)\)|([0-9]{1,4})\s?\(((?:19|20)[0-9]{2})\))"
);
// A Security Council number written without its year: read only where the Council is named.
re!(BARE, r"^([1-9][0-9]{0,3})");
re!(SEP_EN, r"^(?:\s*,\s*(?:and\s+)?|\s+and\s+)");
re!(SEP_FR, r"^(?:\s*,\s*(?:et\s+)?|\s+et\s+)");
re!(SEP_ES, r"^(?:\s*,\s*(?:[ye]\s+)?|\s+[ye]\s+)");
re!(SPACE, r"^\s+");

re!(TITLE_EN, r#"(?i)^,?\s+(?:entitled|titled)\s+([“"‘'])"#);
re!(TITLE_FR, r#"(?i)^,?\s+(?:intitulée?s?|intitulés)\s+([«“"])"#);
re!(TITLE_ES, r#"(?i)^,?\s+(?:titulad[oa]s?|denominad[oa]s?)\s+([“"«])"#);

struct LangRes {
    trigger: &'static LazyLock<Regex>,
    before: &'static LazyLock<Regex>,
    in_its: &'static LazyLock<Regex>,
    adjectives: Option<&'static LazyLock<Regex>>,
    organ: &'static LazyLock<Regex>,
    other: &'static LazyLock<Regex>,
    date: &'static LazyLock<Regex>,
    sep: &'static LazyLock<Regex>,
    title: &'static LazyLock<Regex>,
}

fn res(lang: Lang) -> LangRes {
    match lang {
        Lang::En => LangRes {
            trigger: &TRIGGER_EN,
            before: &BEFORE_EN,
            in_its: &IN_ITS_EN,
            adjectives: None,
            organ: &ORGAN_EN,
            other: &OTHER_EN,
            date: &DATE_EN,
            sep: &SEP_EN,
            title: &TITLE_EN,
        },
        Lang::Fr => LangRes {
            trigger: &TRIGGER_FR,
            before: &BEFORE_FR,
            in_its: &IN_ITS_FR,
            adjectives: Some(&ADJ_FR),
            organ: &ORGAN_FR,
            other: &OTHER_FR,
            date: &DATE_FR,
            sep: &SEP_FR,
            title: &TITLE_FR,
        },
        Lang::Es => LangRes {
            trigger: &TRIGGER_ES,
            before: &BEFORE_ES,
            in_its: &IN_ITS_ES,
            adjectives: Some(&ADJ_ES),
            organ: &ORGAN_ES,
            other: &OTHER_ES,
            date: &DATE_ES,
            sep: &SEP_ES,
            title: &TITLE_ES,
        },
    }
}

/// A match of an anchored pattern at `pos`, with absolute offsets through [`At`].
fn at<'t>(re: &Regex, text: &'t str, pos: usize) -> Option<At<'t>> {
    let caps = re.captures(&text[pos..])?;
    Some(At { caps, base: pos })
}

struct At<'t> {
    caps: Captures<'t>,
    base: usize,
}

impl At<'_> {
    fn end(&self) -> usize {
        self.base + self.caps.get(0).map_or(0, |m| m.end())
    }
    fn group(&self, i: usize) -> Option<(&str, Span)> {
        let m = self.caps.get(i)?;
        Some((m.as_str(), Span::new(self.base + m.start(), self.base + m.end())))
    }
    /// The index of the first capture group (from 1) that took part.
    fn first_group(&self) -> Option<usize> {
        (1..self.caps.len()).find(|&i| self.caps.get(i).is_some())
    }
}

/// How a number was written.
#[derive(Debug, Clone)]
enum Number {
    /// `70/1`, `S-24/1`, `ES-10/19`, `2014/36`, with part letters.
    Session { session: String, number: String },
    /// `217 A (III)`.
    Roman { number: String, session: String },
    /// `2334 (2016)`.
    Sc { number: String, year: String },
    /// `2334`: a Security Council number without its year.
    ScBare { number: String },
    /// A symbol written after the word: "resolution A/RES/70/1".
    Symbol(Symbol),
}

/// A date as read: the year may come later in a list ("of 22 October, … of 27 October 1973").
#[derive(Debug, Clone, Copy)]
struct RawDate {
    day: u8,
    month: u8,
    year: Option<u16>,
    span: Span,
}

#[derive(Debug)]
struct Item {
    start: usize,
    number: Number,
    number_span: Span,
    /// Part letters with their spans (the letter; for letters inside a range, the range word).
    parts: Parts,
    date: Option<RawDate>,
    organ: Option<Body>,
    title: Option<(String, Span)>,
    end: usize,
}

fn read_date(a: &At<'_>, lang: Lang) -> Option<RawDate> {
    let (_, span) = a.group(1)?;
    let (day, _) = a.group(2)?;
    let (month, _) = a.group(3)?;
    let day: u8 = if day.eq_ignore_ascii_case("1er") { 1 } else { day.parse().ok()? };
    let month = month_number(month, lang)?;
    let year = a.group(4).and_then(|(y, _)| y.parse().ok());
    Some(RawDate { day, month, year, span })
}

/// The part letters in `s` (a number's tail such as " A and B" or " A to D"), at `base`.
fn part_letters(s: &str, base: usize) -> Parts {
    let mut out: Parts = Vec::new();
    let mut range: Option<Span> = None;
    let mut i = 0;
    let bytes = s.as_bytes();
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_uppercase() && !bytes.get(i + 1).is_some_and(|b| b.is_ascii_alphabetic()) {
            let span = Span::new(base + i, base + i + 1);
            if let (Some(r), Some(&(prev, _))) = (range.take(), out.last()) {
                for mid in (prev as u8 + 1)..c {
                    out.push((mid as char, r));
                }
            }
            out.push((c as char, span));
            i += 1;
        } else if c == b'-' {
            range = Some(Span::new(base + i, base + i + 1));
            i += 1;
        } else if c.is_ascii_alphabetic() || c >= 0x80 {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphabetic() || bytes[i] >= 0x80) {
                i += 1;
            }
            let word = &s[start..i];
            if matches!(word, "to" | "à" | "a") {
                range = Some(Span::new(base + start, base + i));
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Part letters with their spans.
type Parts = Vec<(char, Span)>;

/// Whether a bare number at `end` ends there: not followed by a letter, a digit, "/digit" or
/// a decimal or thousands separator ("24/7", "2,000", "1.5").
fn bare_ends(text: &str, end: usize) -> bool {
    let mut rest = text[end..].chars();
    match rest.next() {
        Some(c) if c.is_alphanumeric() => false,
        Some('/' | '.' | ',') => !rest.next().is_some_and(|c| c.is_ascii_digit()),
        _ => true,
    }
}

/// A bare Security Council number (no year) at `pos`, and its end.
fn read_bare(text: &str, pos: usize) -> Option<(String, usize)> {
    let a = at(&BARE, text, pos)?;
    let (n, _) = a.group(1)?;
    bare_ends(text, a.end()).then(|| (n.to_string(), a.end()))
}

/// Whether the bare numbers from `pos` (one, or a list) are followed, after an optional date,
/// by the name of the Security Council: « 2334 du Conseil de sécurité », "1325 and 1820 of
/// the Security Council".
fn security_council_after(text: &str, r: &LangRes, mut pos: usize) -> bool {
    for _ in 0..20 {
        let Some((_, end)) = read_bare(text, pos) else { return false };
        pos = end;
        if let Some(a) = at(r.date, text, pos) {
            pos = a.end();
        }
        if let Some((body, _)) = organ_at(text, r, pos) {
            return body == Body::Sc;
        }
        match at(r.sep, text, pos) {
            Some(sep) => pos = sep.end(),
            None => return false,
        }
    }
    false
}

/// A number at `pos` ([`read_number`]), or, when `bare` allows it, a Security Council number
/// without its year.
fn read_number_or_bare(text: &str, pos: usize, bare: bool) -> Option<(Number, Span, Parts)> {
    if let Some(n) = read_number(text, pos) {
        return Some(n);
    }
    if !bare {
        return None;
    }
    let (number, end) = read_bare(text, pos)?;
    Some((Number::ScBare { number }, Span::new(pos, end), Vec::new()))
}

fn read_number(text: &str, pos: usize) -> Option<(Number, Span, Parts)> {
    // A resolution symbol written out: "resolution A/RES/61/171".
    let series = text[pos..].bytes().take_while(u8::is_ascii_uppercase).count();
    if series > 0 && text[pos + series..].starts_with('/') {
        let m = find_symbols(&text[pos..]).into_iter().next().filter(|m| m.span.start == 0)?;
        if !m.symbol.is_resolution() {
            return None;
        }
        let span = m.span.shift(pos);
        return Some((Number::Symbol(m.symbol), span, Vec::new()));
    }
    let a = at(&NUMBER, text, pos)?;
    let end = a.end();
    // Not followed by a letter, a digit or "/digit" ("24/7/365", "70/1x").
    let mut rest = text[end..].chars();
    match rest.next() {
        Some(c) if c.is_alphanumeric() => return None,
        Some('/') if rest.next().is_some_and(|c| c.is_ascii_digit()) => return None,
        _ => {}
    }
    let span = Span::new(pos, end);
    if let (Some((session, _)), Some((number, _))) = (a.group(1), a.group(2)) {
        let parts = a.group(3).map(|(s, sp)| part_letters(s, sp.start)).unwrap_or_default();
        return Some((Number::Session { session: session.to_string(), number: number.to_string() }, span, parts));
    }
    if let (Some((number, _)), Some((session, _))) = (a.group(4), a.group(6)) {
        let parts = a.group(5).map(|(s, sp)| part_letters(s, sp.start)).unwrap_or_default();
        return Some((Number::Roman { number: number.to_string(), session: session.to_string() }, span, parts));
    }
    let (number, _) = a.group(7)?;
    let (year, _) = a.group(8)?;
    Some((Number::Sc { number: number.to_string(), year: year.to_string() }, span, Vec::new()))
}

/// The symbol a number stands for, given the body, with one part letter.
fn symbol_for(number: &Number, part: Option<char>, body: Option<Body>) -> Option<Symbol> {
    let part = part.map(|p| format!(" {p}")).unwrap_or_default();
    let s = match number {
        Number::Symbol(s) => return Some(s.clone()),
        Number::Sc { number, year } => format!("S/RES/{number} ({year})"),
        Number::ScBare { number } => match body {
            Some(Body::Sc) => format!("S/RES/{number}"),
            _ => return None,
        },
        Number::Roman { number, session } => match body {
            Some(Body::Ecosoc) => format!("E/RES/{number}{part} ({session})"),
            _ => format!("A/RES/{number}{part} ({session})"),
        },
        Number::Session { session, number } if session.len() == 4 && session.bytes().all(|b| b.is_ascii_digit()) => {
            match body {
                Some(Body::Chr) => format!("E/CN.4/RES/{session}/{number}"),
                _ => format!("E/RES/{session}/{number}"),
            }
        }
        Number::Session { session, number } => match body {
            Some(Body::Hrc) if !session.starts_with("ES-") => format!("A/HRC/RES/{session}/{number}"),
            _ => format!("A/RES/{session}/{number}{part}"),
        },
    };
    Symbol::parse(&s)
}

/// The text of a title in quotation marks that opens at `open` (just after the mark), its
/// span without the marks and surrounding spaces, and the end of the closing mark.
fn quoted(text: &str, open: usize, mark: &str) -> Option<(String, Span, usize)> {
    let close = match mark {
        "“" => "”",
        "«" => "»",
        "‘" => "’",
        "\"" => "\"",
        "'" => "'",
        _ => return None,
    };
    let limit = floor_boundary(text, open + 800);
    let body = &text[open..limit];
    let end = body.find(close)?;
    let inner = &body[..end];
    if inner.contains("\n\n") || inner.contains("\r\n\r\n") {
        return None;
    }
    let lead = inner.len() - inner.trim_start().len();
    let trimmed = inner.trim();
    if trimmed.is_empty() {
        return None;
    }
    let start = open + lead;
    Some((trimmed.to_string(), Span::new(start, start + trimmed.len()), open + end + close.len()))
}

/// Every citation in `text`: running-text citations of resolutions, in the language `lang`,
/// and bare document symbols that are not part of one, in order and without overlaps.
/// `drafting_organ` is the organ of the draft, which "its resolution" refers to.
pub fn find_citations(text: &str, lang: Lang, drafting_organ: Option<Organ>) -> Vec<Citation> {
    let r = res(lang);
    let mut out: Vec<Citation> = Vec::new();
    let mut last_end = 0;
    for t in r.trigger.find_iter(text) {
        if t.start() < last_end {
            continue;
        }
        if let Some((cits, end)) = group(text, lang, &r, t.start(), t.end(), drafting_organ) {
            out.extend(cits);
            last_end = end;
        }
    }
    let symbols = find_symbols(text);
    let mut all: Vec<Citation> = Vec::with_capacity(out.len() + symbols.len());
    let mut i = 0;
    for m in symbols {
        while i < out.len() && out[i].span.end <= m.span.start {
            all.push(out[i].clone());
            i += 1;
        }
        let overlaps = out[i..].iter().take_while(|c| c.span.start < m.span.end).any(|c| c.span.end > m.span.start);
        if !overlaps {
            all.push(Citation {
                span: m.span,
                symbol: m.symbol,
                number_span: m.span,
                date: None,
                date_span: None,
                title: None,
                kind: CitationKind::Symbol,
            });
        }
    }
    all.extend(out[i..].iter().cloned());
    all.sort_by_key(|c| (c.span.start, c.span.end));
    all
}

/// The body an organ's name in any of the three languages stands for.
fn body_from_name(name: &str) -> Body {
    let n = super::fold::fold(name);
    if n.contains("commission") || n.contains("comision") {
        Body::Chr
    } else if n.contains("secur") || n.contains("seguridad") {
        Body::Sc
    } else if n.contains("rights") || n.contains("droits") || n.contains("derechos") {
        Body::Hrc
    } else if n.contains("economic") {
        Body::Ecosoc
    } else if n.contains("assembl") || n.contains("asamblea") {
        Body::Ga
    } else {
        Body::Council
    }
}

/// What precedes the word "resolution": (start of the phrase, body it names).
fn look_back(text: &str, r: &LangRes, trigger_start: usize) -> Option<(usize, Body)> {
    let from = floor_boundary(text, trigger_start.saturating_sub(120));
    let tail = &text[from..trigger_start];
    let c = r.before.captures(tail)?;
    let m = c.get(1)?;
    let word = m.as_str().to_lowercase();
    let body = match word.as_str() {
        "its" | "sa" | "ses" | "leur" | "leurs" | "su" | "sus" => {
            match r.in_its.captures(tail).and_then(|c| c.get(1)) {
                Some(organ) => body_from_name(organ.as_str()),
                None => Body::Drafting,
            }
        }
        "assembly" | "council" => {
            // "World Health Assembly resolution", "Governing Council resolution": the word
            // before is part of another body's name ("the Council" and "Security Council"
            // are ours, the latter matched whole).
            let before = tail[..m.start()].trim_end();
            let prev: String = before
                .chars()
                .rev()
                .take_while(|c| c.is_alphabetic() || *c == '-')
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            if prev.chars().next().is_some_and(char::is_uppercase) && !matches!(prev.as_str(), "The" | "This" | "Its") {
                Body::Other
            } else {
                body_from_name(&word)
            }
        }
        _ => body_from_name(&word),
    };
    Some((from + m.start(), body))
}

/// Whether a capitalised word that is not sentence-initial precedes the word "resolution"
/// ("Commission on Narcotic Drugs resolution", "UNEA resolution"): another body's name.
fn other_body_before(text: &str, trigger_start: usize) -> bool {
    let from = floor_boundary(text, trigger_start.saturating_sub(60));
    let tail = text[from..trigger_start].trim_end_matches([' ', '\u{a0}', '\t']);
    let word_len: usize = tail.chars().rev().take_while(|c| c.is_alphanumeric() || *c == '-').map(char::len_utf8).sum();
    let word = &tail[tail.len() - word_len..];
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let acronym = word.chars().count() >= 2 && word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit());
    if acronym {
        return !matches!(word, "RESOLUTION" | "RESOLUTIONS" | "UN");
    }
    // A capitalised word after another word on the same line: "Narcotic Drugs resolution".
    let before = tail[..tail.len() - word_len].trim_end_matches([' ', '\u{a0}', '\t']);
    let mid_sentence = before.chars().next_back().is_some_and(char::is_alphabetic);
    mid_sentence && !FUNCTION_WORDS.contains(&word)
}

/// Capitalised words before "resolution" that name no body.
const FUNCTION_WORDS: [&str; 24] = [
    "See",
    "Also",
    "And",
    "Or",
    "In",
    "By",
    "Under",
    "Of",
    "The",
    "This",
    "That",
    "These",
    "Its",
    "Their",
    "Further",
    "Furthermore",
    "Recalling",
    "Reaffirming",
    "Noting",
    "Welcoming",
    "Bearing",
    "Taking",
    "Pursuant",
    "Cf",
];

/// Whether a General Assembly or Human Rights Council resolution numbered `session/number`
/// can exist, and be adopted in `year`: GA symbols carry the session from the 31st (1976),
/// adopted in the session's year or the next; the HRC has held about three sessions a year
/// since 2006 and adopts fewer than 150 resolutions a session.
fn plausible(body: Body, session: u32, number: u32, year: Option<u16>) -> bool {
    let year = year.map(u32::from);
    match body {
        Body::Ga => (31..100).contains(&session) && year.is_none_or(|y| (1945 + session..=1947 + session).contains(&y)),
        Body::Hrc => {
            (1..100).contains(&session)
                && number <= 150
                && year.is_none_or(|y| (2005 + session / 3..=2007 + session / 3).contains(&y))
        }
        _ => true,
    }
}

/// The body of an N/M number that no organ names: the one "its" or "Council" points to if
/// the number and date fit it, else the General Assembly, else the Human Rights Council;
/// `Err` if none fits ("14/221" is neither).
fn choose_body(number: &Number, body: Option<Body>, year: Option<u16>) -> Result<Option<Body>, ()> {
    let Number::Session { session, number } = number else { return Ok(body) };
    let (Ok(s), Ok(n)) = (session.parse::<u32>(), number.parse::<u32>()) else { return Ok(body) };
    if s >= 1000 {
        return Ok(body); // ECOSOC year
    }
    let preferred = body.filter(|b| matches!(b, Body::Ga | Body::Hrc));
    for b in preferred.into_iter().chain([Body::Ga, Body::Hrc]) {
        if plausible(b, s, n, year) {
            return Ok(Some(b));
        }
    }
    Err(())
}

/// An organ named at `pos` (« de l’Assemblée générale », "of the Security Council"), or
/// another body (« de l’Assemblée mondiale de la Santé »), and the end of its name.
fn organ_at(text: &str, r: &LangRes, pos: usize) -> Option<(Body, usize)> {
    // Names end before a non-letter: "sécurité16" has a footnote number glued on.
    let ends_word = |end: usize| !text[end..].starts_with(char::is_alphabetic);
    if let Some(a) = at(r.organ, text, pos)
        && let Some(g) = a.first_group()
        && ends_word(a.end())
    {
        let body = ORGAN_GROUPS[g - 1];
        // A bare "de l’Assemblée" / "du Conseil" followed by more of a name is another body.
        let bare = g >= 6;
        if !(bare && at(&OTHER_TAIL, text, a.end()).is_some()) {
            return Some((body, a.end()));
        }
    }
    let a = at(r.other, text, pos).filter(|a| ends_word(a.end()))?;
    Some((Body::Other, a.end()))
}

/// One citation phrase from the word "resolution" at `t_start..t_end`: its citations and end.
fn group(
    text: &str,
    lang: Lang,
    r: &LangRes,
    t_start: usize,
    t_end: usize,
    drafting: Option<Organ>,
) -> Option<(Vec<Citation>, usize)> {
    let before = look_back(text, r, t_start);
    match before {
        Some((_, Body::Other)) => return None,
        Some(_) => {}
        None if lang == Lang::En
            && !text[t_start..t_end].chars().all(char::is_uppercase)
            && other_body_before(text, t_start) =>
        {
            return None;
        }
        None => {}
    }
    let mut pos = t_end;
    if let Some(adj) = r.adjectives.and_then(|re| at(re, text, pos)) {
        pos = adj.end();
    }
    // An organ between the word and the number: « les résolutions du Conseil des droits de
    // l’homme 30/27 ».
    let mut inner = None;
    if let Some((body, end)) = organ_at(text, r, pos)
        && let Some(sp) = at(&SPACE, text, end)
        && read_number_or_bare(text, sp.end(), body == Body::Sc).is_some()
    {
        inner = Some(body);
        pos = end;
    }
    // Where the Security Council is named before the numbers, a number without its year is
    // read first in the list or after another such number ("resolutions 1325 and 1820"), not
    // after a number with its year ("resolution 1325 (2000) and 15 years"); elsewhere only
    // when the Council is named after it.
    let sc_before = inner.or(before.map(|b| b.1)) == Some(Body::Sc);
    let bare_at = |items: &[Item], at: usize| {
        (sc_before && items.last().is_none_or(|i| matches!(i.number, Number::ScBare { .. })))
            || security_council_after(text, r, at)
    };
    let mut items: Vec<Item> = Vec::new();
    loop {
        let start = if items.is_empty() { at(&SPACE, text, pos)?.end() } else { pos };
        let Some((number, number_span, parts)) = read_number_or_bare(text, start, bare_at(&items, start)) else {
            break;
        };
        let mut item =
            Item { start, number, number_span, parts, date: None, organ: None, title: None, end: number_span.end };
        pos = number_span.end;
        for _ in 0..3 {
            if item.date.is_none()
                && let Some(a) = at(r.date, text, pos)
                && let Some(d) = read_date(&a, lang)
            {
                item.date = Some(d);
                pos = a.end();
            } else if item.organ.is_none()
                && let Some((body, end)) = organ_at(text, r, pos)
            {
                item.organ = Some(body);
                pos = end;
            } else {
                break;
            }
        }
        item.end = pos;
        items.push(item);
        match at(r.sep, text, pos) {
            Some(sep) if read_number_or_bare(text, sep.end(), bare_at(&items, sep.end())).is_some() => pos = sep.end(),
            _ => break,
        }
    }
    if items.is_empty() {
        return None;
    }
    // An organ after the last of a list names the organ of them all.
    let n = items.len();
    if n > 1
        && let Some(body) = items[n - 1].organ
    {
        for it in &mut items[..n - 1] {
            it.organ.get_or_insert(body);
        }
    }
    // « en date des 20 novembre 2006, 20 septembre 2013 et 23 juillet 2018 »
    if lang == Lang::Fr
        && items.iter().all(|i| i.date.is_none())
        && let Some((dates, end)) = date_list_fr(text, pos)
        && dates.len() == items.len()
    {
        for (it, d) in items.iter_mut().zip(dates) {
            it.date = Some(d);
        }
        pos = end;
        items[n - 1].end = end;
    }
    // A year given once for several dates: "of 22 October, … and 341 (1973) of 27 October 1973".
    let mut year = None;
    for it in items.iter_mut().rev() {
        if let Some(d) = &mut it.date {
            match d.year {
                Some(y) => year = Some(y),
                None => d.year = year,
            }
        }
    }
    // A title after the last.
    if let Some(a) = at(r.title, text, pos)
        && let Some((mark, _)) = a.group(1)
        && let Some((title, span, end)) = quoted(text, a.end(), mark)
    {
        items[n - 1].title = Some((title, span));
        items[n - 1].end = end;
    }

    let mut cits = Vec::new();
    for (idx, it) in items.iter().enumerate() {
        let named = it.organ.or(inner).or(before.map(|b| b.1));
        if named == Some(Body::Other) {
            continue;
        }
        let explicit = named.is_some_and(|b| !matches!(b, Body::Council | Body::Drafting));
        let mut body = named.and_then(|b| resolve(b, drafting));
        let sc_year = match &it.number {
            Number::Sc { year, .. } => year.parse().ok(),
            _ => None,
        };
        let date = it.date.and_then(|d| Some((Date::ymd(d.year.or(sc_year)?, d.month, d.day)?, d.span)));
        if !explicit {
            match choose_body(&it.number, body, date.map(|d| d.0.year)) {
                Ok(b) => body = b,
                Err(()) => continue,
            }
        }
        let first_start = if idx == 0 { before.map_or(t_start, |b| b.0.min(t_start)) } else { it.start };
        let expansions: Vec<Option<(char, Span)>> =
            if it.parts.is_empty() { vec![None] } else { it.parts.iter().copied().map(Some).collect() };
        let k = expansions.len();
        for (j, part) in expansions.into_iter().enumerate() {
            let Some(symbol) = symbol_for(&it.number, part.map(|p| p.0), body) else { continue };
            let (span, number_span) = if k == 1 {
                (Span::new(first_start, it.end), it.number_span)
            } else {
                let letter = part.map_or(it.number_span, |p| p.1);
                let number_span = if j == 0 { Span::new(it.number_span.start, letter.end) } else { letter };
                let start = if j == 0 { first_start } else { letter.start };
                let end = if j == k - 1 { it.end } else { letter.end };
                (Span::new(start, end), number_span)
            };
            cits.push(Citation {
                span,
                symbol,
                number_span,
                date: date.map(|d| d.0),
                date_span: date.map(|d| d.1),
                title: if j == k - 1 { it.title.clone() } else { None },
                kind: CitationKind::Text,
            });
        }
    }
    let end = items[n - 1].end;
    if cits.is_empty() { None } else { Some((cits, end)) }
}

fn date_list_fr(text: &str, pos: usize) -> Option<(Vec<RawDate>, usize)> {
    let start = at(&DATES_FR_START, text, pos)?;
    let mut p = start.end();
    let mut raw: Vec<(u8, Option<u8>, Option<u16>, Span)> = Vec::new();
    loop {
        let a = at(&DATES_FR_ITEM, text, p)?;
        let (day, dspan) = a.group(1)?;
        let day: u8 = if day.eq_ignore_ascii_case("1er") { 1 } else { day.parse().ok()? };
        let month = a.group(2).and_then(|(m, _)| month_number(m, Lang::Fr));
        let year = a.group(3).and_then(|(y, _)| y.parse().ok());
        raw.push((day, month, year, Span::new(dspan.start, a.end())));
        p = a.end();
        match at(&DATES_FR_SEP, text, p) {
            Some(sep) if at(&DATES_FR_ITEM, text, sep.end()).is_some() => p = sep.end(),
            _ => break,
        }
    }
    // « des 17 et 22 décembre 2015 »: months and years from the later dates.
    let (mut month, mut year) = (None, None);
    let mut out = Vec::new();
    for (day, m, y, span) in raw.into_iter().rev() {
        month = m.or(month);
        year = y.or(year);
        out.push(RawDate { day, month: month?, year, span });
    }
    out.reverse();
    Some((out, p))
}

#[cfg(test)]
mod tests;
