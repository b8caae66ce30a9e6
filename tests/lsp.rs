//! Integration tests: real JSON-RPC over stdio with the `resolution-ls` binary.

mod support;

use serde_json::{Value, json};
use support::{Server, apply_lsp_edits, summary};

const URI: &str = "file:///tmp/projet.res.md";

/// Line 2 holds é « » ñ 𝔄 before a footnote indicator without a body.
const DRAFT: &str = "L’Assemblée générale,\n\n*Rappelant* é « ñ » 𝔄 x[^1],\n\n1. *Décide* ;\n\n3. *Prie*.\n";

fn utf8_client() -> Value {
    json!({"general": {"positionEncodings": ["utf-8", "utf-16", "utf-32"]}})
}

#[test]
fn initialize_negotiates_the_position_encoding() {
    let (s, result) = Server::initialized(utf8_client());
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    assert_eq!(result["capabilities"]["textDocumentSync"]["change"], 2, "incremental sync");
    assert_eq!(result["serverInfo"]["name"], "resolution-ls");
    assert_eq!(s.shutdown_and_exit(), 0);

    let (s, result) = Server::initialized(json!({}));
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    assert!(result["capabilities"].get("diagnosticProvider").is_none(), "push-only client");
    assert_eq!(s.shutdown_and_exit(), 0);

    let (s, result) = Server::initialized(json!({"general": {"positionEncodings": ["utf-32", "utf-16"]}}));
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    drop(s);
}

#[test]
fn did_open_publishes_diagnostics_with_the_version() {
    let (mut s, _) = Server::initialized(json!({}));
    s.open(URI, DRAFT);
    let diags = s.diagnostics(URI, 1);
    assert_eq!(summary(&diags), [("footnote-undefined".into(), 2, 24), ("numbering-gap".into(), 6, 0)]);
    let gap = &diags[1];
    assert_eq!(gap["severity"], 1);
    assert_eq!(gap["source"], "resolution-ls");
    assert_eq!(gap["range"]["end"], json!({"line": 6, "character": 2}));
    assert_eq!(gap["relatedInformation"][0]["location"]["range"]["start"], json!({"line": 4, "character": 0}));
    assert_eq!(gap["relatedInformation"][0]["location"]["uri"], URI);
}

#[test]
fn positions_in_utf16_and_utf8() {
    // In UTF-16, 𝔄 is two units; in UTF-8, é ñ « » are two bytes and 𝔄 four.
    let line = "*Rappelant* é « ñ » 𝔄 x";
    let utf16 = line.encode_utf16().count() as u64;
    let utf8 = line.len() as u64;
    for (client, col) in [(json!({}), utf16), (utf8_client(), utf8)] {
        let (mut s, _) = Server::initialized(client);
        s.open(URI, DRAFT);
        let diags = s.diagnostics(URI, 1);
        assert_eq!(diags[0]["range"]["start"], json!({"line": 2, "character": col}));
        assert_eq!(diags[0]["range"]["end"], json!({"line": 2, "character": col + 4}));
        // Add the missing body right after the indicator's line, by position.
        let end_of_line_2 = json!({"line": 2, "character": col + 5});
        s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [
                {"range": {"start": end_of_line_2, "end": end_of_line_2}, "text": "\n\n[^1]: « 𝔄 »."}
            ]}),
        );
        assert_eq!(summary(&s.diagnostics(URI, 2)), [("numbering-gap".into(), 8, 0)]);
    }
}

#[test]
fn two_quick_changes_give_the_diagnostics_of_the_final_text() {
    let (mut s, _) = Server::initialized(json!({}));
    s.open(URI, DRAFT);
    s.diagnostics(URI, 1);
    // Renumber 3 → 2, then insert a second paragraph 1 before it, without waiting: 1, 1, 2.
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 6, "character": 0}, "end": {"line": 6, "character": 1}}, "text": "2"}
        ]}),
    );
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 3}, "contentChanges": [
            {"range": {"start": {"line": 6, "character": 0}, "end": {"line": 6, "character": 0}}, "text": "1. *Prie* ñ ;\n\n"}
        ]}),
    );
    let diags = s.diagnostics(URI, 3);
    assert_eq!(summary(&diags), [("footnote-undefined".into(), 2, 24), ("numbering-duplicate".into(), 6, 0)]);
}

#[test]
fn full_text_change_and_unknown_documents() {
    let (mut s, _) = Server::initialized(json!({}));
    // A change for a document that was never opened is ignored.
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///nowhere.res.md", "version": 2}, "contentChanges": [{"text": "x"}]}),
    );
    s.open(URI, DRAFT);
    s.diagnostics(URI, 1);
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": "The General Assembly,\n\n1. *Decides*.\n"}]}),
    );
    assert_eq!(summary(&s.diagnostics(URI, 2)), []);
    s.notify("textDocument/didClose", json!({"textDocument": {"uri": URI}}));
    let closed = s.wait(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"].is_null());
    assert_eq!(closed["params"]["diagnostics"], json!([]));
}

#[test]
fn pull_diagnostics() {
    let (mut s, result) = Server::initialized(json!({"textDocument": {"diagnostic": {"dynamicRegistration": false}}}));
    assert_eq!(result["capabilities"]["diagnosticProvider"]["identifier"], "resolution-ls");
    s.open(URI, DRAFT);
    let params = json!({"textDocument": {"uri": URI}});
    let report = s.request("textDocument/diagnostic", params.clone());
    assert_eq!(report["kind"], "full");
    assert_eq!(summary(&report["items"]), [("footnote-undefined".into(), 2, 24), ("numbering-gap".into(), 6, 0)]);
    let id = report["resultId"].as_str().unwrap().to_string();
    let again = s.request("textDocument/diagnostic", json!({"textDocument": {"uri": URI}, "previousResultId": id}));
    assert_eq!(again, json!({"kind": "unchanged", "resultId": id}));
    // An edit that changes the diagnostics gives a new full report.
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 6, "character": 0}, "end": {"line": 6, "character": 1}}, "text": "2"}
        ]}),
    );
    let after = s.request("textDocument/diagnostic", json!({"textDocument": {"uri": URI}, "previousResultId": id}));
    assert_eq!(after["kind"], "full");
    assert_eq!(summary(&after["items"]), [("footnote-undefined".into(), 2, 24)]);
    // In pull mode nothing is pushed.
    s.request("shutdown", Value::Null);
    assert!(!s.wait_any_pushed());
}

#[test]
fn shutdown_then_exit_ends_the_process_with_zero() {
    let (mut s, _) = Server::initialized(json!({}));
    s.open(URI, DRAFT);
    assert_eq!(s.shutdown_and_exit(), 0);
}

#[test]
fn outline_and_folding() {
    let (mut s, result) = Server::initialized(json!({}));
    assert_eq!(result["capabilities"]["documentSymbolProvider"], true);
    let text = "---\nlang: es\n---\n70/999. Título « ñ »\n\nLa Asamblea General,\n\n*Recordando* 𝔄 é,\n\n1. *Decide*:\n   a) uno;\n   b) dos;\n\n2. *Solicita* ñ.\n\n[^1]: Resolución 70/1.\n";
    s.open(URI, text);
    let symbols = s.request("textDocument/documentSymbol", json!({"textDocument": {"uri": URI}}));
    let names: Vec<&str> = symbols.as_array().unwrap().iter().map(|x| x["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["70/999. Título « ñ »", "Preamble", "1. Decide", "2. Solicita", "Footnotes"]);
    let para = &symbols[2];
    assert_eq!(
        para["selectionRange"],
        json!({"start": {"line": 9, "character": 0}, "end": {"line": 9, "character": 2}})
    );
    let subs: Vec<&str> = para["children"].as_array().unwrap().iter().map(|x| x["name"].as_str().unwrap()).collect();
    assert_eq!(subs, ["a) uno", "b) dos"]);
    let folds = s.request("textDocument/foldingRange", json!({"textDocument": {"uri": URI}}));
    let lines: Vec<(u64, u64)> = folds
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["startLine"].as_u64().unwrap(), f["endLine"].as_u64().unwrap()))
        .collect();
    assert_eq!(lines, [(0, 2), (9, 11)]);
    // Unknown documents get null, not an error.
    let none = s.request("textDocument/documentSymbol", json!({"textDocument": {"uri": "file:///none.res.md"}}));
    assert_eq!(none, Value::Null);
}

fn temp_root(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("resolution-ls-lsp-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn file_uri(path: &std::path::Path) -> String {
    format!("file://{}", path.display())
}

#[test]
fn settings_from_the_toml_file_and_the_editor() {
    let root = temp_root("settings");
    std::fs::write(root.join("resolution-ls.toml"), "[rules]\nnumbering-gap = \"warning\"\n").unwrap();
    let mut s = Server::start(&[]);
    s.request(
        "initialize",
        json!({"processId": null, "rootUri": file_uri(&root), "capabilities": {"workspace": {"configuration": true}}}),
    );
    s.notify("initialized", json!({}));
    // The server asks for the editor's settings: footnote-undefined off.
    let req = s.wait(|m| m["method"] == "workspace/configuration");
    assert_eq!(req["params"]["items"][0]["section"], "resolution-ls");
    s.send(&json!({"jsonrpc": "2.0", "id": req["id"], "result": [{"rules": {"footnote-undefined": "off"}}]}));
    let uri = file_uri(&root.join("d.res.md"));
    s.open(&uri, DRAFT);
    // Diagnostics for version 1 come once at open and again when the settings land; the last
    // one follows both layers.
    let expect_final = |d: &Value| {
        d["params"]["uri"] == uri
            && d["params"]["diagnostics"]
                .as_array()
                .is_some_and(|a| a.len() == 1 && a[0]["code"] == "numbering-gap" && a[0]["severity"] == 2)
    };
    s.wait(|m| m["method"] == "textDocument/publishDiagnostics" && expect_final(m));

    // A malformed file: one clear message, a diagnostic on the file, defaults in force.
    std::fs::write(root.join("resolution-ls.toml"), "[rules]\nnumbering-gap = \"loud\"\n").unwrap();
    s.notify("workspace/didChangeConfiguration", json!({"settings": {"resolution-ls": {}}}));
    let msg = s.wait(|m| m["method"] == "window/showMessage");
    assert!(msg["params"]["message"].as_str().unwrap().contains("`loud` is not a setting"), "{msg}");
    let toml_uri = file_uri(&root.join("resolution-ls.toml"));
    let d = s.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == toml_uri
            && m["params"]["diagnostics"] != json!([])
    });
    assert_eq!(d["params"]["diagnostics"][0]["code"], "config-error");
    let d = s.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && m["params"]["diagnostics"].as_array().is_some_and(|a| a.len() == 2)
    });
    assert_eq!(
        summary(&d["params"]["diagnostics"]),
        [("footnote-undefined".into(), 2, 24), ("numbering-gap".into(), 6, 0)]
    );
    assert_eq!(d["params"]["diagnostics"][1]["severity"], 1, "default severity again");
}

/// A French draft with a cross-reference, a footnote used twice, and a gap (paragraph 3 → 4).
const FR: &str = "L’Assemblée générale,\n\n*Rappelant* « é » ñ 𝔄 la Déclaration[^1],\n\n1. *Réaffirme* la Déclaration[^1] ;\n\n2. *Prie* le Secrétaire général, comme au paragraphe 1 ci-dessus :\n   a) De réunir ;\n   b) De présenter ;\n\n4. *Décide* de rester saisie de la question.\n\n[^1]: A/CONF.157/24 (Part I), chap. III.\n";

fn pos(line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": URI}, "position": {"line": line, "character": character}})
}

#[test]
fn hover_definition_references_highlight_in_french() {
    let (mut s, result) = Server::initialized(json!({}));
    for cap in ["hoverProvider", "definitionProvider", "referencesProvider", "documentHighlightProvider"] {
        assert_eq!(result["capabilities"][cap], true, "{cap}");
    }
    s.open(URI, FR);
    // On the first indicator (line 2, after « é » ñ 𝔄: UTF-16 column of "[^1]").
    let col = "*Rappelant* « é » ñ 𝔄 la Déclaration".encode_utf16().count() as u32;
    let hover = s.request("textDocument/hover", pos(2, col + 1));
    assert_eq!(
        hover["contents"]["value"],
        "**Footnote [^1]**\n\nA/CONF.157/24 (Part I), chap. III.\n\n_2 indicator(s)_\n\nA/CONF.157/24 (Part I): Rapport de la Conférence mondiale sur les droits de l’homme, Vienne, 14-25 juin 1993 (Déclaration et Programme d’action de Vienne, chap. III)"
    );
    assert_eq!(hover["range"]["start"], json!({"line": 2, "character": col}));
    let def = s.request("textDocument/definition", pos(2, col + 1));
    assert_eq!(def["range"]["start"], json!({"line": 12, "character": 0}));
    let refs = s.request(
        "textDocument/references",
        json!({"textDocument": {"uri": URI}, "position": {"line": 2, "character": col + 1}, "context": {"includeDeclaration": true}}),
    );
    let lines: Vec<u64> =
        refs.as_array().unwrap().iter().map(|l| l["range"]["start"]["line"].as_u64().unwrap()).collect();
    assert_eq!(lines, [2, 4, 12]);
    let hl = s.request("textDocument/documentHighlight", pos(4, 31));
    assert_eq!(hl.as_array().unwrap().len(), 3);
    // The cross-reference "paragraphe 1 ci-dessus" shows paragraph 1.
    let line6 = "2. *Prie* le Secrétaire général, comme au paragraphe ";
    let h = s.request("textDocument/hover", pos(6, line6.encode_utf16().count() as u32));
    assert!(h["contents"]["value"].as_str().unwrap().contains("1. *Réaffirme* la Déclaration[^1] ;"), "{h}");
    // An opening phrase shows its gloss and its forms in the three languages.
    let h = s.request("textDocument/hover", pos(4, 6));
    let text = h["contents"]["value"].as_str().unwrap();
    assert!(
        text.starts_with("**Réaffirme**")
            && text.contains("- English: Reaffirms")
            && text.contains("- Spanish: Reafirma"),
        "{text}"
    );
    // Nothing under the cursor: null.
    assert_eq!(s.request("textDocument/hover", pos(0, 3)), Value::Null);
}

#[test]
fn rename_formatting_and_renumbering() {
    let (mut s, _) = Server::initialized(json!({"general": {"positionEncodings": ["utf-8"]}}));
    s.open(URI, FR);
    // prepareRename refuses outside a footnote label, with a message.
    let r = s.request_raw("textDocument/prepareRename", pos(0, 2));
    assert!(r["error"]["message"].as_str().unwrap().contains("footnote"), "{r}");
    let col = "1. *Réaffirme* la Déclaration[^".len() as u32;
    let r = s.request("textDocument/prepareRename", pos(4, col));
    assert_eq!(r["start"], json!({"line": 4, "character": col}));
    let edit = s.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": URI}, "position": {"line": 4, "character": col}, "newName": "vienne"}),
    );
    assert_eq!(edit["changes"][URI].as_array().unwrap().len(), 3);
    // Renumbering: offered as a quick fix on the gap, and as a source action.
    let actions = s.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": {"start": {"line": 10, "character": 0}, "end": {"line": 10, "character": 1}}, "context": {"diagnostics": []}}),
    );
    let titles: Vec<&str> = actions.as_array().unwrap().iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert!(titles.contains(&"Renumber operative paragraphs"), "{titles:?}");
    let renumber = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "quickfix" && a["title"] == "Renumber operative paragraphs")
        .unwrap();
    let edits = &renumber["edit"]["changes"][URI];
    assert_eq!(edits[0]["newText"], "3");
    assert_eq!(edits[0]["range"]["start"], json!({"line": 10, "character": 0}));
    let source = s.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": [], "only": ["source"]}}),
    );
    assert!(source.as_array().unwrap().iter().all(|a| a["kind"].as_str().unwrap().starts_with("source")), "{source}");
    assert_eq!(source[0]["title"], "Renumber operative paragraphs");
    // Formatting a messy version gives one blank line between paragraphs and no trailing spaces.
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": "L’Assemblée générale,   \n\n\n\n*Rappelant* « é »,\n1. x\n"}]}),
    );
    let edits = s.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": URI}, "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    assert!(!edits.as_array().unwrap().is_empty());
}

#[test]
fn completion_in_three_languages() {
    let client = json!({"textDocument": {"completion": {"completionItem": {"snippetSupport": true}}}});
    let (mut s, result) = Server::initialized(client);
    assert!(result["capabilities"]["completionProvider"].is_object());
    let cases = [
        (
            "La Asamblea General,\n\n*Recordando* ñ,\n\n1. *Decide* 𝔄;\n\n",
            6,
            0,
            "Solicita",
            "2. *Solicita* a ${1:X} que $0",
        ),
        (
            "The General Assembly,\n\n*Recalling* é,\n\n1. *Decides* ñ;\n\n2. *Req",
            6,
            7,
            "Requests",
            "*Requests* ${1:X} to $0",
        ),
        ("Le Conseil de sécurité,\n\n*Conv", 2, 5, "Convaincu", "*Convaincu* $0"),
    ];
    for (i, (text, line, character, label, snippet)) in cases.into_iter().enumerate() {
        let uri = format!("file:///c{i}.res.md");
        s.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "resolution", "version": 1, "text": text}}),
        );
        let r = s.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
        );
        let items = r["items"].as_array().unwrap();
        let item = items.iter().find(|x| x["label"] == label).unwrap_or_else(|| panic!("{label} not in {r}"));
        assert_eq!(item["textEdit"]["newText"], snippet);
        assert_eq!(item["insertTextFormat"], 2);
        assert!(item["documentation"]["value"].as_str().unwrap().contains("- English:"));
    }
}

#[test]
fn completion_documentation_on_resolve_when_the_client_asks_for_it_then() {
    // A client that resolves documentation lazily gets lists without it (133 operative verbs
    // with their documentation are some 40 KB), then the documentation of the item it shows.
    let client = json!({"textDocument": {"completion": {"completionItem": {
        "snippetSupport": true, "resolveSupport": {"properties": ["documentation", "detail"]}}}}});
    let (mut s, result) = Server::initialized(client);
    assert_eq!(result["capabilities"]["completionProvider"]["resolveProvider"], true);
    let text = "L’Assemblée générale,\n\n*Rappelant* « é » ñ 𝔄,\n\n1. *Décide* ñ ;\n\n2. Prie égal";
    s.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": URI, "languageId": "resolution", "version": 1, "text": text}}),
    );
    let position = |character| json!({"textDocument": {"uri": URI}, "position": {"line": 6, "character": character}});
    let r = s.request("textDocument/completion", position(3));
    let items = r["items"].as_array().unwrap();
    assert!(items.len() > 100, "{r}");
    assert!(items.iter().all(|i| i["documentation"].is_null() && i["data"].is_object()), "{r}");
    let r = s.request("textDocument/completion", position(12));
    let items = r["items"].as_array().unwrap();
    let item = items.iter().find(|x| x["label"] == "Prie également").unwrap_or_else(|| panic!("{r}"));
    let resolved = s.request("completionItem/resolve", item.clone());
    let doc = resolved["documentation"]["value"].as_str().unwrap_or_else(|| panic!("{resolved}"));
    assert!(doc.contains("- French: Prie"), "{doc}");
    assert_eq!(resolved["textEdit"], item["textEdit"]);
    // An item the server did not make comes back as it was.
    let foreign = json!({"label": "Décide", "data": {"lang": "xx"}});
    assert_eq!(s.request("completionItem/resolve", foreign.clone()), foreign);
}

#[test]
fn cited_documents_hover_definition_links_completion() {
    let root = temp_root("citations");
    std::fs::write(
        root.join("local.catalogue.tsv"),
        "symbol\tdate\ttitle\tlanguage\nA/RES/80/999\t2025-12-01\tCiencia oceánica « ñ »\tes\nbad row\n",
    )
    .unwrap();
    std::fs::write(
        root.join("otra.res.md"),
        "---\nlang: es\norgan: ga\nsymbol: A/RES/80/998\n---\n80/998. Título de otro proyecto\n\nLa Asamblea General,\n",
    )
    .unwrap();
    let cache = root.join("cache");
    let mut s = Server::start_with_env(&[], &[("XDG_CACHE_HOME", cache.to_str().unwrap())]);
    s.request("initialize", json!({"processId": null, "rootUri": file_uri(&root), "capabilities": {}}));
    s.notify("initialized", json!({}));
    // The malformed row is reported once.
    let msg = s.wait(|m| m["method"] == "window/showMessage");
    assert!(
        msg["params"]["message"].as_str().unwrap().contains("1 malformed row(s) skipped; first at line 3"),
        "{msg}"
    );
    let uri = file_uri(&root.join("d.res.md"));
    let text = "La Asamblea General,\n\n*Recordando* « ñ » 𝔄 su resolución 70/1, de 25 de septiembre de 2015, y sus resoluciones 80/999 y 80/998,\n\n1. *Decide* examinar A/RES/70/01.\n";
    s.open(&uri, text);
    let diags = s.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && m["params"]["diagnostics"] != json!([])
    });
    assert!(
        summary(&diags["params"]["diagnostics"]).iter().any(|(c, l, _)| c == "malformed-symbol" && *l == 4),
        "{diags}"
    );
    let col = |needle: &str| text.lines().nth(2).unwrap().split(needle).next().unwrap().encode_utf16().count() as u32;
    let at = |c: u32| json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": c}});
    // Built-in: title in the document's language, date, links; definition in the cached copy.
    let h = s.request("textDocument/hover", at(col("70/1") + 1));
    let md = h["contents"]["value"].as_str().unwrap();
    assert!(
        md.contains("**A/RES/70/1**")
            && md.contains("Transformar nuestro mundo")
            && md.contains("25 de septiembre de 2015"),
        "{md}"
    );
    assert!(md.contains("https://undocs.org/es/A/RES/70/1"), "{md}");
    let def = s.request("textDocument/definition", at(col("70/1") + 1));
    let target = def["uri"].as_str().unwrap();
    assert!(target.contains("builtin-catalogue-"), "{def}");
    let line = def["range"]["start"]["line"].as_u64().unwrap() as usize;
    let copy = std::fs::read_to_string(target.trim_start_matches("file://")).unwrap();
    assert!(copy.lines().nth(line).unwrap().starts_with("A/RES/70/1\t"));
    // A workspace catalogue file and a workspace draft.
    let h = s.request("textDocument/hover", at(col("80/999") + 1));
    assert!(h["contents"]["value"].as_str().unwrap().contains("Ciencia oceánica « ñ »"), "{h}");
    let def = s.request("textDocument/definition", at(col("80/999") + 1));
    assert!(def["uri"].as_str().unwrap().ends_with("local.catalogue.tsv"));
    assert_eq!(def["range"]["start"]["line"], 1);
    let def = s.request("textDocument/definition", at(col("80/998") + 1));
    assert!(def["uri"].as_str().unwrap().ends_with("otra.res.md"), "{def}");
    assert_eq!(def["range"]["start"]["line"], 5);
    // References across the open draft and the workspace's drafts; highlight in this draft.
    std::fs::write(root.join("tercera.res.md"), "La Asamblea General,\n\n*Recordando* su resolución 70/1,\n").unwrap();
    let refs = s.request(
        "textDocument/references",
        json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": col("70/1") + 1}, "context": {"includeDeclaration": true}}),
    );
    let files: Vec<&str> = refs.as_array().unwrap().iter().map(|l| l["uri"].as_str().unwrap()).collect();
    assert!(
        files.iter().any(|f| f.ends_with("d.res.md")) && files.iter().any(|f| f.ends_with("tercera.res.md")),
        "{files:?}"
    );
    let hl = s.request("textDocument/documentHighlight", at(col("70/1") + 1));
    assert_eq!(hl.as_array().unwrap().len(), 1);
    // Links.
    let links = s.request("textDocument/documentLink", json!({"textDocument": {"uri": uri}}));
    assert!(links.as_array().unwrap().iter().any(|l| l["target"] == "https://undocs.org/es/A/RES/70/1"), "{links}");
    // Completion after "resolución ".
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": "La Asamblea General,\n\n*Recordando* su resolución 70/\n"}]}),
    );
    let r = s.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 30}}),
    );
    let labels: Vec<&str> = r["items"].as_array().unwrap().iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert!(labels.contains(&"70/1, de 25 de septiembre de 2015"), "{labels:?}");
}

#[test]
fn semantic_tokens_and_workspace_symbols() {
    let root = temp_root("tokens");
    std::fs::write(
        root.join("a.res.md"),
        "---\nlang: en\norgan: sc\nsymbol: S/RES/9999 (2026)\n---\nResolution 9999 (2026)\n\nThe Security Council,\n",
    )
    .unwrap();
    let mut s = Server::start(&[]);
    let r = s.request("initialize", json!({"processId": null, "rootUri": file_uri(&root), "capabilities": {}}));
    assert_eq!(r["capabilities"]["semanticTokensProvider"]["legend"]["tokenTypes"][0], "class");
    s.notify("initialized", json!({}));
    // é « 𝔄 before the opening: UTF-16 columns count 𝔄 as two.
    let text = "L’Assemblée générale,\n\n*Rappelant* « 𝔄 » sa résolution 70/1[^1],\n\n[^1]: A/RES/70/1.\n";
    let uri = file_uri(&root.join("b.res.md"));
    s.open(&uri, text);
    let t = s.request("textDocument/semanticTokens/full", json!({"textDocument": {"uri": uri}}));
    let data: Vec<u64> = t["data"].as_array().unwrap().iter().map(|x| x.as_u64().unwrap()).collect();
    // organ formula (line 0, col 0, 21 units, type 0), opening (line +2, col 1, 9, type 1),
    // citation 70/1 (col after "*Rappelant* « 𝔄 » sa résolution "), indicator, body label, symbol.
    let col_70 = "*Rappelant* « 𝔄 » sa résolution ".encode_utf16().count() as u64;
    assert_eq!(&data[..15], &[0, 0, 21, 0, 0, 2, 1, 9, 1, 0, 0, col_70 - 1, 4, 7, 0]);
    let r = s.request(
        "textDocument/semanticTokens/range",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 4, "character": 0}, "end": {"line": 4, "character": 20}}}),
    );
    assert_eq!(r["data"].as_array().unwrap()[..5], [json!(4), json!(0), json!(4), json!(6), json!(0)]);
    // Workspace symbols come from the drafts that declare a symbol.
    let ws = s.wait_until(|s| {
        let r = s.request("workspace/symbol", json!({"query": "9999"}));
        (!r.as_array().unwrap().is_empty()).then_some(r)
    });
    assert!(ws[0]["name"].as_str().unwrap().starts_with("S/RES/9999 (2026)"), "{ws}");
    // Drafts without a symbol are listed by their title.
    std::fs::write(root.join("c.res.md"), "---\nlang: fr\n---\n80/1. Projet « ñ » sur 𝔄\n\nL’Assemblée générale,\n")
        .unwrap();
    s.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&root.join("c.res.md")), "type": 1}]}),
    );
    let ws = s.wait_until(|s| {
        let r = s.request("workspace/symbol", json!({"query": "projet"}));
        (!r.as_array().unwrap().is_empty()).then_some(r)
    });
    assert_eq!(ws[0]["name"], "80/1. Projet « ñ » sur 𝔄");
    assert_eq!(ws[0]["location"]["range"]["start"]["line"], 3);
}

#[test]
fn catalogue_files_are_followed() {
    let root = temp_root("watch");
    let mut s = Server::start(&[]);
    let caps = json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}});
    s.request("initialize", json!({"processId": null, "rootUri": file_uri(&root), "capabilities": caps}));
    s.notify("initialized", json!({}));
    // The server asks to watch drafts, catalogues and settings.
    let reg = s.wait(|m| m["method"] == "client/registerCapability");
    assert_eq!(reg["params"]["registrations"][0]["method"], "workspace/didChangeWatchedFiles");
    s.send(&json!({"jsonrpc": "2.0", "id": reg["id"], "result": null}));
    let uri = file_uri(&root.join("d.res.md"));
    s.open(&uri, "The General Assembly,\n\n*Recalling* « é » its resolution 80/777,\n");
    let at = json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 36}});
    let h = s.request("textDocument/hover", at.clone());
    assert!(h["contents"]["value"].as_str().unwrap().contains("Not in the catalogue"), "{h}");
    let cat = root.join("new.catalogue.tsv");
    std::fs::write(&cat, "symbol\tdate\ttitle\tlanguage\nA/RES/80/777\t2025-12-24\tÑandú protection 𝔄\ten\n").unwrap();
    s.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": file_uri(&cat), "type": 1}]}));
    s.wait_until(|s| {
        let h = s.request("textDocument/hover", at.clone());
        h["contents"]["value"].as_str().unwrap().contains("Ñandú protection 𝔄").then_some(())
    });
}

#[test]
fn indexing_reports_progress() {
    let root = temp_root("progress");
    std::fs::write(
        root.join("a.catalogue.tsv"),
        "symbol\tdate\ttitle\tlanguage\nA/RES/80/555\t2025-12-01\tÉtude « ñ »\tfr\n",
    )
    .unwrap();
    let mut s = Server::start(&[]);
    s.request(
        "initialize",
        json!({"processId": null, "rootUri": file_uri(&root), "capabilities": {"window": {"workDoneProgress": true}}}),
    );
    s.notify("initialized", json!({}));
    let create = s.wait(|m| m["method"] == "window/workDoneProgress/create");
    s.send(&json!({"jsonrpc": "2.0", "id": create["id"], "result": null}));
    let begin = s.wait(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "begin");
    assert_eq!(begin["params"]["token"], create["params"]["token"]);
    let end = s.wait(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end");
    assert!(end["params"]["value"]["message"].as_str().unwrap().contains("documents in the catalogue"), "{end}");
}

#[test]
fn inserting_a_paragraph_then_renumbering_keeps_references_and_footnotes_right() {
    let (mut s, _) = Server::initialized(json!({}));
    // A paragraph "2." inserted between 1 and 2 during negotiation, with a new footnote [^9].
    let text = "The General Assembly,\n\n*Recalling* « é » ñ 𝔄 the Declaration,[^1]\n\n1. *Decides* to act;[^2]\n\n2. *Welcomes* the new report;[^9]\n\n2. *Requests*, as decided in paragraph 2 above, a report:\n   (a) On progress;\n   (b) On needs;\n\n3. *Decides* to review paragraphs 1 and 2 above at its next session.\n\n[^1]: Resolution 217 A (III).\n[^2]: A/80/1.\n[^9]: A/80/2.\n";
    s.open(URI, text);
    let d = s.diagnostics(URI, 1);
    assert!(summary(&d).iter().any(|(c, _, _)| c == "numbering-duplicate"), "{d}");
    let mut current = text.to_string();
    let mut version = 1;
    for kind in ["source.renumberParagraphs", "source.renumberFootnotes"] {
        let actions = s.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": [], "only": [kind]}}),
        );
        let edits = &actions[0]["edit"]["changes"][URI];
        current = apply_lsp_edits(&current, edits);
        version += 1;
        s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": version}, "contentChanges": [{"text": current}]}),
        );
        s.diagnostics(URI, version);
    }
    assert_eq!(
        current,
        "The General Assembly,\n\n*Recalling* « é » ñ 𝔄 the Declaration,[^1]\n\n1. *Decides* to act;[^2]\n\n2. *Welcomes* the new report;[^3]\n\n3. *Requests*, as decided in paragraph 2 above, a report:\n   (a) On progress;\n   (b) On needs;\n\n4. *Decides* to review paragraphs 1 and 2 above at its next session.\n\n[^1]: Resolution 217 A (III).\n[^2]: A/80/1.\n[^3]: A/80/2.\n"
    );
    let after = s.request("textDocument/diagnostic", json!({"textDocument": {"uri": URI}}));
    assert_eq!(summary(&after["items"]), []);
}
