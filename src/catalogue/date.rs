//! Dates of adoption: ISO form in catalogues, running-text form in drafts.

use std::fmt;

use crate::syntax::Lang;

/// A calendar date, possibly without its day or month (old General Assembly resolutions are
/// catalogued by month only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

/// The month names of a language, January first.
pub(crate) fn month_names(lang: Lang) -> &'static [&'static str; 12] {
    match lang {
        Lang::En => &MONTHS_EN,
        Lang::Fr => &MONTHS_FR,
        Lang::Es => &MONTHS_ES,
    }
}

/// The month (1–12) a month name stands for in `lang`, ignoring case. French accepts "fevrier",
/// "aout" and "decembre" without accents (capitals in old documents drop them); Spanish
/// accepts "setiembre".
pub(crate) fn month_number(name: &str, lang: Lang) -> Option<u8> {
    let folded = super::fold::fold(name);
    let names = month_names(lang);
    if let Some(i) = names.iter().position(|m| super::fold::fold(m) == folded) {
        return Some(i as u8 + 1);
    }
    (lang == Lang::Es && folded == "setiembre").then_some(9)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

impl Date {
    /// A full date, if it exists (no 31 April, 29 February only in leap years). Years from
    /// 1900 to 2199.
    pub fn ymd(year: u16, month: u8, day: u8) -> Option<Date> {
        let d = Date { year, month: Some(month), day: Some(day) };
        d.is_valid().then_some(d)
    }

    fn is_valid(&self) -> bool {
        if !(1900..2200).contains(&self.year) {
            return false;
        }
        match (self.month, self.day) {
            (None, None) => true,
            (Some(m), None) => (1..=12).contains(&m),
            (Some(m), Some(d)) => (1..=12).contains(&m) && d >= 1 && d <= days_in_month(self.year, m),
            (None, Some(_)) => false,
        }
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let s = s.trim();
        let mut parts = s.split('-');
        let num = |p: Option<&str>, len: usize| -> Option<Option<u16>> {
            match p {
                None => Some(None),
                Some(p) if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) => p.parse().ok().map(Some),
                Some(_) => None,
            }
        };
        let year = num(parts.next(), 4)??;
        let month = num(parts.next(), 2)?;
        let day = num(parts.next(), 2)?;
        if parts.next().is_some() || (day.is_some() && month.is_none()) {
            return None;
        }
        let d = Date { year, month: month.map(|m| m as u8), day: day.map(|d| d as u8) };
        d.is_valid().then_some(d)
    }

    /// The date as written in running text: "25 September 2015", "1er janvier 2018",
    /// "25 de septiembre de 2015"; "September 2015", "septembre 2015", "septiembre de 2015"
    /// without a day; the year alone without a month.
    pub fn format(&self, lang: Lang) -> String {
        let Some(m) = self.month else { return self.year.to_string() };
        let month = month_names(lang)[usize::from(m.clamp(1, 12)) - 1];
        match (lang, self.day) {
            (Lang::En, Some(d)) => format!("{d} {month} {}", self.year),
            (Lang::En, None) => format!("{month} {}", self.year),
            (Lang::Fr, Some(1)) => format!("1er {month} {}", self.year),
            (Lang::Fr, Some(d)) => format!("{d} {month} {}", self.year),
            (Lang::Fr, None) => format!("{month} {}", self.year),
            (Lang::Es, Some(d)) => format!("{d} de {month} de {}", self.year),
            (Lang::Es, None) => format!("{month} de {}", self.year),
        }
    }

    /// Whether two dates agree at the precision both give: 1966-12 agrees with 1966-12-16,
    /// not with 1966-11 or 1967.
    pub fn agrees_with(&self, other: &Date) -> bool {
        self.year == other.year
            && (self.month.is_none() || other.month.is_none() || self.month == other.month)
            && (self.day.is_none() || other.day.is_none() || self.day == other.day)
    }

    /// Whether `self` says strictly more than `other` and agrees with it (1966-12-16 refines
    /// 1966-12).
    pub(crate) fn refines(&self, other: &Date) -> bool {
        self.agrees_with(other)
            && (self.month.is_some() as u8 + self.day.is_some() as u8)
                > (other.month.is_some() as u8 + other.day.is_some() as u8)
    }
}

/// ISO form: `2015-09-25`, `1966-12`, `1948`.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_round_trip() {
        for s in ["2015-09-25", "1966-12", "1948", "2000-02-29"] {
            assert_eq!(Date::parse_iso(s).unwrap().to_string(), s);
        }
        for s in
            ["", "2015-9-25", "2015-02-30", "1900-02-29", "2015-13", "15-09-25", "2015-09-25-1", "１９４８", "2015--01"]
        {
            assert_eq!(Date::parse_iso(s), None, "{s}");
        }
    }

    #[test]
    fn formats_per_language() {
        let d = Date::ymd(2015, 9, 25).unwrap();
        assert_eq!(d.format(Lang::En), "25 September 2015");
        assert_eq!(d.format(Lang::Fr), "25 septembre 2015");
        assert_eq!(d.format(Lang::Es), "25 de septiembre de 2015");
        let first = Date::ymd(2018, 1, 1).unwrap();
        assert_eq!(first.format(Lang::Fr), "1er janvier 2018");
        assert_eq!(first.format(Lang::En), "1 January 2018");
        assert_eq!(first.format(Lang::Es), "1 de enero de 2018");
        let month = Date::parse_iso("1966-12").unwrap();
        assert_eq!(month.format(Lang::Es), "diciembre de 1966");
        assert_eq!(Date::parse_iso("1948").unwrap().format(Lang::Fr), "1948");
    }

    #[test]
    fn agreement_at_common_precision() {
        let full = Date::parse_iso("1966-12-16").unwrap();
        assert!(full.agrees_with(&Date::parse_iso("1966-12").unwrap()));
        assert!(full.agrees_with(&Date::parse_iso("1966").unwrap()));
        assert!(!full.agrees_with(&Date::parse_iso("1966-11").unwrap()));
        assert!(!full.agrees_with(&Date::parse_iso("1966-12-15").unwrap()));
        assert!(full.refines(&Date::parse_iso("1966-12").unwrap()));
        assert!(!full.refines(&full));
    }

    #[test]
    fn month_names_fold() {
        assert_eq!(month_number("Décembre", Lang::Fr), Some(12));
        assert_eq!(month_number("DECEMBRE", Lang::Fr), Some(12));
        assert_eq!(month_number("setiembre", Lang::Es), Some(9));
        assert_eq!(month_number("Sept", Lang::En), None);
    }
}
