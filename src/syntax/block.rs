//! The context-free parse of one block (a run of non-blank lines). Offsets are relative to the
//! block's start, so a block that an edit does not touch keeps its parse unchanged.

use std::sync::LazyLock;

use regex::Regex;

use super::crossref::{self, CrossRef};
use super::lines::lines;
use super::{Lang, Organ, Span};

/// What a block's first line says it is, before the document-level pass gives it a role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Head {
    /// Starts with `---` (front matter when it is the document's first block).
    FrontMatter,
    /// "The General Assembly," and its equivalents.
    Organ { organ: Organ, lang: Lang },
    /// "12. …": an operative (or annex) paragraph.
    Numbered { number: u32, label: Span },
    /// "3 bis …": a negotiation insertion.
    Insertion { number: u32, suffix: String, label: Span },
    /// Starts with a sub-paragraph label such as "(a)" or "a)".
    SubParagraph,
    /// Starts with a footnote body "[^1]: …".
    FootnoteDef,
    /// "Annex", "Annexe II", "# Anexo".
    Annex,
    /// An adoption line: "73rd plenary meeting", "Adopted unanimously at …", "[Adoptée sans vote.]".
    Closing,
    /// A Markdown `#` heading.
    Heading,
    /// A block made of HTML comments only (`<!-- … -->`, invisible in Markdown previews).
    Comment,
    /// Anything else.
    Text,
}

/// An inline setting: `<!-- resolution-ls: disable CODE -->` (the rest of the file) or
/// `<!-- resolution-ls: disable-next CODE -->` (the next paragraph). No code means every rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub next_only: bool,
    pub codes: Vec<String>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelStyle {
    /// "(a)"
    Paren,
    /// "a)"
    Close,
}

/// A sub-paragraph label at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubLabel {
    pub text: String,
    pub style: LabelStyle,
    /// Indentation in characters (tabs count as 4).
    pub indent: u32,
    pub span: Span,
}

/// A footnote indicator `[^label]` (span covers the brackets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FootnoteRef {
    pub label: String,
    pub span: Span,
}

/// A footnote body `[^label]: text` (span covers `[^label]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FootnoteDef {
    pub label: String,
    pub span: Span,
}

/// One `key: value` line of front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontEntry {
    pub key: String,
    pub value: String,
    pub span: Span,
}

/// The last significant character of a paragraph or sub-paragraph, footnote indicators,
/// trailing comments and a closing "and"/"et"/"y" after a semicolon left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ending {
    pub ch: char,
    pub span: Span,
}

/// The start of a paragraph's text (after its "12." label): its first line, for the opening
/// phrase. `offset` is relative to the block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lead {
    pub offset: usize,
    pub text: String,
}

/// Kinds of space around French punctuation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Space {
    None,
    /// U+0020
    Normal,
    /// U+00A0
    NoBreak,
    /// U+202F
    NarrowNoBreak,
    /// The start or the end of a line.
    Edge,
}

/// A `;` `:` `!` `?` (space before) or `«` (space after) or `»` (space before) in running text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Punct {
    pub ch: char,
    pub span: Span,
    /// The space on the side French typography cares about, and its span (empty when none).
    pub space: Space,
    pub space_span: Span,
}

/// The opening phrase recognised for one language and kind (a cache filled on first use by
/// the analysis; a block that an edit does not touch keeps it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpeningSummary {
    pub concept_id: String,
    /// Index of the form among the concept's forms in that language.
    pub form: usize,
    /// The phrase, relative to the block.
    pub span: Span,
    pub italic: bool,
}

/// The cited documents of a block for one language and drafting organ.
#[derive(Debug, Clone)]
pub struct CitationScan {
    pub lang: Lang,
    pub organ: Option<Organ>,
    pub citations: Vec<crate::catalogue::Citation>,
    pub malformed: Vec<crate::catalogue::Malformed>,
}

/// Per (language, kind) cache of the opening phrase; ignored by equality.
#[derive(Debug, Clone, Default)]
pub struct OpeningCache(pub [std::sync::OnceLock<Option<OpeningSummary>>; 6]);

impl PartialEq for OpeningCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}
impl Eq for OpeningCache {}

/// A cache the analysis fills on first use (citations found with the catalogue's patterns);
/// ignored by equality, kept while the block is untouched.
#[derive(Debug, Clone)]
pub struct Cache<T>(pub std::sync::OnceLock<T>);

impl<T> Default for Cache<T> {
    fn default() -> Self {
        Cache(std::sync::OnceLock::new())
    }
}

impl<T> PartialEq for Cache<T> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}
impl<T> Eq for Cache<T> {}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockData {
    pub head: Head,
    pub sub_labels: Vec<SubLabel>,
    pub fn_refs: Vec<FootnoteRef>,
    pub fn_defs: Vec<FootnoteDef>,
    /// `[bracketed text]` of negotiation drafts (not footnotes, not links).
    pub brackets: Vec<Span>,
    pub front_matter: Vec<FrontEntry>,
    /// Paragraph cross-references ("paragraph 5 above").
    pub crossrefs: Vec<CrossRef>,
    pub directives: Vec<Directive>,
    /// The paragraph's first line after its label (paragraph-like blocks that do not start
    /// with a sub-paragraph label).
    pub lead: Option<Lead>,
    /// Where the text before the first sub-paragraph label ends (the whole block without one).
    pub lead_end: Option<Ending>,
    /// Where each sub-paragraph's text ends, parallel to `sub_labels`.
    pub sub_ends: Vec<Option<Ending>>,
    /// French-spacing candidates (paragraph-like blocks only).
    pub puncts: Vec<Punct>,
    pub openings: OpeningCache,
    /// Citations and malformed symbols, with the language and organ they were found for.
    pub citations: Cache<CitationScan>,
    /// One short line without final punctuation or italics: looks like a section heading
    /// ("Measures", "Seguimiento").
    pub heading_like: bool,
}

macro_rules! re {
    ($name:ident, $pat:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| Regex::new($pat).unwrap());
    };
}

re!(DIRECTIVE, r"<!--[ \t]*resolution-ls:[ \t]*(disable-next|disable)\b([^>]*?)[ \t]*-->");
re!(COMMENT_BLOCK, r"^(?:\s*<!--(?s:.)*?-->)+\s*$");
re!(NUMBERED, r"^[ \t]*([0-9]{1,3})\.(?:[ \t\u{a0}\u{202f}]+|$)");
re!(
    INSERTION,
    r"^[ \t]*([0-9]{1,3})[ \u{a0}]+(bis|ter|quater|quinquies|sexies|septies|octies|nonies|novies|decies)\b\.?"
);
re!(SUB_LABEL, r"^([ \t\u{a0}]*)(?:\(([a-z]{1,8})\)|([a-z]{1,8})\))(?:[ \t\u{a0}\u{202f}]|$)");
re!(FN_DEF, r"^\[\^([^\]\s]+)\]:");
re!(FN_REF, r"\[\^([^\]\s]+)\]");
re!(BRACKET, r"\[[^\]\[\^][^\]\[]*\]");
re!(ANNEX, r"^(?:#{1,6}[ \t]+)?(?i:annex|annexe|anexo)(?:[ \t]+(?:[IVXLC]+|[0-9]+|[A-Z]))?[ \t]*$");
re!(
    CLOSING,
    r"(?ix)^(?:
        (?:[0-9]{1,4}(?:st|nd|rd|th|e|ᵉ|er|re|a|ª|º|°)?|\p{L}*(?:st|nd|rd|th|ième|ière|ère|a|o))\.?[\x20\u{a0}]+
            (?:plenary[\x20\u{a0}]+meeting|meeting|séance(?:[\x20\u{a0}]+plénière)?|sesión(?:[\x20\u{a0}]+plenaria)?)\.?[\x20\t]*$
      | \[?(?:adopted|adoptée?s?|aprobada)[\x20\u{a0}] .*
      | \[(?:resolution|résolution|resolución)[\x20\u{a0}] .*
    )"
);
re!(
    ORGAN,
    r"(?ix)^[*_\x20]*(?:
        (?P<en>the[\x20\u{a0}]+(?P<en_o>general[\x20\u{a0}]+assembly|security[\x20\u{a0}]+council|human[\x20\u{a0}]+rights[\x20\u{a0}]+council|economic[\x20\u{a0}]+and[\x20\u{a0}]+social[\x20\u{a0}]+council))
      | (?P<fr>(?:l['’][\x20\u{a0}]*(?P<fr_ga>assemblée[\x20\u{a0}]+générale))|le[\x20\u{a0}]+conseil[\x20\u{a0}]+(?P<fr_o>de[\x20\u{a0}]+sécurité|des[\x20\u{a0}]+droits[\x20\u{a0}]+de[\x20\u{a0}]+l['’][\x20\u{a0}]*homme|économique[\x20\u{a0}]+et[\x20\u{a0}]+social))
      | (?P<es>(?:la[\x20\u{a0}]+(?P<es_ga>asamblea[\x20\u{a0}]+general))|el[\x20\u{a0}]+consejo[\x20\u{a0}]+(?P<es_o>de[\x20\u{a0}]+seguridad|de[\x20\u{a0}]+derechos[\x20\u{a0}]+humanos|económico[\x20\u{a0}]+y[\x20\u{a0}]+social))
    )[*_\x20]*,?[*_\x20\t]*$"
);

fn organ_of(line: &str) -> Option<(Organ, Lang)> {
    let caps = ORGAN.captures(line)?;
    let pick = |s: &str| {
        let s = s.to_lowercase();
        if s.contains("assembl") || s.contains("asamblea") {
            Organ::Ga
        } else if s.contains("secur") || s.contains("sécur") || s.contains("segur") {
            Organ::Sc
        } else if s.contains("right") || s.contains("droits") || s.contains("derechos") {
            Organ::Hrc
        } else {
            Organ::Ecosoc
        }
    };
    let (lang, name) = if caps.name("en").is_some() {
        (Lang::En, caps.name("en_o"))
    } else if caps.name("fr").is_some() {
        (Lang::Fr, caps.name("fr_ga").or(caps.name("fr_o")))
    } else {
        (Lang::Es, caps.name("es_ga").or(caps.name("es_o")))
    };
    Some((pick(name?.as_str()), lang))
}

fn head_of(first: &str) -> Head {
    if first.trim_end() == "---" {
        return Head::FrontMatter;
    }
    if let Some(c) = NUMBERED.captures(first) {
        let m = c.get(1).unwrap();
        if let Ok(number) = m.as_str().parse() {
            return Head::Numbered { number, label: Span::new(m.start(), m.end() + 1) };
        }
    }
    if let Some(c) = INSERTION.captures(first) {
        let all = c.get(0).unwrap();
        let start = first.len() - first.trim_start().len();
        if let Ok(number) = c[1].parse() {
            let suffix = c[2].to_string();
            return Head::Insertion { number, suffix, label: Span::new(start, all.end()) };
        }
    }
    if FN_DEF.is_match(first) {
        return Head::FootnoteDef;
    }
    if sub_label(first, Span::new(0, first.len())).is_some() {
        return Head::SubParagraph;
    }
    if ANNEX.is_match(first.trim()) {
        return Head::Annex;
    }
    if let Some((organ, lang)) = organ_of(first.trim()) {
        return Head::Organ { organ, lang };
    }
    if first.starts_with('#') {
        return Head::Heading;
    }
    if CLOSING.is_match(first.trim()) {
        return Head::Closing;
    }
    Head::Text
}

fn sub_label(line: &str, line_span: Span) -> Option<SubLabel> {
    let c = SUB_LABEL.captures(line)?;
    let (m, style) = match (c.get(2), c.get(3)) {
        (Some(m), _) => (m, LabelStyle::Paren),
        (_, Some(m)) => (m, LabelStyle::Close),
        _ => return None,
    };
    let text = m.as_str();
    use super::labels::{alpha_value, roman_value};
    if alpha_value(text).is_none() && roman_value(text).is_none() {
        return None;
    }
    let indent_str = c.get(1).unwrap().as_str();
    let indent = indent_str.chars().map(|ch| if ch == '\t' { 4 } else { 1 }).sum();
    let start = line_span.start + indent_str.len();
    let end = line_span.start + m.end() + 1;
    Some(SubLabel { text: text.to_string(), style, indent, span: Span::new(start, end) })
}

/// Parses one block. `text` is the block's own text; offsets in the result are relative to it.
pub fn parse_block(text: &str) -> BlockData {
    let first_end = lines(text).next().map_or(0, |(_, e)| e);
    let head = head_of(&text[..first_end]);
    let mut data = BlockData {
        head,
        sub_labels: Vec::new(),
        fn_refs: Vec::new(),
        fn_defs: Vec::new(),
        brackets: Vec::new(),
        front_matter: Vec::new(),
        crossrefs: Vec::new(),
        directives: Vec::new(),
        lead: None,
        lead_end: None,
        sub_ends: Vec::new(),
        puncts: Vec::new(),
        openings: OpeningCache::default(),
        citations: Cache::default(),
        heading_like: false,
    };
    if text.contains("<!--") {
        for c in DIRECTIVE.captures_iter(text) {
            let codes = c[2].split([' ', ',', '\t']).filter(|x| !x.is_empty()).map(str::to_string).collect();
            let m = c.get(0).unwrap();
            data.directives.push(Directive {
                next_only: &c[1] == "disable-next",
                codes,
                span: Span::new(m.start(), m.end()),
            });
        }
        if COMMENT_BLOCK.is_match(text) {
            data.head = Head::Comment;
        }
    }
    let paragraph_like =
        matches!(data.head, Head::Numbered { .. } | Head::Insertion { .. } | Head::SubParagraph | Head::Text);
    // Front matter: lines up to the closing fence are `key: value`.
    let mut in_front = data.head == Head::FrontMatter;
    for (i, (s, e)) in lines(text).enumerate() {
        let line = &text[s..e];
        if in_front {
            if i > 0 && line.trim_end() == "---" {
                in_front = false;
            } else if let Some((k, v)) = line.split_once(':') {
                data.front_matter.push(FrontEntry {
                    key: k.trim().to_ascii_lowercase(),
                    value: v.trim().to_string(),
                    span: Span::new(s, e),
                });
            }
            continue;
        }
        let mut ref_from = 0;
        if let Some(c) = FN_DEF.captures(line) {
            let m = c.get(0).unwrap();
            data.fn_defs.push(FootnoteDef { label: c[1].to_string(), span: Span::new(s, s + m.end() - 1) });
            ref_from = m.end();
        } else if paragraph_like && !(i == 0 && data.head != Head::SubParagraph) {
            data.sub_labels.extend(sub_label(line, Span::new(s, e)));
        }
        for c in FN_REF.captures_iter(&line[ref_from..]) {
            let m = c.get(0).unwrap();
            let span = Span::new(s + ref_from + m.start(), s + ref_from + m.end());
            data.fn_refs.push(FootnoteRef { label: c[1].to_string(), span });
        }
        if paragraph_like {
            for m in BRACKET.find_iter(line) {
                let next = line[m.end()..].chars().next();
                if !matches!(next, Some('(') | Some(':')) {
                    data.brackets.push(Span::new(s + m.start(), s + m.end()));
                }
            }
        }
    }
    if paragraph_like {
        data.crossrefs = crossref::find(text);
        endings(text, &mut data);
        data.puncts = puncts(text);
        data.heading_like = data.head == Head::Text
            && !text.contains(['\n', '\r'])
            && text.chars().count() <= 100
            && !text.trim_start().starts_with(['*', '_'])
            && data.lead_end.is_some_and(|e| !matches!(e.ch, ',' | ';' | '.' | ':'));
    }
    data
}

/// Where `text[..end]` ends: the last significant character.
fn ending(text: &str, end: usize) -> Option<Ending> {
    let mut t = &text[..end];
    loop {
        let trimmed = t.trim_end();
        if trimmed.len() != t.len() {
            t = trimmed;
            continue;
        }
        if t.ends_with("-->") {
            if let Some(i) = t.rfind("<!--") {
                t = &t[..i];
                continue;
            }
        }
        if t.ends_with(']') {
            if let Some(i) = t.rfind("[^") {
                if !t[i..].contains(char::is_whitespace) {
                    t = &t[..i];
                    continue;
                }
            }
        }
        break;
    }
    // "…; and" / "…; et" / "…; y" end like "…;".
    if let Some((i, c)) = t.char_indices().rev().find(|(_, c)| c.is_whitespace()) {
        let word = &t[i + c.len_utf8()..];
        if matches!(word, "and" | "or" | "et" | "ou" | "y" | "o" | "e" | "u") {
            let before = t[..i].trim_end();
            if before.ends_with(';') {
                t = before;
            }
        }
    }
    let (i, ch) = t.char_indices().next_back()?;
    Some(Ending { ch, span: Span::new(i, i + ch.len_utf8()) })
}

fn endings(text: &str, data: &mut BlockData) {
    let first_label = data.sub_labels.first().map(|l| l.span.start);
    let starts_with_label = data.head == Head::SubParagraph;
    if !starts_with_label {
        let lead_end = first_label.map_or(text.len(), |s| text[..s].rfind('\n').map_or(s, |n| n + 1).min(s));
        data.lead_end = ending(text, lead_end);
        let offset = match data.head {
            Head::Numbered { label, .. } | Head::Insertion { label, .. } => label.end,
            _ => 0,
        };
        let line_end = text[offset..].find(['\n', '\r']).map_or(text.len(), |i| offset + i);
        let mut end = line_end.min(offset + 240);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        data.lead = Some(Lead { offset, text: text[offset..end].to_string() });
    }
    let labels = &data.sub_labels;
    data.sub_ends = (0..labels.len())
        .map(|i| {
            let end = labels.get(i + 1).map_or(text.len(), |n| n.span.start);
            let e = ending(text, end)?;
            (e.span.start >= labels[i].span.end).then_some(e)
        })
        .collect();
}

fn space_kind(c: Option<char>) -> Space {
    match c {
        None | Some('\n') | Some('\r') => Space::Edge,
        Some(' ') | Some('\t') => Space::Normal,
        Some('\u{a0}') => Space::NoBreak,
        Some('\u{202f}') | Some('\u{2009}') => Space::NarrowNoBreak,
        _ => Space::None,
    }
}

/// French-spacing candidates: `;` `:` `!` `?` `»` with the character before, `«` with the one
/// after. Skips footnote markup, URLs, times and ratios ("10:30"), and Markdown link syntax.
fn puncts(text: &str) -> Vec<Punct> {
    let mut out = Vec::new();
    if !text.contains([';', ':', '!', '?', '«', '»']) {
        return out;
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, ch)) in chars.iter().enumerate() {
        if !matches!(ch, ';' | ':' | '!' | '?' | '«' | '»') {
            continue;
        }
        let prev = k.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(k + 1).copied();
        if ch == ':' {
            // "[^1]:", "https://", "10:30", "1:1", "[text]: url".
            let after_bracket = prev.is_some_and(|(_, c)| c == ']');
            let url = text[i..].starts_with("://");
            let digits = prev.is_some_and(|(_, c)| c.is_ascii_digit()) && next.is_some_and(|(_, c)| c.is_ascii_digit());
            if after_bracket || url || digits {
                continue;
            }
        }
        if ch == '?' || ch == '!' {
            // Inside a URL or a query ("?s=A/RES/70/1").
            let word_start =
                text[..i].char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(0, |(p, c)| p + c.len_utf8());
            if text[word_start..i].contains("://") {
                continue;
            }
        }
        let (space, space_span) = if ch == '«' {
            match next {
                Some((j, c)) => (
                    space_kind(Some(c)),
                    if space_kind(Some(c)) == Space::None || space_kind(Some(c)) == Space::Edge {
                        Span::new(j, j)
                    } else {
                        Span::new(j, j + c.len_utf8())
                    },
                ),
                None => (Space::Edge, Span::new(text.len(), text.len())),
            }
        } else {
            match prev {
                Some((j, c)) => {
                    let kind = space_kind(Some(c));
                    let span =
                        if matches!(kind, Space::None | Space::Edge) { Span::new(i, i) } else { Span::new(j, i) };
                    (kind, span)
                }
                None => (Space::Edge, Span::new(i, i)),
            }
        };
        out.push(Punct { ch, span: Span::new(i, i + ch.len_utf8()), space, space_span });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(line: &str) -> Head {
        parse_block(line).head
    }

    #[test]
    fn heads() {
        assert_eq!(head("L’Assemblée générale,"), Head::Organ { organ: Organ::Ga, lang: Lang::Fr });
        assert_eq!(head("THE SECURITY COUNCIL,"), Head::Organ { organ: Organ::Sc, lang: Lang::En });
        assert_eq!(head("El Consejo Económico y Social,"), Head::Organ { organ: Organ::Ecosoc, lang: Lang::Es });
        assert_eq!(head("Le Conseil des droits de l'homme,"), Head::Organ { organ: Organ::Hrc, lang: Lang::Fr });
        assert_eq!(head("The General Assembly"), Head::Organ { organ: Organ::Ga, lang: Lang::En });
        assert_eq!(head("The General Assembly decided to"), Head::Text);
        assert_eq!(head("17.\u{a0}*Décide* de poursuivre"), Head::Numbered { number: 17, label: Span::new(0, 3) });
        assert_eq!(
            head("3 bis. *Prie* le"),
            Head::Insertion { number: 3, suffix: "bis".into(), label: Span::new(0, 6) }
        );
        assert_eq!(head("72/169. Renforcement"), Head::Text);
        assert_eq!(head("2016. Year"), Head::Text);
        assert_eq!(head("   b) ñandú ;"), Head::SubParagraph);
        assert_eq!(head("(aa) To"), Head::SubParagraph);
        assert_eq!(head("(ab) To"), Head::Text);
        assert_eq!(head("[^12]: Résolution 66/3."), Head::FootnoteDef);
        assert_eq!(head("# Annexe II"), Head::Annex);
        assert_eq!(head("Anexo"), Head::Annex);
        assert_eq!(head("Annex to the report"), Head::Text);
        assert_eq!(head("73e séance plénière"), Head::Closing);
        assert_eq!(head("53ª sesión"), Head::Closing);
        assert_eq!(head("Novena sesión plenaria"), Head::Closing);
        assert_eq!(head("3rd plenary meeting"), Head::Closing);
        assert_eq!(head("Adopted unanimously at the 1592nd meeting."), Head::Closing);
        assert_eq!(head("[Aprobada sin votación.]"), Head::Closing);
        assert_eq!(head("Measures"), Head::Text);
        assert_eq!(head("<!-- note « é » -->\n<!-- resolution-ls: disable numbering-gap -->"), Head::Comment);
        let d = parse_block("<!-- resolution-ls: disable-next numbering-gap, footnote-unused -->").directives;
        assert_eq!(d[0].codes, ["numbering-gap", "footnote-unused"]);
        assert!(d[0].next_only);
        assert_eq!(head("Texte <!-- commentaire --> suite"), Head::Text);
        assert_eq!(head("Annual meeting"), Head::Text);
        assert_eq!(head("Première séance"), Head::Closing);
    }

    #[test]
    fn endings_and_leads() {
        let d = parse_block("12. *Prie* « é » ;[^1]\n   a) ñ ; et\n   b) 𝔄.[^2] <!-- x -->");
        assert_eq!(d.lead, Some(Lead { offset: 3, text: " *Prie* « é » ;[^1]".into() }));
        assert_eq!(d.lead_end.map(|e| e.ch), Some(';'));
        let ends: Vec<_> = d.sub_ends.iter().map(|e| e.map(|e| e.ch)).collect();
        assert_eq!(ends, [Some(';'), Some('.')]);
        let d = parse_block("*Recalling* the Vienna Declaration,[^1]");
        assert_eq!(d.lead_end.map(|e| e.ch), Some(','));
    }

    #[test]
    fn french_spacing_candidates() {
        let text = "Voir « ñ » : https://undocs.org/fr ; 10:30 ;[^1]: x!\u{a0}?";
        let d = parse_block(text);
        let got: Vec<_> = d.puncts.iter().map(|p| (p.ch, p.space)).collect();
        assert_eq!(
            got,
            [
                ('«', Space::Normal),
                ('»', Space::Normal),
                (':', Space::Normal),
                (';', Space::Normal),
                (';', Space::Normal),
                ('!', Space::None),
                ('?', Space::NoBreak)
            ]
        );
    }

    #[test]
    fn labels_refs_and_brackets() {
        let text = "2. *Estime* que « 𝔄 »[^1] :\n   a) ñ [option A] ;[^é]\n   b)\u{a0}x [^2]: y\n[^3]: z";
        let data = parse_block(text);
        let labels: Vec<_> = data.sub_labels.iter().map(|l| &text[l.span.start..l.span.end]).collect();
        assert_eq!(labels, ["a)", "b)"]);
        let refs: Vec<_> = data.fn_refs.iter().map(|r| &text[r.span.start..r.span.end]).collect();
        assert_eq!(refs, ["[^1]", "[^é]", "[^2]"]);
        let defs: Vec<_> = data.fn_defs.iter().map(|d| &text[d.span.start..d.span.end]).collect();
        assert_eq!(defs, ["[^3]"]);
        let brackets: Vec<_> = data.brackets.iter().map(|b| &text[b.start..b.end]).collect();
        assert_eq!(brackets, ["[option A]"]);
    }
}
