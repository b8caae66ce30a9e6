//! Renaming a footnote label, from one of its indicators or from its body: every indicator
//! `[^old]` and every body `[^old]:` becomes `[^new]`.

use crate::analysis::TextEdit;
use crate::analysis::references::footnote_at;
use crate::document::Document;
use crate::syntax::Span;

const NOT_ON_LABEL: &str =
    "only footnote labels can be renamed: place the cursor on an indicator [^…] or on the [^…] of a footnote body";

/// The label text inside `[^…]`.
fn inner(span: Span) -> Span {
    Span::new(span.start + 2, span.end.saturating_sub(1).max(span.start + 2))
}

/// The label under the cursor (the text inside `[^…]`), or why there is nothing to rename.
pub fn prepare_rename(doc: &Document, offset: usize) -> Result<Span, String> {
    footnote_at(doc, offset).map(|info| inner(info.under_cursor)).ok_or_else(|| NOT_ON_LABEL.to_string())
}

/// Checks a new label; `[^x]` is taken as `x`.
fn valid_label(new_label: &str) -> Result<&str, String> {
    let label = new_label.strip_prefix("[^").and_then(|l| l.strip_suffix(']')).unwrap_or(new_label);
    if label.is_empty() {
        return Err("a footnote label cannot be empty".to_string());
    }
    if label.chars().any(char::is_whitespace) {
        return Err(format!("a footnote label cannot contain spaces: “{label}”"));
    }
    if let Some(c) = label.chars().find(|c| matches!(c, ']' | '^' | '[')) {
        return Err(format!("a footnote label cannot contain “{c}”: “{label}”"));
    }
    Ok(label)
}

/// Renames the footnote under the cursor: edits for every indicator and every body.
/// Refuses a label with spaces, "[", "]" or "^", and a label another footnote already uses.
pub fn rename(doc: &Document, offset: usize, new_label: &str) -> Result<Vec<TextEdit>, String> {
    let info = footnote_at(doc, offset).ok_or_else(|| NOT_ON_LABEL.to_string())?;
    let label = valid_label(new_label)?;
    if label == info.label {
        return Ok(Vec::new());
    }
    let blocks = doc.parse().blocks();
    let used = blocks
        .iter()
        .any(|b| b.data.fn_refs.iter().any(|r| r.label == label) || b.data.fn_defs.iter().any(|d| d.label == label));
    if used {
        return Err(format!("footnote label [^{label}] is already used; choose another label"));
    }
    let mut edits = Vec::new();
    for b in blocks {
        let refs = b.data.fn_refs.iter().filter(|r| r.label == info.label).map(|r| r.span);
        let defs = b.data.fn_defs.iter().filter(|d| d.label == info.label).map(|d| d.span);
        edits.extend(refs.chain(defs).map(|s| TextEdit::new(inner(b.abs(s)), label)));
    }
    edits.sort_by_key(|e| e.span.start);
    Ok(edits)
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use super::*;
    use crate::analysis::apply_edits;
    use crate::analysis::fixture::extract_cursor;

    const FR: &str = "L’Assemblée générale,\n\n*Rappelant* « 𝔄 » é[^1] et ñ[^b],\n\n1. *Réaffirme* é[^1] ;\n\n[^1]: Résolution 70/1.\n[^b]: Voir A/80/1.\n";

    fn cursor_on(text: &str, needle: &str, delta: usize) -> (String, usize) {
        let i = text.find(needle).unwrap() + delta;
        extract_cursor(&format!("{}$0{}", &text[..i], &text[i..]))
    }

    #[test]
    fn rename_from_an_indicator_in_french() {
        let (text, offset) = cursor_on(FR, "[^1] ;", 1);
        let doc = Document::new(&text);
        let span = prepare_rename(&doc, offset).unwrap();
        assert_eq!(&text[span.range()], "1");
        let edits = rename(&doc, offset, "résolution-70").unwrap();
        expect![[r#"
            L’Assemblée générale,

            *Rappelant* « 𝔄 » é[^résolution-70] et ñ[^b],

            1. *Réaffirme* é[^résolution-70] ;

            [^résolution-70]: Résolution 70/1.
            [^b]: Voir A/80/1.
        "#]]
        .assert_eq(&apply_edits(&text, &edits));
    }

    #[test]
    fn rename_from_the_body_in_spanish() {
        let text = "La Asamblea General,\n\n*Recordando* « 𝔄 » ñ[^nota],\n\n[^nota]: Resolución 70/1.\n  Continúa.\n";
        let (text, offset) = cursor_on(text, "[^nota]:", 4);
        let doc = Document::new(&text);
        assert_eq!(&text[prepare_rename(&doc, offset).unwrap().range()], "nota");
        let edits = rename(&doc, offset, "[^3]").unwrap();
        expect![[r#"
            La Asamblea General,

            *Recordando* « 𝔄 » ñ[^3],

            [^3]: Resolución 70/1.
              Continúa.
        "#]]
        .assert_eq(&apply_edits(&text, &edits));
    }

    #[test]
    fn refusals_in_english() {
        let text = "The General Assembly,\n\n*Recalling* « 𝔄 » é[^1] ñ[^2],\n\n[^1]: A/1.\n[^2]: A/2.\n";
        let (text, offset) = cursor_on(text, "[^1] ñ", 0);
        let doc = Document::new(&text);
        let err = |label: &str| rename(&doc, offset, label).unwrap_err();
        expect![[r#"
            a footnote label cannot contain spaces: “a b”
            a footnote label cannot contain “]”: “a]b”
            a footnote label cannot contain “^”: “^a”
            a footnote label cannot be empty
            footnote label [^2] is already used; choose another label
        "#]]
        .assert_eq(&[err("a b"), err("a]b"), err("^a"), err(""), err("2")].map(|e| e + "\n").concat());
        assert_eq!(rename(&doc, offset, "1"), Ok(Vec::new()));
        let outside = text.find("Recalling").unwrap();
        expect!["only footnote labels can be renamed: place the cursor on an indicator [^…] or on the [^…] of a footnote body"]
            .assert_eq(&prepare_rename(&doc, outside).unwrap_err());
        assert!(rename(&doc, outside, "x").is_err());
    }
}
