//! Phrases and verbs of UN drafting in English, French and Spanish: the preambular openers and
//! the operative verbs and phrases, each a [`Concept`] with its accepted [`Form`]s per language,
//! and the lookups the server needs.
//!
//! - [`Lexicon::match_opening`] recognises the opening phrase of a paragraph ("*Also requests*",
//!   "Prie également", "*Profondément préoccupée* également"); hover and diagnostics start here.
//! - [`Lexicon::complete`] offers forms for a typed prefix ("rea" → Réaffirme), with the adverb
//!   the user typed in its place ("Also re" → "Also requests"), and can leave out the forms that
//!   do not agree with the organ.
//! - [`Lexicon::suggest`] gives near misses for an unknown opening ("Reafirms" → "Reaffirms").
//! - [`organ_gender`], [`Form::gender`] and [`Concept::agreeing`]: French and Spanish adjectives
//!   and participles agree with the organ (L’Assemblée générale is feminine: *Consciente*,
//!   *Convaincue*; the Councils are masculine: *Conscient*, *Convaincu*).
//!
//! The data lives in `operative.txt` and `preambular.txt` next to this file (format at the top of
//! each), compiled in and parsed once ([`lexicon`]). Concepts are many-to-many across languages
//! (Urges = Prie instamment, Demande instamment, Exhorte … = Insta), so one form may belong to
//! several concepts: a match names the most common one and lists the others.
//!
//! Adverbs: English puts them before an operative verb ("Also requests", "Further decides",
//! "Strongly urges") and after a preambular opener ("Recalling also"); French and Spanish after
//! both ("Prie également", "Rappelant en outre", "Decide además"). After-position adverbs may also
//! sit inside a multi-word phrase ("Bearing also in mind", "Prend également note",
//! "Acogiendo también con beneplácito"). See [`adverb_position`].
//!
//! Pure and synchronous: no IO, no panics on any input. Offsets are UTF-8 byte offsets.
//! There is no official UN scale of verb strength: [`Concept::strength`] is a conventional
//! reading for hover text, never legal advice.

mod data;
#[cfg(test)]
mod tests;

use std::sync::LazyLock;

use crate::syntax::{Lang, Organ, Span};

/// Where a paragraph's opener stands: before the first numbered paragraph or in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Preambular,
    Operative,
}

/// Grammatical gender of an organ, or of a form that agrees with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    Feminine,
    Masculine,
}

/// Where adverbs go relative to the opener.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AdverbPosition {
    /// "Also requests", "Once again urges" (English operative paragraphs).
    Before,
    /// "Recalling also", "Prie également", "Decide además", and inside a multi-word phrase
    /// ("Prend également note").
    After,
}

/// English operative verbs take their adverb before; everything else after.
pub fn adverb_position(lang: Lang, kind: Kind) -> AdverbPosition {
    match (lang, kind) {
        (Lang::En, Kind::Operative) => AdverbPosition::Before,
        _ => AdverbPosition::After,
    }
}

/// The grammatical gender of the organ, which French and Spanish openers agree with: the
/// General Assembly is feminine (L’Assemblée, La Asamblea); the Security Council, the Human
/// Rights Council and ECOSOC are masculine (Le Conseil, El Consejo).
pub fn organ_gender(organ: Organ) -> Gender {
    match organ {
        Organ::Ga => Gender::Feminine,
        Organ::Sc | Organ::Hrc | Organ::Ecosoc => Gender::Masculine,
    }
}

/// One accepted surface form of a concept in one language ("Prie instamment", "Convaincue").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub text: String,
    /// `Some` when the form agrees with the organ's gender (French "Convaincue" is feminine,
    /// "Convaincu" masculine); `None` when it does not vary (Spanish "Consciente", "Decide").
    pub gender: Option<Gender>,
}

impl Form {
    /// Whether the form may open a paragraph of an organ of this gender (invariable forms
    /// always may).
    pub fn agrees_with(&self, gender: Gender) -> bool {
        self.gender.is_none_or(|g| g == gender)
    }
}

/// A preambular opener or an operative verb or phrase, with its forms in English, French and
/// Spanish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Concept {
    /// Stable snake_case identifier ("requests", "deeply_concerned").
    pub id: String,
    pub kind: Kind,
    /// 1 = most common of its kind; completion lists lower ranks first.
    pub rank: u32,
    /// One line on its use.
    pub gloss: String,
    /// "conventional reading: …" (there is no official UN scale).
    pub strength: String,
    forms: [Vec<Form>; 3],
    complements: [Option<String>; 3],
}

impl Concept {
    /// The accepted forms in `lang`, preferred first (never empty for the built-in data).
    pub fn forms(&self, lang: Lang) -> &[Form] {
        &self.forms[lang_index(lang)]
    }

    /// The usual complement, for completion snippets and hover: "Prie X de + infinitive".
    pub fn complement(&self, lang: Lang) -> Option<&str> {
        self.complements[lang_index(lang)].as_deref()
    }

    /// The preferred form in `lang` that agrees with `gender` (any form when `None`).
    pub fn preferred(&self, lang: Lang, gender: Option<Gender>) -> Option<&Form> {
        self.forms(lang).iter().find(|f| gender.is_none_or(|g| f.agrees_with(g)))
    }

    /// The form of this concept that a text using `form` should use for an organ of gender
    /// `gender`: `form` itself when it agrees, else the closest form of that gender
    /// ("Profondément préoccupée" → "Profondément préoccupé"). `None` when there is none.
    pub fn agreeing<'a>(&'a self, lang: Lang, form: &'a Form, gender: Gender) -> Option<&'a Form> {
        if form.agrees_with(gender) {
            return Some(form);
        }
        let target = fold(&form.text);
        self.forms(lang)
            .iter()
            .filter(|f| f.gender == Some(gender))
            .min_by_key(|f| distance(&fold(&f.text), &target, usize::MAX))
    }
}

/// The opening phrase recognised at the start of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opening<'a> {
    /// The most common concept with this form.
    pub concept: &'a Concept,
    pub form: &'a Form,
    /// The phrase, adverb included, relative to the text given. It never includes the opening
    /// italics marker; it includes the closing one only when the adverb (or the end of a
    /// phrase) sits outside the italics, as in "*Profondément préoccupée* également".
    pub span: Span,
    /// Whether the phrase starts inside a closed `*…*` or `_…_` run.
    pub italic: bool,
    /// The text inside the leading italics markers, if the paragraph starts with a closed run.
    pub emphasis: Option<Span>,
    /// The adverb ("also", "en outre", "once again"), if any.
    pub adverb: Option<Span>,
    /// Other concepts that share this exact form, most common first (French "Souligne" is
    /// Stresses, and also Emphasizes, Underlines, Underscores).
    pub others: Vec<&'a Concept>,
}

/// A completion item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion<'a> {
    pub concept: &'a Concept,
    pub form: &'a Form,
    /// The adverb the user typed, in the lexicon's spelling, if any.
    pub adverb: Option<&'a str>,
    /// The whole phrase to put in place of the prefix: the form, with the adverb in its place
    /// ("Also requests", "Prie également"). Equal to `form.text` when there is no adverb.
    pub text: String,
    /// Other concepts that share this form, most common first.
    pub others: Vec<&'a Concept>,
}

/// A "did you mean" candidate for an unknown opening.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion<'a> {
    pub concept: &'a Concept,
    pub form: &'a Form,
    /// The words of the text that the form would replace (a leading English operative adverb
    /// is kept out: "Also reafirms" → the span of "reafirms").
    pub span: Span,
    /// Edit distance between the accent- and case-folded words and form (0: only accents or
    /// case differ).
    pub distance: usize,
}

/// The lexicon: every concept of both kinds, with lookup tables per language and kind.
#[derive(Debug)]
pub struct Lexicon {
    /// Operative concepts in rank order, then preambular ones.
    concepts: Vec<Concept>,
    /// Per [`table_index`].
    tables: [Table; 6],
    errors: Vec<String>,
}

#[derive(Debug, Default)]
struct Table {
    /// Every form of every concept of the table's kind, in rank order then form order.
    entries: Vec<Entry>,
    adverbs: Vec<Adverb>,
    /// Entry indices by the [`first_key`] of their first word, in entry order.
    by_first: std::collections::HashMap<String, Vec<usize>>,
}

#[derive(Debug)]
struct Entry {
    concept: usize,
    form: usize,
    words: Vec<String>,
    fold: String,
    /// Other concepts (indices) with a form of the same text, in rank order.
    others: Vec<usize>,
}

#[derive(Debug)]
struct Adverb {
    text: String,
    words: Vec<String>,
    fold: String,
}

const LANGS: [Lang; 3] = [Lang::En, Lang::Fr, Lang::Es];

fn lang_index(lang: Lang) -> usize {
    match lang {
        Lang::En => 0,
        Lang::Fr => 1,
        Lang::Es => 2,
    }
}

fn table_index(lang: Lang, kind: Kind) -> usize {
    let k = match kind {
        Kind::Operative => 0,
        Kind::Preambular => 1,
    };
    k * 3 + lang_index(lang)
}

/// The built-in lexicon, parsed on first use.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: LazyLock<Lexicon> =
        LazyLock::new(|| Lexicon::build(include_str!("operative.txt"), include_str!("preambular.txt")));
    &LEXICON
}

/// Openings longer than this many words (adverbs included) are not looked for.
const MAX_WORDS: usize = 16;

impl Lexicon {
    fn build(operative: &str, preambular: &str) -> Lexicon {
        let mut errors = Vec::new();
        let op = data::parse(operative, Kind::Operative, "operative.txt", &mut errors);
        let pre = data::parse(preambular, Kind::Preambular, "preambular.txt", &mut errors);
        let mut concepts = op.concepts;
        concepts.extend(pre.concepts);
        for (i, c) in concepts.iter().enumerate() {
            if concepts[..i].iter().any(|d| d.id == c.id) {
                errors.push(format!("duplicate concept id {:?}", c.id));
            }
        }
        let mut tables: [Table; 6] = Default::default();
        for (kind, adverbs) in [(Kind::Operative, &op.adverbs), (Kind::Preambular, &pre.adverbs)] {
            for lang in LANGS {
                let table = &mut tables[table_index(lang, kind)];
                table.adverbs = adverbs[lang_index(lang)]
                    .iter()
                    .map(|a| Adverb { text: a.clone(), words: split_words(a), fold: fold(a) })
                    .collect();
                for (ci, c) in concepts.iter().enumerate().filter(|(_, c)| c.kind == kind) {
                    for (fi, f) in c.forms(lang).iter().enumerate() {
                        let words = split_words(&f.text);
                        let fold = words.iter().map(|w| fold(w)).collect::<Vec<_>>().join(" ");
                        table.entries.push(Entry { concept: ci, form: fi, words, fold, others: Vec::new() });
                    }
                }
                for (i, e) in table.entries.iter().enumerate() {
                    if let Some(w) = e.words.first() {
                        table.by_first.entry(first_key(w)).or_default().push(i);
                    }
                }
                let n = table.entries.len();
                for i in 0..n {
                    let mut others: Vec<usize> = Vec::new();
                    for j in 0..n {
                        let (a, b) = (&table.entries[i], &table.entries[j]);
                        if b.concept != a.concept && b.words == a.words && !others.contains(&b.concept) {
                            others.push(b.concept);
                        }
                    }
                    table.entries[i].others = others;
                }
            }
        }
        for e in &errors {
            tracing::error!("lexicon data: {e}");
        }
        Lexicon { concepts, tables, errors }
    }

    /// Problems found in the built-in data files (empty unless the data is broken; the tests
    /// require it to be empty).
    pub fn data_errors(&self) -> &[String] {
        &self.errors
    }

    fn table(&self, lang: Lang, kind: Kind) -> &Table {
        &self.tables[table_index(lang, kind)]
    }

    fn others(&self, e: &Entry) -> Vec<&Concept> {
        e.others.iter().map(|&i| &self.concepts[i]).collect()
    }

    fn entry_parts(&self, lang: Lang, e: &Entry) -> (&Concept, &Form) {
        let c = &self.concepts[e.concept];
        (c, &c.forms(lang)[e.form])
    }

    /// The concepts of one kind, most common first.
    pub fn concepts(&self, kind: Kind) -> impl Iterator<Item = &Concept> {
        self.concepts.iter().filter(move |c| c.kind == kind)
    }

    /// A concept by id and the other concepts with a form of the text `form` (what
    /// [`Completion::others`] holds), when the concept has that form in `lang`.
    pub fn with_form(&self, lang: Lang, kind: Kind, concept: &str, form: &str) -> Option<(&Concept, Vec<&Concept>)> {
        self.table(lang, kind).entries.iter().find_map(|e| {
            let (c, f) = self.entry_parts(lang, e);
            (c.id == concept && f.text == form).then(|| (c, self.others(e)))
        })
    }

    /// A concept by id.
    pub fn concept(&self, id: &str) -> Option<&Concept> {
        self.concepts.iter().find(|c| c.id == id)
    }

    /// The adverbs accepted with openers of this kind in this language ("also", "en outre",
    /// "una vez más"); where they go: [`adverb_position`].
    pub fn adverbs(&self, lang: Lang, kind: Kind) -> impl Iterator<Item = &str> {
        self.table(lang, kind).adverbs.iter().map(|a| a.text.as_str())
    }

    /// Recognises the opening phrase at the start of a paragraph's text (the text after any
    /// "12. " label). Leading whitespace is skipped; the phrase may be in `*…*` or `_…_`
    /// italics (runs of up to three markers are read the same way), or plain, and may run past
    /// the closing marker ("*Expresses* deep concern" is Expresses deep concern). The longest
    /// match wins; on a tie, a form without an adverb beats a shorter form with one ("Demande
    /// de nouveau" is Reiterates its call, not Demande with the adverb "de nouveau"), then the
    /// most common concept. Each word's first letter is compared case-insensitively, the rest
    /// exactly; typographic and straight apostrophes are equal. Accents must match:
    /// "Reaffirmant" is not recognised (see [`Lexicon::suggest`]).
    pub fn match_opening(&self, text: &str, lang: Lang, kind: Kind) -> Option<Opening<'_>> {
        let (toks, emphasis) = lead(text);
        let table = self.table(lang, kind);
        let pos = adverb_position(lang, kind);
        // The best so far, with its entry index.
        let mut best: Option<(usize, Hit)> = None;
        // A form can only match if its first word is one of the first words of the text (after
        // at most two English adverbs of up to two words each): a cheap filter before the word-by-word match.
        let mut candidates: Vec<usize> = toks
            .iter()
            .take(5)
            .filter_map(|t| text.get(t.range()))
            .filter_map(|w| table.by_first.get(&first_key(w)))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        for ei in candidates {
            let e = &table.entries[ei];
            let Some(hit) = match_entry(text, &toks, e, &table.adverbs, pos) else { continue };
            if best.as_ref().is_none_or(|(_, b)| hit.beats(b)) {
                best = Some((ei, hit));
            }
        }
        let (ei, Hit { end, adverb: adv }) = best?;
        let e = &table.entries[ei];
        let (concept, form) = self.entry_parts(lang, e);
        let span = Span::new(toks[0].start, toks[end - 1].end);
        Some(Opening {
            concept,
            form,
            span,
            italic: emphasis.is_some_and(|m| m.start <= span.start && span.start < m.end),
            emphasis,
            adverb: adv.map(|(a, b)| Span::new(toks[a].start, toks[b - 1].end)),
            others: self.others(e),
        })
    }

    /// Completion: the forms whose folded text ([`fold`]: accents and case ignored) starts with
    /// the folded `prefix` ("reaf", "rea" and "Réa" all find Réaffirme), most common concept
    /// first, each form text once. Leading whitespace and italics markers in `prefix` are
    /// ignored. With `gender` Some, forms of the other gender are left out (invariable forms
    /// stay). Adverbs are completed in their place: after a whole English operative adverb
    /// ("also re" → "Also requests"), and after a whole form elsewhere ("prie e" →
    /// "Prie également", "Prie en outre").
    pub fn complete(&self, prefix: &str, lang: Lang, kind: Kind, gender: Option<Gender>) -> Vec<Completion<'_>> {
        let p = normalize_prefix(prefix);
        let table = self.table(lang, kind);
        let pos = adverb_position(lang, kind);
        let mut out: Vec<Completion<'_>> = Vec::new();
        for e in &table.entries {
            let (concept, form) = self.entry_parts(lang, e);
            if gender.is_some_and(|g| !form.agrees_with(g)) {
                continue;
            }
            // (adverb, text) pairs for this form.
            let mut items: Vec<(Option<&Adverb>, String)> = Vec::new();
            if e.fold.starts_with(&p) {
                items.push((None, form.text.clone()));
            }
            match pos {
                AdverbPosition::Before => {
                    for a in &table.adverbs {
                        let Some(rest) = p.strip_prefix(a.fold.as_str()) else { continue };
                        if (rest.is_empty() || rest.starts_with(' ')) && e.fold.starts_with(rest.trim_start()) {
                            items.push((Some(a), format!("{} {}", upper_first(&a.text), lower_first(&form.text))));
                        }
                    }
                }
                AdverbPosition::After => {
                    if let Some(rest) = p.strip_prefix(e.fold.as_str()).and_then(|r| r.strip_prefix(' ')) {
                        for a in table.adverbs.iter().filter(|a| a.fold.starts_with(rest)) {
                            items.push((Some(a), format!("{} {}", form.text, a.text)));
                        }
                    }
                }
            }
            for (adverb, text) in items {
                if !out.iter().any(|o| o.text == text) {
                    let adverb = adverb.map(|a| a.text.as_str());
                    out.push(Completion { concept, form, adverb, text, others: self.others(e) });
                }
            }
        }
        out
    }

    /// "Did you mean": forms close to the opening words of `text` (for an opening that
    /// [`Lexicon::match_opening`] does not recognise), best first, at most 3, each form text
    /// once. Words and forms are compared accent- and case-folded, so a missing accent
    /// ("Reaffirmant" → "Réaffirmant") is the closest miss; then up to 1 edit for forms of 4–5
    /// letters, 2 up to 10 letters, 3 beyond ("Reafirms" → "Reaffirms"); candidates more than
    /// one edit worse than the best are dropped. Exact forms are not suggested.
    pub fn suggest(&self, text: &str, lang: Lang, kind: Kind) -> Vec<Suggestion<'_>> {
        let (toks, _) = lead(text);
        let table = self.table(lang, kind);
        let mut start = 0;
        if adverb_position(lang, kind) == AdverbPosition::Before {
            for _ in 0..2 {
                let skip = table
                    .adverbs
                    .iter()
                    .filter(|a| words_match(text, &toks, start, &a.words))
                    .map(|a| a.words.len())
                    .max();
                match skip {
                    Some(n) if start + n < toks.len() => start += n,
                    _ => break,
                }
            }
        }
        let toks = &toks[start..];
        let folded: Vec<String> = toks.iter().map(|s| fold(&text[s.range()])).collect();
        let mut found: Vec<(usize, u32, usize, &Entry, Span)> = Vec::new();
        for e in &table.entries {
            let n = e.words.len();
            if n > toks.len() || words_match(text, toks, 0, &e.words) {
                continue;
            }
            let limit = allowed_edits(e.fold.chars().count());
            let d = distance(&folded[..n].join(" "), &e.fold, limit);
            if d <= limit {
                let rank = self.concepts[e.concept].rank;
                found.push((d, rank, e.form, e, Span::new(toks[0].start, toks[n - 1].end)));
            }
        }
        found.sort_by_key(|&(d, rank, form, _, _)| (d, rank, form));
        let best = found.first().map_or(0, |f| f.0);
        let mut out: Vec<Suggestion<'_>> = Vec::new();
        for (d, _, _, e, span) in found.into_iter().take_while(|f| f.0 <= best + 1) {
            let (concept, form) = self.entry_parts(lang, e);
            if out.iter().any(|s| s.form.text == form.text) {
                continue;
            }
            out.push(Suggestion { concept, form, span, distance: d });
            if out.len() == 3 {
                break;
            }
        }
        out
    }
}

fn allowed_edits(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=5 => 1,
        6..=10 => 2,
        _ => 3,
    }
}

/// A form matched at the first token.
#[derive(Debug, Clone, Copy)]
struct Hit {
    /// The token after the match.
    end: usize,
    /// The adverb's token range.
    adverb: Option<(usize, usize)>,
}

impl Hit {
    fn adverb_len(&self) -> usize {
        self.adverb.map_or(0, |(a, b)| b - a)
    }
    /// Longer wins; at equal length, fewer adverb words (more words of the form) win.
    fn beats(&self, other: &Hit) -> bool {
        self.end > other.end || (self.end == other.end && self.adverb_len() < other.adverb_len())
    }
}

/// Matches one form (with an adverb where the language allows one) at the first token: the
/// best [`Hit`].
fn match_entry(text: &str, toks: &[Span], e: &Entry, adverbs: &[Adverb], pos: AdverbPosition) -> Option<Hit> {
    let n = e.words.len();
    let mut best: Option<Hit> = None;
    let mut consider = |end: usize, adverb: Option<(usize, usize)>| {
        let hit = Hit { end, adverb };
        if best.as_ref().is_none_or(|b| hit.beats(b)) {
            best = Some(hit);
        }
    };
    if words_match(text, toks, 0, &e.words) {
        consider(n, None);
    }
    match pos {
        AdverbPosition::Before => {
            // Up to two adverbs: "Also requests", "Once again strongly urges".
            for a in adverbs {
                if !words_match(text, toks, 0, &a.words) {
                    continue;
                }
                let k = a.words.len();
                if words_match(text, toks, k, &e.words) {
                    consider(k + n, Some((0, k)));
                }
                for b in adverbs {
                    if words_match(text, toks, k, &b.words) {
                        let k2 = k + b.words.len();
                        if words_match(text, toks, k2, &e.words) {
                            consider(k2 + n, Some((0, k2)));
                        }
                    }
                }
            }
        }
        AdverbPosition::After => {
            // One adverb after any word of the phrase: "Prie également", "Prend également note".
            for i in 1..=n.min(toks.len()) {
                if !words_match(text, toks, 0, &e.words[..i]) {
                    break;
                }
                for a in adverbs {
                    let k = a.words.len();
                    if words_match(text, toks, i, &a.words) && words_match(text, toks, i + k, &e.words[i..]) {
                        consider(n + k, Some((i, i + k)));
                    }
                }
            }
        }
    }
    best
}

/// The key [`word_eq`] compares on: the word with its first letter lower-cased and
/// apostrophes and hyphens normalised.
fn first_key(word: &str) -> String {
    let mut chars = word.chars().map(norm_punct);
    let mut out: String = chars.next().map(|c| c.to_lowercase().collect()).unwrap_or_default();
    out.extend(chars);
    out
}

/// Whether the tokens from `at` spell `pat`, word for word.
fn words_match(text: &str, toks: &[Span], at: usize, pat: &[String]) -> bool {
    at + pat.len() <= toks.len()
        && pat.iter().zip(&toks[at..]).all(|(p, t)| text.get(t.range()).is_some_and(|w| word_eq(w, p)))
}

/// Word equality: first letter case-insensitive, the rest exact; apostrophes and hyphens
/// normalised.
fn word_eq(text_word: &str, form_word: &str) -> bool {
    let mut a = text_word.chars().map(norm_punct);
    let mut b = form_word.chars().map(norm_punct);
    match (a.next(), b.next()) {
        (Some(x), Some(y)) if x == y || x.to_lowercase().eq(y.to_lowercase()) => a.eq(b),
        (None, None) => true,
        _ => false,
    }
}

fn norm_punct(c: char) -> char {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02bc}' => '\'',
        '\u{2010}' | '\u{2011}' => '-',
        _ => c,
    }
}

fn is_marker(c: char) -> bool {
    c == '*' || c == '_'
}

/// Inside a word: letters, digits, combining marks, apostrophes and hyphens.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c, '\'' | '\u{2019}' | '\u{02bc}' | '-' | '\u{2010}' | '\u{2011}' | '\u{300}'..='\u{36f}')
}

/// The first words of a paragraph (at most [`MAX_WORDS`]), read across whitespace and
/// italics markers and stopping at any other character; and the inside of a leading closed
/// italics run.
fn lead(text: &str) -> (Vec<Span>, Option<Span>) {
    let start = text.len() - text.trim_start().len();
    let rest = &text[start..];
    let mut emphasis = None;
    if let Some(c) = rest.chars().next().filter(|&c| is_marker(c)) {
        let n = rest.bytes().take_while(|&b| b == c as u8).count().min(3);
        let content = start + n;
        if let Some(j) = text[content..].find(&rest[..n]) {
            if j > 0 {
                emphasis = Some(Span::new(content, content + j));
            }
        }
    }
    let mut toks = Vec::new();
    let mut it = text[start..].char_indices().map(|(i, c)| (i + start, c)).peekable();
    while toks.len() < MAX_WORDS {
        while it.next_if(|&(_, c)| c.is_whitespace() || is_marker(c)).is_some() {}
        let Some(&(s, c)) = it.peek() else { break };
        if !c.is_alphanumeric() {
            break;
        }
        let mut e = s;
        while let Some((i, c)) = it.next_if(|&(_, c)| is_word_char(c)) {
            e = i + c.len_utf8();
        }
        toks.push(Span::new(s, e));
    }
    (toks, emphasis)
}

fn split_words(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_string).collect()
}

/// The folded prefix: leading whitespace and italics markers dropped, whitespace runs made
/// single spaces (a trailing one is kept: "prie " asks for what follows "Prie").
fn normalize_prefix(prefix: &str) -> String {
    let p = prefix.trim_start_matches(|c: char| c.is_whitespace() || is_marker(c));
    let mut out = String::new();
    let mut space = false;
    for ch in fold(p).chars() {
        if ch == ' ' {
            space = true;
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(ch);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| f.to_lowercase().chain(c).collect())
}

/// Folds text for accent- and case-insensitive comparison: lowercase, accents removed
/// (é→e, ñ→n, ç→c, œ→oe, æ→ae, ß→ss; combining accents dropped), typographic apostrophes
/// made `'`, no-break and other spaces made a plain space.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        let mapped = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
            'æ' => "ae",
            'ç' | 'ć' | 'č' => "c",
            'ď' | 'đ' => "d",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
            'ł' => "l",
            'ñ' | 'ń' | 'ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
            'œ' => "oe",
            'ŕ' | 'ř' => "r",
            'ś' | 'š' | 'ş' => "s",
            'ß' => "ss",
            'ť' | 'ţ' => "t",
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
            'ý' | 'ÿ' => "y",
            'ź' | 'ż' | 'ž' => "z",
            '\u{2019}' | '\u{2018}' | '\u{02bc}' => "'",
            '\u{300}'..='\u{36f}' => "",
            c if c.is_whitespace() => " ",
            c => {
                out.push(c);
                continue;
            }
        };
        out.push_str(mapped);
    }
    out
}

/// Optimal-string-alignment edit distance on chars; stops early and returns `limit + 1` once
/// the distance exceeds `limit`.
fn distance(a: &str, b: &str, limit: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return limit.saturating_add(1);
    }
    let w = b.len() + 1;
    let mut prev2 = vec![0usize; w];
    let mut prev: Vec<usize> = (0..w).collect();
    let mut cur = vec![0usize; w];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..w {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > limit {
            return limit.saturating_add(1);
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[w - 1]
}
