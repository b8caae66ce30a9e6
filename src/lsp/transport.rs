//! The stdio framing in front of tower-lsp-server.
//!
//! tower-lsp-server stops reading for good after one message it cannot decode (bad framing,
//! invalid JSON, JSON that is not JSON-RPC), which would end the server on the first garbled
//! message. This layer reads the client's frames itself, passes on only well-formed JSON-RPC
//! messages, and answers the others with a Parse error (-32700) or an Invalid Request
//! (-32600) written between the server's own frames.

use serde_json::{Value, json};
use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

/// Largest message accepted (a 50 MB document as JSON fits; anything larger is refused).
const MAX_BODY: usize = 256 * 1024 * 1024;

enum Frame {
    Body(Vec<u8>),
    /// Headers without a usable Content-Length, or a body that cannot be read.
    Bad(String),
    Eof,
}

async fn read_frame(r: &mut (impl AsyncBufRead + Unpin)) -> Frame {
    let mut len: Option<usize> = None;
    let mut saw_header = false;
    let mut bad_header = None;
    loop {
        let mut line = Vec::new();
        match r.read_until(b'\n', &mut line).await {
            Ok(0) | Err(_) => return Frame::Eof,
            Ok(_) => {}
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if !saw_header {
                continue; // stray blank line between messages
            }
            break;
        }
        saw_header = true;
        match text.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<usize>() {
                    Ok(n) => len = Some(n),
                    Err(_) => bad_header = Some(format!("bad Content-Length {:?}", value.trim())),
                }
            }
            Some(_) => {}
            None => bad_header = Some(format!("bad header line {text:?}")),
        }
    }
    if let Some(e) = bad_header {
        return Frame::Bad(e);
    }
    let Some(len) = len else { return Frame::Bad("missing Content-Length header".to_string()) };
    if len > MAX_BODY {
        // Skip the body without keeping it.
        let mut rest = len;
        let mut buf = vec![0u8; 64 * 1024];
        while rest > 0 {
            let n = rest.min(buf.len());
            if r.read_exact(&mut buf[..n]).await.is_err() {
                return Frame::Eof;
            }
            rest -= n;
        }
        return Frame::Bad(format!("message of {len} bytes is larger than the {MAX_BODY}-byte limit"));
    }
    let mut body = vec![0u8; len];
    match r.read_exact(&mut body).await {
        Ok(_) => Frame::Body(body),
        Err(_) => Frame::Eof,
    }
}

/// Whether tower-lsp-server can decode this value as a request, notification or response.
fn is_jsonrpc(v: &Value) -> bool {
    let Some(o) = v.as_object() else { return false };
    if o.get("jsonrpc") != Some(&json!("2.0")) {
        return false;
    }
    let id_ok = |id: Option<&Value>| id.is_none_or(|id| id.is_string() || id.is_i64() || id.is_u64() || id.is_null());
    match o.get("method") {
        Some(m) => {
            m.is_string()
                && id_ok(o.get("id"))
                && o.get("params").is_none_or(|p| p.is_object() || p.is_array() || p.is_null())
        }
        None => o.contains_key("id") && id_ok(o.get("id")) && (o.contains_key("result") || o.contains_key("error")),
    }
}

fn frame(v: &Value) -> Vec<u8> {
    let body = v.to_string();
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body.as_bytes());
    out
}

fn error_reply(code: i64, message: &str, id: Value) -> Vec<u8> {
    frame(&json!({"jsonrpc": "2.0", "error": {"code": code, "message": message}, "id": id}))
}

/// Copies valid messages from `input` to `server_in`; sends replies for invalid ones to `errors`.
async fn pump_in(
    input: impl AsyncRead + Unpin,
    mut server_in: impl AsyncWrite + Unpin,
    errors: mpsc::UnboundedSender<Vec<u8>>,
) {
    let mut r = BufReader::with_capacity(1 << 16, input);
    loop {
        match read_frame(&mut r).await {
            Frame::Eof => break,
            Frame::Bad(e) => {
                tracing::warn!("unreadable message: {e}");
                let _ = errors.send(error_reply(-32700, &format!("Parse error: {e}"), Value::Null));
            }
            Frame::Body(body) => match serde_json::from_slice::<Value>(&body) {
                Ok(v) if is_jsonrpc(&v) => {
                    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
                    out.extend_from_slice(&body);
                    if server_in.write_all(&out).await.is_err() || server_in.flush().await.is_err() {
                        break;
                    }
                }
                Ok(v) => {
                    tracing::warn!("not a JSON-RPC 2.0 message: {}", truncate(&v.to_string()));
                    let id = v.get("id").filter(|id| id.is_string() || id.is_number()).cloned().unwrap_or(Value::Null);
                    let _ = errors.send(error_reply(-32600, "Invalid Request: not a JSON-RPC 2.0 message", id));
                }
                Err(e) => {
                    tracing::warn!("invalid JSON: {e}");
                    let _ = errors.send(error_reply(-32700, &format!("Parse error: {e}"), Value::Null));
                }
            },
        }
    }
    let _ = server_in.shutdown().await;
}

fn truncate(s: &str) -> &str {
    match s.char_indices().nth(200) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Copies the server's frames to `output`, with the error replies between whole frames.
async fn pump_out(
    server_out: impl AsyncRead + Unpin,
    mut output: impl AsyncWrite + Unpin,
    mut errors: mpsc::UnboundedReceiver<Vec<u8>>,
) {
    let mut r = BufReader::with_capacity(1 << 16, server_out);
    let mut errors_open = true;
    loop {
        tokio::select! {
            f = read_frame(&mut r) => match f {
                Frame::Body(body) => {
                    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
                    out.extend_from_slice(&body);
                    if output.write_all(&out).await.is_err() || output.flush().await.is_err() {
                        break;
                    }
                }
                Frame::Bad(e) => tracing::error!("server wrote a bad frame: {e}"),
                Frame::Eof => break,
            },
            e = errors.recv(), if errors_open => match e {
                Some(bytes) => {
                    if output.write_all(&bytes).await.is_err() || output.flush().await.is_err() {
                        break;
                    }
                }
                None => errors_open = false,
            },
        }
    }
    let _ = output.flush().await;
}

/// Serves `service` between `input` and `output` through the filtering layer.
pub async fn serve<I, O>(input: I, output: O)
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let (client_side_in, server_in) = tokio::io::duplex(1 << 20);
    let (server_out, client_side_out) = tokio::io::duplex(1 << 20);
    let (tx, rx) = mpsc::unbounded_channel();
    let inbound = tokio::spawn(pump_in(input, client_side_in, tx));
    let outbound = tokio::spawn(pump_out(client_side_out, output, rx));
    let (service, socket) = super::service();
    tower_lsp_server::Server::new(server_in, server_out, socket).serve(service).await;
    inbound.abort();
    let _ = outbound.await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn which_messages_pass() {
        assert!(is_jsonrpc(&json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {}})));
        assert!(is_jsonrpc(&json!({"jsonrpc": "2.0", "method": "exit"})));
        assert!(is_jsonrpc(&json!({"jsonrpc": "2.0", "id": "a", "result": null})));
        assert!(!is_jsonrpc(&json!({"hello": 1})));
        assert!(!is_jsonrpc(&json!([1, 2])));
        assert!(!is_jsonrpc(&json!({"jsonrpc": "1.0", "method": "x"})));
        assert!(!is_jsonrpc(&json!({"jsonrpc": "2.0", "method": 3})));
        assert!(!is_jsonrpc(&json!({"jsonrpc": "2.0", "id": {"x": 1}, "method": "x"})));
        assert!(!is_jsonrpc(&json!({"jsonrpc": "2.0", "method": "x", "params": 5})));
    }
}
