//! Tests across the module: real texts, the built-in catalogue against the shared catalogue,
//! load and search over the shared catalogue, formatting.

use std::path::PathBuf;
use std::time::Instant;

use super::*;
use crate::syntax::{Organ, Span};

/// `../shared/<sub>` beside the project, or `$RESOLUTION_LS_<VAR>` if set.
fn shared(var: &str, sub: &str) -> Option<PathBuf> {
    let dir = match std::env::var_os(var) {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("shared").join(sub),
    };
    dir.is_dir().then_some(dir)
}

/// Language and organ of a file named like `A-HRC-RES-54-10.fr.txt` or `S-RES-2520(2020).es.res.md`.
fn lang_organ(name: &str) -> Option<(Lang, Organ)> {
    let lang = name.split('.').nth(1).and_then(Lang::from_code)?;
    let organ = if name.starts_with("A-HRC-") {
        Organ::Hrc
    } else if name.starts_with("A-") {
        Organ::Ga
    } else if name.starts_with("S-") {
        Organ::Sc
    } else if name.starts_with("E-") {
        Organ::Ecosoc
    } else {
        return None;
    };
    Some((lang, organ))
}

fn read_dir_texts(dir: &PathBuf) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(dir) else { return out };
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if let Ok(text) = std::fs::read_to_string(e.path()) {
            out.push((name, text));
        }
    }
    out.sort();
    out
}

#[derive(Default, Debug)]
struct Counts {
    files: usize,
    text: usize,
    symbols: usize,
    dated: usize,
    titled: usize,
    malformed: usize,
}

fn scan(texts: &[(String, String)], sample: Option<&str>) -> Counts {
    let mut n = Counts::default();
    for (name, text) in texts {
        let Some((lang, organ)) = lang_organ(name) else { continue };
        n.files += 1;
        let cits = find_citations(text, lang, Some(organ));
        for w in cits.windows(2) {
            assert!(w[0].span.end <= w[1].span.start || w[0].span.start < w[1].span.start, "{name}: order");
        }
        for c in &cits {
            assert!(text.is_char_boundary(c.span.start) && text.is_char_boundary(c.span.end));
            match c.kind {
                CitationKind::Text => n.text += 1,
                CitationKind::Symbol => n.symbols += 1,
            }
            n.dated += c.date.is_some() as usize;
            n.titled += c.title.is_some() as usize;
            if sample.is_some_and(|s| name.contains(s)) {
                eprintln!("{name}: {:?} → {} {:?}", &text[c.span.range()], c.symbol, c.date.map(|d| d.to_string()));
            }
        }
        let mal = find_malformed(text);
        if sample.is_some_and(|s| name.contains(s)) {
            for m in &mal {
                eprintln!("{name}: MALFORMED {:?}: {}", &text[m.span.range()], m.message);
            }
        }
        n.malformed += mal.len();
    }
    n
}

/// The 24 real resolutions of the shared corpus: citations are found in every language, most
/// running-text citations carry a date, and no symbol written in them is malformed.
#[test]
fn corpus_citations() {
    let Some(dir) = shared("RESOLUTION_LS_CORPUS", "corpus") else { return };
    let texts = read_dir_texts(&dir);
    let n = scan(&texts, std::env::var("SAMPLE").ok().as_deref());
    eprintln!("corpus: {n:?}");
    assert!(n.files >= 20, "{n:?}");
    assert!(n.text >= 150, "{n:?}");
    assert!(n.symbols >= 40, "{n:?}");
    assert!(n.dated * 3 >= n.text, "{n:?}");
    assert_eq!(n.malformed, 0, "{n:?}");
}

/// The 1,720 raw texts: no panic, and sensible numbers of citations.
#[test]
fn realdata_citations() {
    let Some(dir) = shared("RESOLUTION_LS_REALDATA", "realdata") else { return };
    let mut texts = read_dir_texts(&dir.join("texts"));
    if cfg!(debug_assertions) {
        // Unoptimised regexes are slow: every 8th file in debug builds, all in release.
        texts = texts.into_iter().step_by(8).collect();
    }
    let start = Instant::now();
    let n = scan(&texts, std::env::var("SAMPLE").ok().as_deref());
    eprintln!("realdata: {n:?} in {:?}", start.elapsed());
    let scale = if cfg!(debug_assertions) { 8 } else { 1 };
    assert!(n.files * scale >= 1000, "{n:?}");
    assert!(n.text * scale >= 10_000, "{n:?}");
    assert!(n.dated * 3 >= n.text, "{n:?}");
    assert_eq!(n.malformed, 0, "{n:?}");
}

/// The shared catalogue file, if present (`$RESOLUTION_LS_CATALOGUE` names the folder).
fn shared_catalogue() -> Option<(String, String)> {
    let dir = shared("RESOLUTION_LS_CATALOGUE", "catalogue")?;
    let path = dir.join("un-symbol-catalogue.tsv");
    let text = std::fs::read_to_string(&path).ok()?;
    Some((path.to_string_lossy().into_owned(), text))
}

/// A key under which two spellings of one resolution meet even when their session or year
/// differ: the organ and the number (`S/RES/2334`, `A/RES/217`, `A/RES/70/1`).
fn identity(s: &Symbol) -> String {
    let base = s.base();
    let b = base.as_str();
    match b.split_once(" (") {
        Some((head, _)) if b.starts_with("A/RES/") || b.starts_with("E/RES/") => head.to_string(),
        _ => b.to_string(),
    }
}

#[test]
fn builtin_loads_cleanly() {
    let mut c = Catalogue::new();
    let (rows, errors) = c.load_tsv(BUILTIN_PATH, BUILTIN_TSV, 0);
    assert!(errors.is_empty(), "{errors:?}");
    let b = builtin();
    assert_eq!(b.len(), c.len());
    assert!(b.len() >= 150, "{} entries", b.len());
    assert!(rows >= b.len());
    // Every entry has a date or a title, and its source line holds its symbol.
    let lines: Vec<&str> = BUILTIN_TSV.lines().collect();
    for e in b.iter() {
        assert!(e.date.is_some() || e.titles.iter().next().is_some(), "{}", e.symbol);
        let Source::BuiltIn { line } = e.source else { panic!("{:?}", e.source) };
        let row = lines[line as usize - 1];
        let sym = row.split('\t').next().unwrap();
        assert_eq!(Symbol::parse(sym).as_ref(), Some(&e.symbol), "line {line}");
    }
    let udhr = b.get(&Symbol::parse("A/RES/217 A (III)").unwrap()).unwrap();
    assert_eq!(udhr.date, Date::parse_iso("1948-12-10"));
    assert_eq!(udhr.title(Lang::Fr), Some("Déclaration universelle des droits de l’homme"));
    assert_eq!(udhr.title(Lang::Es), Some("Declaración Universal de Derechos Humanos"));
    let trilingual = b.iter().filter(|e| e.titles.iter().count() == 3).count();
    eprintln!("built-in: {} entries, {} with titles in three languages", b.len(), trilingual);
}

/// Every built-in entry that the shared catalogue also holds agrees with it on the date (at
/// the precision the shared file gives) and on the symbol (same organ and number, same session
/// or year).
#[test]
fn builtin_agrees_with_the_shared_catalogue() {
    let Some((path, text)) = shared_catalogue() else { return };
    // Rows dated by distribution (HRC documents, two 1994 GA texts) say nothing of adoption.
    let lines: Vec<&str> = text.lines().collect();
    let adoption_dated = |e: &Entry| match &e.source {
        Source::File { line, .. } => !lines.get(*line as usize - 1).is_some_and(|l| l.contains("distribution date")),
        _ => true,
    };
    let mut shared = Catalogue::new();
    let _ = shared.load_tsv(&path, &text, 0);
    let mut by_identity: std::collections::HashMap<String, Vec<&Entry>> = Default::default();
    for e in shared.iter() {
        by_identity.entry(identity(&e.symbol)).or_default().push(e);
    }
    let mut compared = 0;
    let mut problems = Vec::new();
    for b in builtin().iter() {
        let Some(others) = by_identity.get(&identity(&b.symbol)) else { continue };
        for o in others {
            compared += 1;
            let same_parts =
                b.symbol.parts().is_empty() || o.symbol.parts().is_empty() || b.symbol.parts() == o.symbol.parts();
            if b.symbol.base() != o.symbol.base() {
                problems.push(format!("symbol: built-in {} vs {} ({:?})", b.symbol, o.symbol, o.source));
            } else if let (Some(bd), Some(od)) = (b.date, o.date)
                && same_parts
                && adoption_dated(o)
                && !bd.agrees_with(&od)
            {
                problems.push(format!("date of {}: built-in {bd} vs {od} ({:?})", b.symbol, o.source));
            }
        }
    }
    eprintln!("compared {compared} built-in/shared pairs; {} disagreements", problems.len());
    assert!(compared >= 50, "only {compared} pairs compared");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Loading the 11,749-row shared file: every row but a handful loads, and it is fast (time
/// printed, not asserted: run in release to measure).
#[test]
fn shared_catalogue_loads_and_searches() {
    let Some((path, text)) = shared_catalogue() else { return };
    let start = Instant::now();
    let mut c = Catalogue::new();
    let (rows, errors) = c.load_tsv(&path, &text, 10);
    let load = start.elapsed();
    eprintln!("loaded {rows} rows into {} entries in {load:?}; {} rows skipped", c.len(), errors.len());
    for e in errors.iter().take(10) {
        eprintln!("  line {}: {}", e.line, e.message);
    }
    assert!(rows >= 11_700, "{rows}");
    assert!(errors.len() < 30, "{errors:?}");
    assert!(errors.iter().all(|e| e.line >= 2));
    let s = |q: &str| c.search(q, 20);
    let queries =
        ["climate", "A/RES/70/", "70/1", "droits", "human rights council", "s/res/2334", "nuclear weap", "palest"];
    let start = Instant::now();
    let rounds = 20;
    for _ in 0..rounds {
        for q in queries {
            std::hint::black_box(s(q));
        }
    }
    eprintln!("search: {:?} per query", start.elapsed() / (rounds * queries.len() as u32));
    for q in queries {
        let r: Vec<String> = s(q).iter().take(3).map(|e| format!("{} {:?}", e.symbol, e.title(Lang::En))).collect();
        eprintln!("  {q:?}: {r:?}");
    }
    assert!(s("climate").iter().all(|e| e.titles.iter().any(|(_, t)| t.to_lowercase().contains("climat"))));
    assert!(!s("climate").is_empty());
    assert_eq!(s("A/RES/70/").first().map(|e| e.symbol.as_str()), Some("A/RES/70/5"));
    assert!(s("s/res/2334").iter().any(|e| e.symbol.as_str() == "S/RES/2334 (2016)"));
    // The built-in catalogue under the shared one: the shared titles win, built-in fill in.
    let mut merged = builtin().clone();
    let _ = merged.load_tsv(&path, &text, 10);
    let sdg = merged.get(&Symbol::parse("A/RES/70/1").unwrap()).unwrap();
    assert_eq!(
        sdg.title(Lang::Fr),
        Some("Transformer notre monde : le Programme de développement durable à l’horizon 2030")
    );
    let hrc = merged.get(&Symbol::parse("A/RES/60/251").unwrap()).unwrap();
    assert!(matches!(hrc.title_source(Lang::En), Some(Source::File { .. })));
    assert!(matches!(hrc.title_source(Lang::Fr), Some(Source::BuiltIn { .. })));
}

#[test]
fn links_and_citations() {
    let sym = |s: &str| Symbol::parse(s).unwrap();
    assert_eq!(undocs_url(&sym("A/RES/70/1"), Lang::Fr), "https://undocs.org/fr/A/RES/70/1");
    assert_eq!(undocs_url(&sym("S/RES/2334 (2016)"), Lang::En), "https://undocs.org/en/S/RES/2334(2016)");
    assert_eq!(undocs_url(&sym("A/CONF.157/24 (Part I)"), Lang::Es), "https://undocs.org/es/A/CONF.157/24(PartI)");
    let b = builtin();
    let cite = |s: &str, l: Lang| format_citation(b.get(&sym(s)).unwrap(), l);
    assert_eq!(cite("A/RES/70/1", Lang::En), "70/1 of 25 September 2015");
    assert_eq!(cite("A/RES/70/1", Lang::Fr), "70/1 du 25 septembre 2015");
    assert_eq!(cite("A/RES/70/1", Lang::Es), "70/1, de 25 de septiembre de 2015");
    assert_eq!(cite("S/RES/2334 (2016)", Lang::En), "2334 (2016) of 23 December 2016");
    assert_eq!(cite("A/RES/217 A (III)", Lang::Fr), "217 A (III) du 10 décembre 1948");
    assert_eq!(cite("A/HRC/RES/5/1", Lang::Es), "5/1, de 18 de junio de 2007");
    assert_eq!(cite("A/CONF.157/24 (Part I)", Lang::En), "A/CONF.157/24 (Part I)");
    let undated = Entry::new(sym("A/RES/75/159"), Source::Text);
    assert_eq!(format_citation(&undated, Lang::Fr), "75/159");
    assert!(titles_agree("Transformer notre monde : le Programme", "transformer notre monde — le programme"));
    assert!(titles_agree(
        "Déclaration universelle des droits de l’homme",
        "Declaration universelle des droits de l'homme"
    ));
    assert!(!titles_agree("Human Rights Council", "Review of the Human Rights Council"));
    let first = Entry::new(sym("S/RES/1 (1946)"), Source::Text).with_date(Date::ymd(1946, 1, 1));
    assert_eq!(format_citation(&first, Lang::Fr), "1 (1946) du 1er janvier 1946");
}

mod robustness {
    use proptest::prelude::*;

    use super::*;

    /// Pieces that make the recognisers work: symbols, numbers, organ names, dates, quotes,
    /// list words, non-ASCII and astral characters, line breaks.
    const PIECES: &[&str] = &[
        "A/RES/",
        "S/RES/",
        "A/HRC/RES/",
        "E/RES/",
        "a/res/",
        "A/CONF.157/24",
        " (Part I)",
        "70",
        "/",
        "1",
        "01",
        "2334",
        " (2016)",
        "(",
        ")",
        "[A]",
        " A",
        " and B",
        " to D",
        " et ",
        " y ",
        ", ",
        "resolution ",
        "résolutions ",
        "resoluciones ",
        "its ",
        "sa ",
        "su ",
        "Human Rights Council ",
        "du Conseil de sécurité",
        " de la Asamblea General",
        " of ",
        " du ",
        ", de ",
        "25 September 2015",
        "1er janvier",
        "25 de septiembre de 2015",
        " entitled “",
        "”",
        " intitulée « ",
        " »",
        "\"",
        "'",
        "S-27/",
        "ES-10/",
        "217 A (III)",
        "3419 A to D (XXX)",
        " A à D",
        "https://undocs.org/",
        "24/7",
        "é",
        "ñ",
        "𝔄",
        "\u{a0}",
        "\n",
        "\r\n",
        "-",
        "–",
        ".",
    ];

    fn soup() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

        /// No input makes a recogniser panic; every span lies on char boundaries, in order,
        /// without overlaps; every symbol found parses back to itself.
        #[test]
        fn recognisers_are_total(text in soup()) {
            for lang in [Lang::En, Lang::Fr, Lang::Es] {
                let cits = find_citations(&text, lang, Some(Organ::Ga));
                let mut prev = Span::default();
                for c in &cits {
                    // Only the unwritten letters of a range share a span.
                    prop_assert!(c.span.start >= prev.end || c.span == prev, "overlap in {text:?}");
                    prev = c.span;
                    for s in [Some(c.span), Some(c.number_span), c.date_span, c.title.as_ref().map(|t| t.1)].into_iter().flatten() {
                        prop_assert!(s.start <= s.end && s.end <= text.len());
                        prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
                    }
                    let again = Symbol::parse(c.symbol.as_str());
                    prop_assert_eq!(again.as_ref(), Some(&c.symbol));
                }
            }
            for m in find_symbols(&text) {
                prop_assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
            }
            for m in find_malformed(&text) {
                prop_assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
                if let Some(r) = &m.replacement {
                    prop_assert!(Symbol::parse(r).is_some());
                }
            }
            let _ = Symbol::parse(&text);
            let _ = Symbol::parse_joint(&text);
            let mut c = Catalogue::new();
            let _ = c.load_tsv("x.tsv", &format!("symbol\tdate\ttitle\tlanguage\n{}", text.replace(' ', "\t")), 0);
            let _ = c.search(&text, 5);
        }
    }
}
