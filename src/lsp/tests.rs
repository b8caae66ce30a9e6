//! In-process protocol tests that need test-only hooks (a panic injected in a handler).

use std::sync::atomic::Ordering;

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream};

use super::hooks::{PANIC_IN_EDIT, PANIC_IN_HOVER};

struct Client {
    to_server: DuplexStream,
    from_server: BufReader<DuplexStream>,
    next_id: i64,
}

impl Client {
    async fn send(&mut self, v: Value) {
        let body = v.to_string();
        let msg = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        self.to_server.write_all(msg.as_bytes()).await.unwrap();
    }

    async fn read(&mut self) -> Value {
        let mut len = 0;
        loop {
            let mut line = String::new();
            self.from_server.read_line(&mut line).await.unwrap();
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                len = v.parse().unwrap();
            }
        }
        let mut body = vec![0; len];
        self.from_server.read_exact(&mut body).await.unwrap();
        serde_json::from_slice(&body).unwrap()
    }

    async fn wait(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        loop {
            let m = tokio::time::timeout(std::time::Duration::from_secs(10), self.read()).await.expect("timed out");
            if pred(&m) {
                return m;
            }
        }
    }

    async fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params})).await;
        self.wait(|m| m["id"] == id).await
    }
}

const URI: &str = "file:///panique.res.md";
const TEXT: &str =
    "L’Assemblée générale,\n\n*Rappelant* « é » ñ 𝔄[^1],\n\n1. *Décide* ;\n\n3. *Prie*.\n\n[^1]: Résolution 70/1.\n";

#[tokio::test]
async fn a_panic_in_a_handler_becomes_an_error_and_a_panic_in_an_edit_drops_the_document() {
    let (client_in, server_in) = tokio::io::duplex(1 << 20);
    let (server_out, client_out) = tokio::io::duplex(1 << 20);
    tokio::spawn(super::transport::serve(server_in, server_out));
    let mut c = Client { to_server: client_in, from_server: BufReader::new(client_out), next_id: 0 };
    c.request("initialize", json!({"capabilities": {}})).await;
    c.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}})).await;
    c.send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": URI, "languageId": "resolution", "version": 1, "text": TEXT}}})).await;
    c.wait(|m| m["method"] == "textDocument/publishDiagnostics").await;
    let hover = json!({"textDocument": {"uri": URI}, "position": {"line": 2, "character": 23}});

    PANIC_IN_HOVER.store(true, Ordering::SeqCst);
    let r = c.request("textDocument/hover", hover.clone()).await;
    assert_eq!(r["error"]["code"], -32603, "{r}");
    assert!(r["error"]["message"].as_str().unwrap().contains("injected panic"));
    // The server goes on: the same request now succeeds.
    let r = c.request("textDocument/hover", hover.clone()).await;
    assert!(r["result"]["contents"]["value"].as_str().unwrap().contains("Résolution 70/1"), "{r}");

    // A panic while applying an edit: the document is dropped, the user is told, and
    // requests on it answer null until it is reopened.
    PANIC_IN_EDIT.store(true, Ordering::SeqCst);
    c.send(json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": "x"}]}})).await;
    let m = c.wait(|m| m["method"] == "window/showMessage").await;
    assert!(m["params"]["message"].as_str().unwrap().contains("close and reopen"), "{m}");
    let r = c.request("textDocument/hover", hover.clone()).await;
    assert_eq!(r["result"], Value::Null);
    c.send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": URI, "languageId": "resolution", "version": 3, "text": TEXT}}})).await;
    let d = c.wait(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == 3).await;
    assert_eq!(d["params"]["diagnostics"][0]["code"], "numbering-gap");
}
