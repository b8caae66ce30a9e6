//! Cited documents over real JSON-RPC (issue 4), in English and French (Spanish is in
//! tests/lsp.rs): hover on each citation form, not inside URLs nor on "24/7"; go-to-definition
//! to the cached built-in catalogue line, a catalogue file's line, the defining draft and a
//! title given in the text; citation completion. Titles and dates asserted for built-in
//! documents are those of src/catalogue/builtin.tsv; every position has é « » ñ 𝔄 before it on
//! its line.

mod support;

use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use support::Server;

fn temp_root(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("resolution-ls-citations-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// Catalogue-file rows (test titles) for documents the built-in catalogue does not hold.
const CATALOGUE: &str = "symbol\tdate\ttitle\tlanguage\n\
    A/HRC/RES/32/6\t2016-06-30\tTest title of 32/6 « ñ »\ten\n\
    A/HRC/RES/32/6\t2016-06-30\tTitre d’essai de 32/6 « ñ »\tfr\n\
    A/RES/70/153\t2015-12-17\tTitre d’essai de 70/153 𝔄\tfr\n";

/// A workspace draft that defines E/RES/2014/36 (title on line 5).
const DEFINING: &str = "---\nlang: en\norgan: ecosoc\nsymbol: E/RES/2014/36\n---\n2014/36. Draft test title « é » 𝔄\n\nThe Economic and Social Council,\n";

const EN: &str = "---\nlang: en\norgan: ga\n---\nThe General Assembly,\n\n\
*Recalling* « é » ñ 𝔄 A/RES/70/1, resolution 217 A (III), A/RES/ES-10/19, S/RES/2334 (2016), A/HRC/RES/32/6 and E/RES/2014/36,\n\n\
*Recalling also* « é » ñ 𝔄 its resolution 70/1 of 25 September 2015, Human Rights Council resolution 32/6 of 30 June 2016 and resolutions 60/251 of 15 March 2006 and 65/281 of 17 June 2011,\n\n\
*Recalling further* « é » ñ 𝔄 its resolutions 31/6 A and B, Security Council resolution 2334, https://undocs.org/A/RES/65/281 and 24/7 support,[^1]\n\n\
*Noting* « é » ñ 𝔄 its resolution 79/999 of 2 December 2024, entitled “Essai « ñ » 𝔄”,\n\n\
1. *Decides* « é » ñ 𝔄 to act.[^2]\n\n\
[^1]: « é » ñ 𝔄. Resolution 66/3.\n\
[^2]: « é » ñ 𝔄 A/CONF.157/24 (Part I), chap. III.\n";

const FR: &str = "---\nlang: fr\norgan: ga\n---\nL’Assemblée générale,\n\n\
*Rappelant* « é » ñ 𝔄 A/RES/70/1, la résolution 217 A (III), A/RES/ES-10/19, S/RES/2334 (2016), A/HRC/RES/32/6 et E/RES/2014/36,\n\n\
*Rappelant également* « é » ñ 𝔄 sa résolution 70/153 du 17 décembre 2015, la résolution 32/6 du Conseil des droits de l'homme, en date du 30 juin 2016, et ses résolutions 60/251 du 15 mars 2006 et 65/281 du 17 juin 2011,\n\n\
*Rappelant en outre* « é » ñ 𝔄 ses résolutions 31/6 A et B, la résolution 2334 du Conseil de sécurité, https://undocs.org/fr/A/RES/65/281 et le service 24/7[^1],\n\n\
*Notant* « é » ñ 𝔄 sa résolution 79/999 du 2 décembre 2024, intitulée « Essai ñ 𝔄 »,\n\n\
1. *Décide* « é » ñ 𝔄 d’agir[^2].\n\n\
[^1]: « é » ñ 𝔄 Résolution 66/3.\n\
[^2]: « é » ñ 𝔄 A/CONF.157/24 (Part I), chap. III.\n";

struct Doc {
    uri: String,
    text: &'static str,
}

impl Doc {
    /// The line holding `anchor` (its `nth` occurrence on it) and the UTF-16 column of `needle`
    /// after `anchor`'s start on that line.
    fn find(&self, anchor: &str, needle: &str) -> (usize, u64) {
        let (n, line) =
            self.text.lines().enumerate().find(|(_, l)| l.contains(anchor)).unwrap_or_else(|| panic!("{anchor:?}"));
        let a = line.find(anchor).unwrap();
        let i = a + line[a..].find(needle).unwrap_or_else(|| panic!("{needle:?} after {anchor:?}"));
        assert!(!line[..i].is_ascii(), "non-ASCII text before {needle:?}");
        (n, line[..i].encode_utf16().count() as u64)
    }

    fn at(&self, anchor: &str, needle: &str) -> Value {
        let (line, c) = self.find(anchor, needle);
        json!({"textDocument": {"uri": self.uri}, "position": {"line": line, "character": c + 1}})
    }
}

fn start(root: &Path) -> Server {
    std::fs::write(root.join("test.catalogue.tsv"), CATALOGUE).unwrap();
    std::fs::write(root.join("defining.res.md"), DEFINING).unwrap();
    let cache = root.join("cache");
    let mut s = Server::start_with_env(&[], &[("XDG_CACHE_HOME", cache.to_str().unwrap())]);
    s.request("initialize", json!({"processId": null, "rootUri": file_uri(root), "capabilities": {}}));
    s.notify("initialized", json!({}));
    s
}

/// Opens the draft and waits until the workspace is indexed (the catalogue file's title shows).
fn open(s: &mut Server, root: &Path, name: &str, text: &'static str) -> Doc {
    let doc = Doc { uri: file_uri(&root.join(name)), text };
    s.open(&doc.uri, text);
    let probe = doc.at("A/HRC/RES/32/6", "A/HRC");
    s.wait_until(|s| {
        let h = s.request("textDocument/hover", probe.clone());
        h["contents"]["value"].as_str().is_some_and(|v| v.contains("32/6 « ñ »")).then_some(())
    });
    doc
}

struct HoverCase {
    /// Text that starts the citation on its line (where the hover's range starts).
    anchor: &'static str,
    /// Where the cursor goes, at or after `anchor`.
    cursor: &'static str,
    contains: &'static [&'static str],
}

fn check_hovers(s: &mut Server, doc: &Doc, cases: &[HoverCase]) {
    for case in cases {
        let h = s.request("textDocument/hover", doc.at(case.anchor, case.cursor));
        let md = h["contents"]["value"].as_str().unwrap_or_else(|| panic!("{:?}: no hover: {h}", case.cursor));
        for c in case.contains {
            assert!(md.contains(c), "{:?}: {c:?} not in\n{md}", case.cursor);
        }
        let (line, c) = doc.find(case.anchor, case.anchor);
        assert_eq!(h["range"]["start"], json!({"line": line, "character": c}), "{:?}", case.anchor);
    }
}

/// No citation at these places: inside a URL, "24/7".
fn check_no_hover(s: &mut Server, doc: &Doc, places: &[(&str, &str)]) {
    for (anchor, needle) in places {
        assert_eq!(s.request("textDocument/hover", doc.at(anchor, needle)), Value::Null, "{needle:?}");
    }
}

#[test]
fn hover_on_each_citation_form_in_english() {
    let root = temp_root("hover-en");
    let mut s = start(&root);
    let doc = open(&mut s, &root, "en.res.md", EN);
    const VIENNA: &str = "Report of the World Conference on Human Rights, Vienna, 14–25 June 1993";
    #[rustfmt::skip]
    let cases = [
        HoverCase { anchor: "A/RES/70/1,", cursor: "70/1", contains: &["**A/RES/70/1**", "Transforming our world: the 2030 Agenda for Sustainable Development", "25 September 2015 · General Assembly", "_Source: built-in catalogue_", "[en](https://undocs.org/en/A/RES/70/1) · [fr](https://undocs.org/fr/A/RES/70/1) · [es](https://undocs.org/es/A/RES/70/1)"] },
        HoverCase { anchor: "resolution 217 A (III)", cursor: "217", contains: &["**A/RES/217 A (III)**", "Universal Declaration of Human Rights", "10 December 1948"] },
        HoverCase { anchor: "A/RES/ES-10/19", cursor: "ES-10", contains: &["**A/RES/ES-10/19**", "Status of Jerusalem", "21 December 2017"] },
        HoverCase { anchor: "S/RES/2334 (2016)", cursor: "2334", contains: &["**S/RES/2334 (2016)**", "The situation in the Middle East, including the Palestinian question", "23 December 2016 · Security Council"] },
        HoverCase { anchor: "A/HRC/RES/32/6", cursor: "32/6", contains: &["**A/HRC/RES/32/6**", "Test title of 32/6 « ñ »", "30 June 2016 · Human Rights Council", "test.catalogue.tsv, line 2_"] },
        HoverCase { anchor: "E/RES/2014/36", cursor: "2014", contains: &["**E/RES/2014/36**", "Draft test title « é » 𝔄", "Economic and Social Council", "defining.res.md"] },
        HoverCase { anchor: "its resolution 70/1 of", cursor: "70/1", contains: &["**A/RES/70/1**", "Transforming our world", "25 September 2015"] },
        HoverCase { anchor: "Human Rights Council resolution 32/6", cursor: "32/6", contains: &["**A/HRC/RES/32/6**", "Test title of 32/6"] },
        HoverCase { anchor: "resolutions 60/251", cursor: "60/251", contains: &["**A/RES/60/251**", "Human Rights Council", "15 March 2006"] },
        HoverCase { anchor: "65/281 of", cursor: "65/281", contains: &["**A/RES/65/281**", "Review of the Human Rights Council", "17 June 2011"] },
        HoverCase { anchor: "its resolutions 31/6 A", cursor: "31/6", contains: &["**A/RES/31/6 A**", "_Not in the catalogue._", "https://undocs.org/en/A/RES/31/6A"] },
        HoverCase { anchor: "B, Security", cursor: "B", contains: &["**A/RES/31/6 B**"] },
        HoverCase { anchor: "Security Council resolution 2334,", cursor: "2334", contains: &["**S/RES/2334 (2016)**", "The situation in the Middle East", "23 December 2016", "https://undocs.org/en/S/RES/2334(2016)"] },
        HoverCase { anchor: "its resolution 79/999", cursor: "79/999", contains: &["**A/RES/79/999**", "Essai « ñ » 𝔄", "_Title as given in this draft_"] },
        HoverCase { anchor: "Resolution 66/3", cursor: "66/3", contains: &["**A/RES/66/3**", "22 September 2011 · General Assembly"] },
        HoverCase { anchor: "A/CONF.157/24 (Part I)", cursor: "CONF", contains: &["**A/CONF.157/24 (Part I)**", VIENNA, "25 June 1993"] },
    ];
    check_hovers(&mut s, &doc, &cases);
    check_no_hover(&mut s, &doc, &[("https://undocs.org/A/RES/65/281", "65/281"), ("24/7", "24/7")]);
    // The draft is clean: no malformed symbol, no date or title mismatch.
    let d = s.request("textDocument/diagnostic", json!({"textDocument": {"uri": doc.uri}}));
    assert_eq!(d["items"], json!([]), "{d}");
}

#[test]
fn hover_on_each_citation_form_in_french() {
    let root = temp_root("hover-fr");
    let mut s = start(&root);
    let doc = open(&mut s, &root, "fr.res.md", FR);
    const VIENNE: &str = "Rapport de la Conférence mondiale sur les droits de l’homme, Vienne, 14-25 juin 1993";
    #[rustfmt::skip]
    let cases = [
        HoverCase { anchor: "A/RES/70/1,", cursor: "70/1", contains: &["**A/RES/70/1**", "Transformer notre monde : le Programme de développement durable à l’horizon 2030", "25 septembre 2015 · General Assembly", "[fr](https://undocs.org/fr/A/RES/70/1) · [en](https://undocs.org/en/A/RES/70/1) · [es](https://undocs.org/es/A/RES/70/1)"] },
        HoverCase { anchor: "résolution 217 A (III)", cursor: "217", contains: &["**A/RES/217 A (III)**", "Déclaration universelle des droits de l’homme", "10 décembre 1948"] },
        // Only an English title is known: it is shown.
        HoverCase { anchor: "A/RES/ES-10/19", cursor: "ES-10", contains: &["**A/RES/ES-10/19**", "Status of Jerusalem", "21 décembre 2017"] },
        HoverCase { anchor: "S/RES/2334 (2016)", cursor: "2334", contains: &["**S/RES/2334 (2016)**", "23 décembre 2016 · Security Council"] },
        HoverCase { anchor: "A/HRC/RES/32/6", cursor: "32/6", contains: &["Titre d’essai de 32/6 « ñ »", "30 juin 2016", "test.catalogue.tsv, line 3_"] },
        HoverCase { anchor: "E/RES/2014/36", cursor: "2014", contains: &["**E/RES/2014/36**", "Draft test title « é » 𝔄", "defining.res.md"] },
        HoverCase { anchor: "sa résolution 70/153", cursor: "70/153", contains: &["**A/RES/70/153**", "Titre d’essai de 70/153 𝔄", "17 décembre 2015"] },
        HoverCase { anchor: "résolution 32/6 du Conseil", cursor: "32/6", contains: &["**A/HRC/RES/32/6**", "Titre d’essai de 32/6"] },
        HoverCase { anchor: "ses résolutions 60/251", cursor: "60/251", contains: &["**A/RES/60/251**", "Conseil des droits de l’homme", "15 mars 2006"] },
        HoverCase { anchor: "65/281 du", cursor: "65/281", contains: &["**A/RES/65/281**", "Review of the Human Rights Council", "17 juin 2011"] },
        HoverCase { anchor: "ses résolutions 31/6 A", cursor: "31/6", contains: &["**A/RES/31/6 A**", "_Not in the catalogue._", "https://undocs.org/fr/A/RES/31/6A"] },
        HoverCase { anchor: "B, la", cursor: "B", contains: &["**A/RES/31/6 B**"] },
        HoverCase { anchor: "résolution 2334 du Conseil de sécurité", cursor: "2334", contains: &["**S/RES/2334 (2016)**", "The situation in the Middle East", "23 décembre 2016", "https://undocs.org/fr/S/RES/2334(2016)"] },
        HoverCase { anchor: "sa résolution 79/999", cursor: "79/999", contains: &["**A/RES/79/999**", "Essai ñ 𝔄", "_Title as given in this draft_"] },
        HoverCase { anchor: "Résolution 66/3", cursor: "66/3", contains: &["**A/RES/66/3**", "22 septembre 2011"] },
        HoverCase { anchor: "A/CONF.157/24 (Part I)", cursor: "CONF", contains: &["**A/CONF.157/24 (Part I)**", VIENNE, "25 juin 1993"] },
    ];
    check_hovers(&mut s, &doc, &cases);
    check_no_hover(&mut s, &doc, &[("https://undocs.org/fr/A/RES/65/281", "65/281"), ("24/7", "24/7")]);
    let d = s.request("textDocument/diagnostic", json!({"textDocument": {"uri": doc.uri}}));
    assert_eq!(d["items"], json!([]), "{d}");
}

#[test]
fn definition_of_cited_documents_in_english_and_french() {
    let root = temp_root("definition");
    let mut s = start(&root);
    for (name, text, lang, mention, title) in [
        ("en.res.md", EN, "en", "its resolution 79/999", "Essai"),
        ("fr.res.md", FR, "fr", "sa résolution 79/999", "Essai"),
    ] {
        let doc = open(&mut s, &root, name, text);
        // Built-in: the read-only copy in the cache, at the entry's line in the draft's language.
        for (anchor, cursor, symbol) in [
            ("A/RES/70/1,", "70/1", "A/RES/70/1"),
            ("217 A (III)", "217", "A/RES/217 A (III)"),
            ("A/CONF.157/24 (Part I)", "CONF", "A/CONF.157/24 (Part I)"),
        ] {
            let def = s.request("textDocument/definition", doc.at(anchor, cursor));
            let target = def["uri"].as_str().unwrap_or_else(|| panic!("{symbol}: {def}"));
            assert!(target.contains("builtin-catalogue-"), "{def}");
            let copy = std::fs::read_to_string(target.trim_start_matches("file://")).unwrap();
            let line = copy.lines().nth(def["range"]["start"]["line"].as_u64().unwrap() as usize).unwrap();
            assert!(line.starts_with(&format!("{symbol}\t")) && line.ends_with(&format!("\t{lang}")), "{line}");
        }
        // A catalogue file: the entry's line (0-based: the English row is line 1, French 2).
        let def = s.request("textDocument/definition", doc.at("A/HRC/RES/32/6", "32/6"));
        assert!(def["uri"].as_str().unwrap().ends_with("/test.catalogue.tsv"), "{def}");
        assert_eq!(def["range"]["start"]["line"], if lang == "en" { 1 } else { 2 });
        // The draft that defines the document: its title line.
        let def = s.request("textDocument/definition", doc.at("E/RES/2014/36", "2014"));
        assert!(def["uri"].as_str().unwrap().ends_with("/defining.res.md"), "{def}");
        assert_eq!(def["range"]["start"]["line"], 5);
        // A title given in the text: that mention's title.
        let def = s.request("textDocument/definition", doc.at(mention, "79/999"));
        assert_eq!(def["uri"], doc.uri);
        let (line, c) = doc.find(mention, title);
        assert_eq!(def["range"]["start"], json!({"line": line, "character": c}), "{lang}");
        // A Security Council number without its year goes where the full symbol goes.
        let anchor = if lang == "en" { "Security Council resolution 2334," } else { "résolution 2334 du" };
        let bare = s.request("textDocument/definition", doc.at(anchor, "2334"));
        let full = s.request("textDocument/definition", doc.at("S/RES/2334 (2016)", "2334"));
        assert!(full["uri"].as_str().unwrap().contains("builtin-catalogue-"), "{full}");
        assert_eq!(bare, full);
    }
}

#[test]
fn citation_completion_in_english_and_french() {
    let root = temp_root("completion");
    let mut s = start(&root);
    // (draft, line, the text the completion replaces, a label expected)
    let cases = [
        ("The General Assembly,\n\n*Recalling* « é » ñ 𝔄 its resolution 70/", 2, "70/", "70/1 of 25 September 2015"),
        (
            "The General Assembly,\n\n*Recalling* « é » ñ 𝔄 resolution universal",
            2,
            "universal",
            "217 A (III) of 10 December 1948",
        ),
        ("The General Assembly,\n\n*Recalling* « é » ñ 𝔄 A/RES/ES-10/", 2, "A/RES/ES-10/", "A/RES/ES-10/19"),
        ("L’Assemblée générale,\n\n*Rappelant* « é » ñ 𝔄 sa résolution 70/", 2, "70/", "70/1 du 25 septembre 2015"),
        (
            "L’Assemblée générale,\n\n*Rappelant* « é » ñ 𝔄 la résolution univ",
            2,
            "univ",
            "217 A (III) du 10 décembre 1948",
        ),
        ("L’Assemblée générale,\n\n*Rappelant* « é » ñ 𝔄 S/RES/233", 2, "S/RES/233", "S/RES/2334 (2016)"),
        (
            "L’Assemblée générale,\n\n1. *Décide* « é » ñ 𝔄.[^1]\n\n[^1]: « é » ñ 𝔄 Résolution 60/25",
            4,
            "60/25",
            "60/251 du 15 mars 2006",
        ),
    ];
    for (i, (text, line, typed, label)) in cases.into_iter().enumerate() {
        let uri = file_uri(&root.join(format!("c{i}.res.md")));
        s.open(&uri, text);
        let l = text.lines().nth(line).unwrap();
        let end = l.encode_utf16().count() as u64;
        let r = s.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": end}}),
        );
        let items = r["items"].as_array().unwrap_or_else(|| panic!("{typed}: {r}"));
        let item = items
            .iter()
            .find(|x| x["label"] == label)
            .unwrap_or_else(|| panic!("{label:?} not in {:?}", items.iter().map(|x| &x["label"]).collect::<Vec<_>>()));
        let from = l[..l.len() - typed.len()].encode_utf16().count() as u64;
        assert_eq!(
            item["textEdit"]["range"],
            json!({"start": {"line": line, "character": from}, "end": {"line": line, "character": end}}),
            "{label}"
        );
        assert_eq!(item["textEdit"]["newText"], label);
    }
}
