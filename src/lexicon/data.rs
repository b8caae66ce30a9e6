//! Reads the data files (`operative.txt`, `preambular.txt`; their format is documented at the
//! top of each). Never panics: a malformed line is skipped and reported in `errors`, which the
//! test `data_files_are_valid` requires to be empty.

use super::{Concept, Form, Gender, Kind, LANGS, lang_index};

/// One data file, parsed.
pub(super) struct File {
    pub concepts: Vec<Concept>,
    /// Adverbs per language, in [`LANGS`] order.
    pub adverbs: [Vec<String>; 3],
}

/// Parses one data file. `name` only labels the error messages.
pub(super) fn parse(src: &str, kind: Kind, name: &str, errors: &mut Vec<String>) -> File {
    let mut file = File { concepts: Vec::new(), adverbs: Default::default() };
    let mut current: Option<Draft> = None;
    for (i, raw) in src.lines().enumerate() {
        let line = raw.trim();
        let at = |msg: String| format!("{name}:{}: {msg}", i + 1);
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(id) = line.strip_prefix('@') {
            if let Some(d) = current.take() {
                finish(d, kind, &mut file.concepts, name, errors);
            }
            let id = id.trim();
            if id.is_empty() || !id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
                errors.push(at(format!("bad concept id {id:?} (snake_case ASCII expected)")));
            }
            current = Some(Draft { id: id.to_string(), line: i + 1, ..Draft::default() });
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            errors.push(at(format!("expected \"key: value\", found {line:?}")));
            continue;
        };
        let (key, value) = (key.trim(), value.trim());
        if value.is_empty() {
            errors.push(at(format!("empty value for {key:?}")));
            continue;
        }
        let Some(d) = current.as_mut() else {
            // File header.
            match key.strip_prefix("adverbs.").and_then(lang_of) {
                Some(l) if file.adverbs[l].is_empty() => {
                    file.adverbs[l] =
                        value.split('|').map(|a| a.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
                    if file.adverbs[l].iter().any(String::is_empty) {
                        errors.push(at("empty adverb".into()));
                        file.adverbs[l].retain(|a| !a.is_empty());
                    }
                }
                Some(_) => errors.push(at(format!("{key:?} given twice"))),
                None => errors.push(at(format!("unknown header key {key:?}"))),
            }
            continue;
        };
        let slot: Option<&mut Option<String>> = match key {
            "gloss" => Some(&mut d.gloss),
            "strength" => Some(&mut d.strength),
            _ => None,
        };
        if let Some(slot) = slot {
            if slot.replace(value.to_string()).is_some() {
                errors.push(at(format!("{key:?} given twice")));
            }
        } else if let Some(l) = lang_of(key) {
            if d.forms[l].is_some() {
                errors.push(at(format!("{key:?} given twice")));
                continue;
            }
            let mut forms = Vec::new();
            for part in value.split('|') {
                match parse_form(part) {
                    Ok(f) if forms.iter().any(|g: &Form| g.text == f.text) => {
                        errors.push(at(format!("form {:?} repeated", f.text)))
                    }
                    Ok(f) => forms.push(f),
                    Err(e) => errors.push(at(e)),
                }
            }
            d.forms[l] = Some(forms);
        } else if let Some(l) = key.strip_prefix("complement.").and_then(lang_of) {
            if d.complements[l].replace(value.to_string()).is_some() {
                errors.push(at(format!("{key:?} given twice")));
            }
        } else {
            errors.push(at(format!("unknown key {key:?}")));
        }
    }
    if let Some(d) = current.take() {
        finish(d, kind, &mut file.concepts, name, errors);
    }
    file
}

fn lang_of(code: &str) -> Option<usize> {
    LANGS.into_iter().find(|&l| l.code() == code).map(lang_index)
}

/// "Convaincue {f}" → feminine form "Convaincue". Whitespace inside a form is normalised to
/// single spaces.
fn parse_form(part: &str) -> Result<Form, String> {
    let part = part.trim();
    let (text, gender) = if let Some(t) = part.strip_suffix("{f}") {
        (t, Some(Gender::Feminine))
    } else if let Some(t) = part.strip_suffix("{m}") {
        (t, Some(Gender::Masculine))
    } else {
        (part, None)
    };
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return Err(format!("empty form in {part:?}"));
    }
    if text.contains(['{', '}', '*', '_']) {
        return Err(format!("bad character in form {text:?}"));
    }
    Ok(Form { text, gender })
}

#[derive(Default)]
struct Draft {
    id: String,
    line: usize,
    gloss: Option<String>,
    strength: Option<String>,
    forms: [Option<Vec<Form>>; 3],
    complements: [Option<String>; 3],
}

fn finish(d: Draft, kind: Kind, out: &mut Vec<Concept>, name: &str, errors: &mut Vec<String>) {
    let at = |msg: String| format!("{name}:{}: concept {:?}: {msg}", d.line, d.id);
    if d.gloss.is_none() {
        errors.push(at("no gloss".into()));
    }
    if d.strength.is_none() {
        errors.push(at("no strength".into()));
    }
    for l in LANGS {
        if d.forms[lang_index(l)].as_ref().is_none_or(|f| f.is_empty()) {
            errors.push(at(format!("no {} form", l.code())));
        }
    }
    let rank = out.len() as u32 + 1;
    let [en, fr, es] = d.forms;
    out.push(Concept {
        id: d.id,
        kind,
        rank,
        gloss: d.gloss.unwrap_or_default(),
        strength: d.strength.unwrap_or_default(),
        forms: [en.unwrap_or_default(), fr.unwrap_or_default(), es.unwrap_or_default()],
        complements: d.complements,
    });
}
