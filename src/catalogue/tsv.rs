//! Catalogue files: tab-separated, a header `symbol<TAB>date<TAB>title<TAB>language` (columns
//! in any order, names in any case, extra columns ignored), one title per row in the row's
//! language. Blank lines and lines starting with `#` are skipped.

use super::date::Date;
use super::store::{Catalogue, Entry, Source};
use super::symbol::Symbol;
use crate::syntax::Lang;

/// A row that was skipped, with why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// 1-based line number in the file.
    pub line: u32,
    pub message: String,
}

/// Languages of the UN that a catalogue may give and this server does not use: rows in them
/// are skipped without an error.
const OTHER_UN_LANGUAGES: [&str; 3] = ["ar", "ru", "zh"];

struct Columns {
    symbol: usize,
    date: Option<usize>,
    title: Option<usize>,
    language: Option<usize>,
}

fn header(cells: &[&str]) -> Option<Columns> {
    let find = |names: &[&str]| cells.iter().position(|c| names.iter().any(|n| c.trim().eq_ignore_ascii_case(n)));
    Some(Columns {
        symbol: find(&["symbol"])?,
        date: find(&["date"]),
        title: find(&["title"]),
        language: find(&["language", "lang"]),
    })
}

/// A cell without surrounding spaces and, if it is in double quotes, without them (`""` inside
/// stands for `"`).
fn cell(s: &str) -> String {
    let s = s.trim();
    match s.strip_prefix('"').and_then(|x| x.strip_suffix('"')) {
        Some(inner) => inner.replace("\"\"", "\""),
        None => s.to_string(),
    }
}

/// Loads the rows of `text` into `cat` with `precedence`, each row's source made by
/// `source(line)`. Returns the number of rows loaded and the rows skipped.
pub(crate) fn load(
    cat: &mut Catalogue,
    text: &str,
    precedence: i32,
    source: &dyn Fn(u32) -> Source,
) -> (usize, Vec<LoadError>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut errors = Vec::new();
    let mut loaded = 0;
    let mut cols: Option<Columns> = None;
    for (i, raw) in text.split('\n').enumerate() {
        let line = (i + 1) as u32;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if raw.trim().is_empty() || raw.trim_start().starts_with('#') {
            continue;
        }
        let cells: Vec<&str> = raw.split('\t').collect();
        if cols.is_none() {
            if let Some(h) = header(&cells) {
                cols = Some(h);
                continue;
            }
            errors.push(LoadError {
                line,
                message: "no header line `symbol<TAB>date<TAB>title<TAB>language`; reading the columns in that order"
                    .to_string(),
            });
            cols = Some(Columns { symbol: 0, date: Some(1), title: Some(2), language: Some(3) });
        }
        let Some(c) = &cols else { continue };
        match row(c, &cells, line, source) {
            Ok(None) => {}
            Ok(Some(entries)) => {
                loaded += 1;
                for e in entries {
                    cat.add(e, precedence);
                }
            }
            Err(message) => errors.push(LoadError { line, message }),
        }
    }
    (loaded, errors)
}

/// The entries of one row (several for a joint symbol), `None` for a row in a language that
/// is skipped silently.
fn row(c: &Columns, cells: &[&str], line: u32, source: &dyn Fn(u32) -> Source) -> Result<Option<Vec<Entry>>, String> {
    let get = |i: Option<usize>| i.and_then(|i| cells.get(i)).map(|s| cell(s)).unwrap_or_default();
    let sym_text = get(Some(c.symbol));
    if sym_text.is_empty() {
        return Err("empty symbol".to_string());
    }
    let symbols = Symbol::parse_joint(&sym_text);
    if symbols.is_empty() {
        return Err(format!("not a UN document symbol: {sym_text}"));
    }
    let date_text = get(c.date);
    let date = if date_text.is_empty() {
        None
    } else {
        Some(
            Date::parse_iso(&date_text)
                .ok_or_else(|| format!("invalid date {date_text:?} (expected YYYY-MM-DD or YYYY-MM)"))?,
        )
    };
    let title = get(c.title);
    let lang_text = get(c.language);
    let lang = match Lang::from_code(&lang_text) {
        Some(l) => Some(l),
        None if OTHER_UN_LANGUAGES.contains(&lang_text.to_ascii_lowercase().as_str()) => return Ok(None),
        None if lang_text.is_empty() && title.is_empty() => None,
        None if lang_text.is_empty() => return Err("a title without a language (en, fr or es)".to_string()),
        None => return Err(format!("unknown language {lang_text:?} (expected en, fr or es)")),
    };
    let entries = symbols
        .into_iter()
        .map(|s| {
            let mut e = Entry::new(s, source(line)).with_date(date);
            if let (Some(l), false) = (lang, title.is_empty()) {
                e = e.with_title(l, title.clone());
            }
            e
        })
        .collect();
    Ok(Some(entries))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_and_reports() {
        let text = "\u{feff}Symbol\tdate\ttitle\tlanguage\tsource\r\n\
                    A/RES/217A(III)\t1948-12-10\tUniversal Declaration of Human Rights\ten\tx\r\n\
                    A/RES/217 A (III)\t1948-12-10\tDéclaration universelle des droits de l’homme\tfr\n\
                    \n\
                    # a comment\n\
                    A/RES/70/01\t2015-09-25\tBad\ten\n\
                    A/RES/70/1\t2015-09-31\tBad date\ten\n\
                    A/RES/70/1\t2015-09-25\t\"Transforming \"\"our\"\" world\"\ten\n\
                    A/RES/70/1\t2015-09-25\tПреобразование\tru\n\
                    A/RES/70/2\t\tUntitled language\tde\n\
                    A/RES/70/3\n\
                    A/HRC/10/42–E/CN.6/2009/7\t2009-02-01\tJoint\ten\n\
                    S/RES/2334 (2016)\t2016-12-23\t\t\n\
                    A/RES/70/4\t\tNo language\t\n";
        let mut c = Catalogue::new();
        let (n, errors) = load(&mut c, text, 0, &|line| Source::File { path: "cat.tsv".into(), line });
        let errs: Vec<String> = errors.iter().map(|e| format!("{}: {}", e.line, e.message)).collect();
        expect_test::expect![[r#"
            [
                "6: not a UN document symbol: A/RES/70/01",
                "7: invalid date \"2015-09-31\" (expected YYYY-MM-DD or YYYY-MM)",
                "10: unknown language \"de\" (expected en, fr or es)",
                "14: a title without a language (en, fr or es)",
            ]
        "#]]
        .assert_debug_eq(&errs);
        assert_eq!(n, 6);
        assert_eq!(c.len(), 6);
        let udhr = c.get(&Symbol::parse("A/RES/217 A (III)").unwrap()).unwrap();
        assert_eq!(udhr.title(Lang::Fr), Some("Déclaration universelle des droits de l’homme"));
        assert_eq!(udhr.source, Source::File { path: "cat.tsv".into(), line: 2 });
        assert_eq!(udhr.title_source(Lang::Fr), Some(&Source::File { path: "cat.tsv".into(), line: 3 }));
        let sdg = c.get(&Symbol::parse("A/RES/70/1").unwrap()).unwrap();
        assert_eq!(sdg.title(Lang::En), Some("Transforming \"our\" world"));
        assert!(c.get(&Symbol::parse("E/CN.6/2009/7").unwrap()).is_some());
        assert!(c.get(&Symbol::parse("A/RES/70/3").unwrap()).is_some());
    }

    #[test]
    fn without_header_reads_default_columns() {
        let mut c = Catalogue::new();
        let (n, errors) = load(&mut c, "A/RES/70/1\t2015-09-25\tT\ten\n", 0, &|_| Source::Text);
        assert_eq!(n, 1);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 1);
    }

    #[test]
    fn garbage_never_panics() {
        let mut c = Catalogue::new();
        for text in ["", "\t\t\t", "symbol\n\t", "symbol\tdate\n𝔄\t\u{0}\n", "\r\r\n\n", "title\tsymbol\nx\ty\n"] {
            let _ = load(&mut c, text, 0, &|_| Source::Text);
        }
    }
}
