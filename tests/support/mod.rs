//! A JSON-RPC client that drives the real `resolution-ls` binary over stdio.
#![allow(dead_code)]

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use serde_json::{Value, json};

pub const TIMEOUT: Duration = Duration::from_secs(20);

pub struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<Value>,
    /// Messages read while waiting for something else.
    pending: VecDeque<Value>,
    next_id: i64,
}

fn read_message(r: &mut impl BufRead) -> Option<Value> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            len = v.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; len?];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Server {
    pub fn start(args: &[&str]) -> Server {
        Server::start_with_env(args, &[])
    }

    pub fn start_with_env(args: &[&str], env: &[(&str, &str)]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_resolution-ls"))
            .args(args)
            .envs(env.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start resolution-ls");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(v) = read_message(&mut r) {
                if tx.send(v).is_err() {
                    break;
                }
            }
        });
        let stdin = child.stdin.take();
        Server { child, stdin, rx, pending: VecDeque::new(), next_id: 1 }
    }

    /// Starts the server and completes `initialize`/`initialized` with these client capabilities.
    pub fn initialized(capabilities: Value) -> (Server, Value) {
        let mut s = Server::start(&["--stdio"]);
        let result = s.request("initialize", json!({"processId": null, "rootUri": null, "capabilities": capabilities}));
        s.notify("initialized", json!({}));
        (s, result)
    }

    pub fn send(&mut self, msg: &Value) {
        let body = msg.to_string();
        let stdin = self.stdin.as_mut().expect("stdin open");
        write!(stdin, "Content-Length: {}\r\n\r\n{}", body.len(), body).unwrap();
        stdin.flush().unwrap();
    }

    /// Writes bytes as they are, framing included.
    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns its whole response message.
    pub fn request_raw(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
    }

    /// Sends a request and returns its result (panics on an error reply).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let r = self.request_raw(method, params);
        assert!(r.get("error").is_none(), "{method} failed: {r}");
        r["result"].clone()
    }

    /// The first message (pending or new) that matches; others are kept for later.
    pub fn wait(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        self.wait_for(TIMEOUT, pred)
    }

    /// [`Server::wait`] with another timeout.
    pub fn wait_for(&mut self, timeout: Duration, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.pending.iter().position(&pred) {
            return self.pending.remove(i).unwrap();
        }
        loop {
            let m = self.rx.recv_timeout(timeout).expect("timed out waiting for the server");
            if pred(&m) {
                return m;
            }
            self.pending.push_back(m);
        }
    }

    /// The next publishDiagnostics for `uri` with this version.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Value {
        self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        })["params"]["diagnostics"]
            .clone()
    }

    /// Whether any publishDiagnostics has arrived so far (without waiting for more).
    pub fn wait_any_pushed(&mut self) -> bool {
        while let Ok(m) = self.rx.try_recv() {
            self.pending.push_back(m);
        }
        self.pending.iter().any(|m| m["method"] == "textDocument/publishDiagnostics")
    }

    /// How many messages received so far (kept for later) match, without waiting for more.
    pub fn count(&mut self, pred: impl Fn(&Value) -> bool) -> usize {
        while let Ok(m) = self.rx.try_recv() {
            self.pending.push_back(m);
        }
        self.pending.iter().filter(|m| pred(m)).count()
    }

    /// Retries `f` until it gives a value (settings and indexing happen in the background).
    pub fn wait_until<T>(&mut self, mut f: impl FnMut(&mut Server) -> Option<T>) -> T {
        let start = std::time::Instant::now();
        loop {
            if let Some(v) = f(self) {
                return v;
            }
            assert!(start.elapsed() < TIMEOUT, "timed out");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "resolution", "version": 1, "text": text}}),
        );
    }

    pub fn shutdown_and_exit(mut self) -> i32 {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        self.stdin.take();
        wait_exit(&mut self.child)
    }

    /// `exit` when `shutdown` was already sent; returns the exit code.
    pub fn shutdown_and_exit_after_shutdown(mut self) -> i32 {
        self.notify("exit", Value::Null);
        self.stdin.take();
        wait_exit(&mut self.child)
    }

    pub fn close_stdin(&mut self) {
        self.stdin.take();
    }

    pub fn child(&mut self) -> &mut Child {
        &mut self.child
    }
}

pub fn wait_exit(child: &mut Child) -> i32 {
    let start = std::time::Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code().unwrap_or(-1);
        }
        assert!(start.elapsed() < TIMEOUT, "server did not exit");
        std::thread::sleep(Duration::from_millis(10));
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `(code, start line, start character)` of each diagnostic, for compact assertions.
pub fn summary(diags: &Value) -> Vec<(String, u64, u64)> {
    diags
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["range"]["start"]["line"].as_u64().unwrap(),
                d["range"]["start"]["character"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// Applies LSP text edits (UTF-16 positions) to a text, as a client would.
pub fn apply_lsp_edits(text: &str, edits: &Value) -> String {
    let offset = |pos: &Value| -> usize {
        let (line, ch) = (pos["line"].as_u64().unwrap() as usize, pos["character"].as_u64().unwrap() as usize);
        let mut start = 0;
        for (i, l) in text.split_inclusive('\n').enumerate() {
            if i == line {
                let mut units = 0;
                for (b, c) in l.char_indices() {
                    if units >= ch {
                        return start + b;
                    }
                    units += c.len_utf16();
                }
                return start + l.trim_end_matches('\n').len();
            }
            start += l.len();
        }
        text.len()
    };
    let mut edits: Vec<(usize, usize, String)> = edits
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (offset(&e["range"]["start"]), offset(&e["range"]["end"]), e["newText"].as_str().unwrap().to_string()))
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (a, b, t) in edits {
        out.replace_range(a..b, &t);
    }
    out
}
