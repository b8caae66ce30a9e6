//! What the server reads, over real JSON-RPC (issue 8): files over `files.max-size` and
//! symbolic-link loops in the workspace are skipped with one message each; a catalogue that
//! `resolution-ls.toml` names outside the workspace is refused, unless the user's own editor
//! settings allow it. Every draft has é « » ñ 𝔄 in it.

mod support;

use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use support::Server;

fn temp_root(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("resolution-ls-safety-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// A server on `root` that reads editor settings through `workspace/configuration`: the first
/// request is answered with `settings`.
fn start(root: &Path, settings: Value) -> Server {
    let cache = root.join("cache");
    let mut s = Server::start_with_env(&[], &[("XDG_CACHE_HOME", cache.to_str().unwrap())]);
    s.request(
        "initialize",
        json!({"processId": null, "rootUri": file_uri(root), "capabilities": {"workspace": {"configuration": true}}}),
    );
    s.notify("initialized", json!({}));
    let req = s.wait(|m| m["method"] == "workspace/configuration");
    s.send(&json!({"jsonrpc": "2.0", "id": req["id"], "result": [settings]}));
    s
}

fn draft(symbol: &str, title: &str, paragraphs: usize) -> String {
    format!(
        "---\nlang: fr\norgan: ga\nsymbol: {symbol}\n---\n{}. {title}\n\nL’Assemblée générale,\n\n*Rappelant* « é » ñ 𝔄,\n\n{}",
        symbol.strip_prefix("A/RES/").unwrap(),
        (1..=paragraphs).map(|i| format!("{i}. *Décide* « ñ » 𝔄 ;\n\n")).collect::<String>()
    )
}

fn log_message(m: &Value, needle: &str) -> bool {
    m["method"] == "window/logMessage" && m["params"]["message"].as_str().is_some_and(|t| t.contains(needle))
}

#[test]
fn oversized_files_and_symlink_loops_are_skipped_with_a_message() {
    let root = temp_root("limits");
    std::fs::create_dir_all(root.join("sous")).unwrap();
    let small = draft("A/RES/80/901", "Petit projet « é »", 2);
    let big = draft("A/RES/80/902", "Grand projet « ñ »", 40);
    assert!(small.len() < 1024 && big.len() > 1024, "{} {}", small.len(), big.len());
    std::fs::write(root.join("sous/petit.res.md"), &small).unwrap();
    std::fs::write(root.join("grand.res.md"), &big).unwrap();
    let rows: String = (0..40).map(|i| format!("A/RES/80/{}\t2025-12-01\tTitre « ñ » 𝔄 {i}\tfr\n", 700 + i)).collect();
    std::fs::write(root.join("grand.catalogue.tsv"), format!("symbol\tdate\ttitle\tlanguage\n{rows}")).unwrap();
    std::os::unix::fs::symlink(&root, root.join("sous/boucle")).unwrap(); // sous/boucle/sous/boucle/…
    std::os::unix::fs::symlink("x2", root.join("x1")).unwrap(); // x1 -> x2 -> x1
    std::os::unix::fs::symlink("x1", root.join("x2")).unwrap();

    let mut s = start(&root, json!({"files": {"maxSize": "1 KB"}}));
    let grand = root.join("grand.res.md").display().to_string();
    let m = s.wait(|m| log_message(m, &grand));
    assert_eq!(m["params"]["type"], 2, "a warning: {m}");
    assert!(
        m["params"]["message"]
            .as_str()
            .unwrap()
            .ends_with("KB is larger than the 1 KB limit (setting files.max-size); not read"),
        "{m}"
    );
    let catalogue = root.join("grand.catalogue.tsv").display().to_string();
    s.wait(|m| log_message(m, &format!("{catalogue}: ")) && log_message(m, "larger than the 1 KB limit"));
    for link in ["sous/boucle", "x1", "x2"] {
        let link = root.join(link).display().to_string();
        s.wait(|m| log_message(m, &format!("{link}: symbolic-link loop; not followed")));
    }
    // The small draft is indexed (once, not again through the loop), the big one is not.
    let symbols = s.request("workspace/symbol", json!({"query": ""}));
    let uris: Vec<&str> = symbols.as_array().unwrap().iter().map(|s| s["location"]["uri"].as_str().unwrap()).collect();
    assert_eq!(uris, [file_uri(&root.join("sous/petit.res.md"))]);
    // No pop-up for files found by walking, and one log line each.
    assert_eq!(s.count(|m| m["method"] == "window/showMessage"), 0);
    assert_eq!(s.count(|m| log_message(m, "grand.res.md")), 0, "already taken: no second message");

    // With the default limit (editor settings without the key), everything is read again.
    s.notify("workspace/didChangeConfiguration", json!({"settings": {"resolution-ls": {}}}));
    let big_uri = file_uri(&root.join("grand.res.md"));
    s.wait_until(|s| {
        let symbols = s.request("workspace/symbol", json!({"query": "80/902"}));
        (symbols.as_array().unwrap().len() == 1 && symbols[0]["location"]["uri"] == big_uri).then_some(())
    });
    assert_eq!(s.shutdown_and_exit(), 0);
}

/// A draft citing A/RES/80/990, whose title only the outside catalogue has. Returns the hover.
fn hover_on_citation(s: &mut Server, uri: &str) -> String {
    let line = "*Recalling* « é » ñ 𝔄 its resolution A/RES/80/990,";
    let col = line[..line.find("80/990").unwrap()].encode_utf16().count() + 1;
    let h = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 6, "character": col}}),
    );
    h["contents"]["value"].as_str().unwrap_or_default().to_string()
}

const CITING: &str = "---\nlang: en\norgan: ga\n---\nThe General Assembly,\n\n*Recalling* « é » ñ 𝔄 its resolution A/RES/80/990,\n\n1. *Decides* « ñ » 𝔄 to act.\n";

#[test]
fn catalogue_outside_the_workspace_needs_the_editor_settings() {
    let base = temp_root("outside");
    let (root, outside) = (base.join("espace"), base.join("dehors"));
    std::fs::create_dir_all(&root).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    let tsv = "symbol\tdate\ttitle\tlanguage\nA/RES/80/990\t2025-12-01\tOutside title « ñ » 𝔄\ten\n";
    std::fs::write(outside.join("ext.tsv"), tsv).unwrap();
    // One entry leaves by `..`, the other through a symbolic link that lies inside.
    std::os::unix::fs::symlink(outside.join("ext.tsv"), root.join("lien.tsv")).unwrap();
    std::fs::write(root.join("resolution-ls.toml"), "catalogues = [\"../dehors/ext.tsv\", \"lien.tsv\"]\n").unwrap();
    let toml_uri = file_uri(&root.join("resolution-ls.toml"));

    let mut s = start(&root, json!({}));
    for name in ["../dehors/ext.tsv", "lien.tsv"] {
        let m = s.wait(|m| {
            m["method"] == "window/showMessage"
                && m["params"]["message"].as_str().is_some_and(|t| t.contains(&format!("catalogue {name} is outside")))
        });
        let text = m["params"]["message"].as_str().unwrap();
        assert!(text.contains("set `catalogue.allowOutsideWorkspace` to true in your editor settings"), "{text}");
        assert!(!text.contains("default settings stay in force"), "the other settings apply: {text}");
    }
    let d = s.wait(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == toml_uri);
    assert_eq!(d["params"]["diagnostics"][0]["code"], "config-error");
    let uri = file_uri(&root.join("cite.res.md"));
    s.open(&uri, CITING);
    let hover = hover_on_citation(&mut s, &uri);
    assert!(hover.contains("_Not in the catalogue._"), "{hover}");

    // The same permission in resolution-ls.toml is refused: it is the workspace's file.
    std::fs::write(
        root.join("resolution-ls.toml"),
        "catalogues = [\"lien.tsv\"]\n[catalogue]\nallow-outside-workspace = true\n",
    )
    .unwrap();
    s.notify("workspace/didChangeConfiguration", json!({"settings": {"resolution-ls": {}}}));
    let m = s.wait(|m| {
        m["method"] == "window/showMessage"
            && m["params"]["message"].as_str().is_some_and(|t| t.contains("read only from your editor settings"))
    });
    assert!(m["params"]["message"].as_str().unwrap().contains("resolution-ls.toml"), "{m}");
    assert!(hover_on_citation(&mut s, &uri).contains("_Not in the catalogue._"));

    // Allowed by the user's editor settings: read.
    std::fs::write(root.join("resolution-ls.toml"), "catalogues = [\"../dehors/ext.tsv\"]\n").unwrap();
    s.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"resolution-ls": {"catalogue": {"allowOutsideWorkspace": true}}}}),
    );
    s.wait_until(|s| hover_on_citation(s, &uri).contains("Outside title « ñ » 𝔄").then_some(()));
    // The settings file's error is cleared.
    s.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == toml_uri
            && m["params"]["diagnostics"] == json!([])
    });

    // A catalogue the editor settings name is the user's choice: read wherever it is.
    std::fs::write(root.join("resolution-ls.toml"), "").unwrap();
    s.notify("workspace/didChangeConfiguration", json!({"settings": {"resolution-ls": {}}}));
    s.wait_until(|s| hover_on_citation(s, &uri).contains("_Not in the catalogue._").then_some(()));
    let ext = outside.join("ext.tsv").display().to_string();
    s.notify("workspace/didChangeConfiguration", json!({"settings": {"resolution-ls": {"catalogues": [ext]}}}));
    s.wait_until(|s| hover_on_citation(s, &uri).contains("Outside title « ñ » 𝔄").then_some(()));
    assert_eq!(s.count(|m| m["method"] == "window/showMessage"), 0, "no message for it");
    assert_eq!(s.shutdown_and_exit(), 0);
}
