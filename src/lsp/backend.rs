//! `impl LanguageServer`: glue only. Document edits are applied synchronously, first thing,
//! before any `.await`, so that a later edit can never overtake an earlier one (tower-lsp-server
//! runs up to four handlers at once).

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, MutexGuard};

use serde::Deserialize;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use super::{convert, guard};
use crate::analysis;
use crate::document::Document;
use crate::position::Encoding;

/// How diagnostics reach the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DiagnosticMode {
    /// Pull when the client supports `textDocument/diagnostic`, else push: never both, since
    /// clients show pushed and pulled diagnostics side by side (each one twice).
    #[default]
    Auto,
    Push,
    Pull,
    /// Push and answer pulls (for clients that want both).
    Both,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct InitOptions {
    diagnostic_mode: DiagnosticMode,
}

struct OpenDoc {
    doc: Document,
    version: i32,
    diagnostics: Arc<Vec<Diagnostic>>,
    result_id: String,
}

#[derive(Default)]
struct State {
    encoding: Encoding,
    push: bool,
    docs: HashMap<Uri, OpenDoc>,
}

pub struct Backend {
    client: Client,
    state: Mutex<State>,
}

/// What a notification handler publishes once it has released the lock.
struct Publish {
    uri: Uri,
    diagnostics: Arc<Vec<Diagnostic>>,
    version: Option<i32>,
}

impl OpenDoc {
    fn new(text: &str, version: i32) -> OpenDoc {
        OpenDoc { doc: Document::new(text), version, diagnostics: Arc::default(), result_id: String::new() }
    }

    fn refresh(&mut self, uri: &Uri, enc: Encoding) {
        let diags = analysis::diagnostics(self.doc.parse());
        let lsp = convert::diagnostics(self.doc.rope(), uri, enc, &diags);
        let mut h = std::collections::hash_map::DefaultHasher::new();
        serde_json::to_string(&lsp).unwrap_or_default().hash(&mut h);
        self.result_id = format!("{:016x}", h.finish());
        self.diagnostics = Arc::new(lsp);
    }
}

impl Backend {
    pub fn new(client: Client) -> Backend {
        Backend { client, state: Mutex::new(State { push: true, ..State::default() }) }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // A panic while the lock was held (caught by a guard) must not wedge the server.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    async fn publish(&self, p: Option<Publish>) {
        if let Some(p) = p {
            self.client.publish_diagnostics(p.uri, p.diagnostics.as_ref().clone(), p.version).await;
        }
    }

    /// Runs `f` on an open document under the state lock (never across an `.await`).
    /// `None` when the document is not open.
    fn with_doc<T>(&self, uri: &Uri, f: impl FnOnce(&Document, Encoding) -> Option<T>) -> Option<T> {
        let st = self.state();
        let open = st.docs.get(uri)?;
        f(&open.doc, st.encoding)
    }

    fn apply_change(st: &mut State, params: DidChangeTextDocumentParams) -> Option<Publish> {
        let uri = params.text_document.uri;
        let enc = st.encoding;
        let push = st.push;
        let Some(open) = st.docs.get_mut(&uri) else {
            tracing::warn!("didChange for a document that is not open: {}", uri.as_str());
            return None;
        };
        if params.text_document.version <= open.version {
            tracing::warn!(
                "didChange version {} after {} for {}",
                params.text_document.version,
                open.version,
                uri.as_str()
            );
        }
        for change in params.content_changes {
            match change.range {
                Some(r) => {
                    let rope = open.doc.rope();
                    let start = convert::offset(rope, r.start, enc);
                    let end = convert::offset(rope, r.end, enc);
                    open.doc.replace(start..end, &change.text);
                }
                None => open.doc.set_text(&change.text),
            }
        }
        open.version = params.text_document.version;
        open.refresh(&uri, enc);
        push.then(|| Publish { diagnostics: open.diagnostics.clone(), version: Some(open.version), uri })
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let options: InitOptions =
            params.initialization_options.and_then(|v| serde_json::from_value(v).ok()).unwrap_or_default();
        let encoding =
            convert::negotiate(params.capabilities.general.as_ref().and_then(|g| g.position_encodings.as_deref()));
        let client_pulls = params.capabilities.text_document.as_ref().is_some_and(|t| t.diagnostic.is_some());
        let (push, pull) = match options.diagnostic_mode {
            DiagnosticMode::Auto => (!client_pulls, client_pulls),
            DiagnosticMode::Push => (true, false),
            DiagnosticMode::Pull => (false, true),
            DiagnosticMode::Both => (true, true),
        };
        {
            let mut st = self.state();
            st.encoding = encoding;
            st.push = push;
        }
        tracing::info!("initialize: position encoding {encoding:?}, push diagnostics {push}, pull {pull}");
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(convert::encoding_kind(encoding)),
                text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    ..Default::default()
                })),
                document_symbol_provider: Some(OneOf::Left(true)),
                folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
                diagnostic_provider: pull.then(|| {
                    DiagnosticServerCapabilities::Options(DiagnosticOptions {
                        identifier: Some("resolution-ls".to_string()),
                        inter_file_dependencies: false,
                        workspace_diagnostics: false,
                        work_done_progress_options: Default::default(),
                    })
                }),
                ..Default::default()
            },
            server_info: Some(ServerInfo {
                name: "resolution-ls".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        tracing::info!("initialized");
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let td = params.text_document;
        let publish = guard::sync("didOpen", || {
            let mut st = self.state();
            let enc = st.encoding;
            let push = st.push;
            let mut open = OpenDoc::new(&td.text, td.version);
            open.refresh(&td.uri, enc);
            let p = Publish { uri: td.uri.clone(), diagnostics: open.diagnostics.clone(), version: Some(td.version) };
            st.docs.insert(td.uri.clone(), open);
            push.then_some(p)
        });
        self.publish(publish.ok().flatten()).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri.clone();
        let result = guard::sync("didChange", || Self::apply_change(&mut self.state(), params));
        match result {
            Ok(p) => self.publish(p).await,
            Err(msg) => {
                // The text may be half-edited: drop it rather than serve a corrupt document.
                let push = {
                    let mut st = self.state();
                    st.docs.remove(&uri);
                    st.push
                };
                let text = format!(
                    "resolution-ls: an internal error occurred while applying an edit ({msg}); close and reopen {} to resume checking.",
                    uri.as_str()
                );
                self.client.show_message(MessageType::ERROR, text).await;
                if push {
                    self.client.publish_diagnostics(uri, Vec::new(), None).await;
                }
            }
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let push = {
            let mut st = self.state();
            st.docs.remove(&uri);
            st.push
        };
        if push {
            self.client.publish_diagnostics(uri, Vec::new(), None).await;
        }
    }

    async fn diagnostic(&self, params: DocumentDiagnosticParams) -> Result<DocumentDiagnosticReportResult> {
        guard::request("textDocument/diagnostic", async {
            let st = self.state();
            let report = match st.docs.get(&params.text_document.uri) {
                Some(open) if params.previous_result_id.as_deref() == Some(open.result_id.as_str()) => {
                    DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                        related_documents: None,
                        unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                            result_id: open.result_id.clone(),
                        },
                    })
                }
                open => DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                    related_documents: None,
                    full_document_diagnostic_report: FullDocumentDiagnosticReport {
                        result_id: open.map(|o| o.result_id.clone()),
                        items: open.map(|o| o.diagnostics.as_ref().clone()).unwrap_or_default(),
                    },
                }),
            };
            Ok(DocumentDiagnosticReportResult::Report(report))
        })
        .await
    }

    async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        guard::request("textDocument/documentSymbol", async {
            Ok(self.with_doc(&params.text_document.uri, |doc, enc| {
                let symbols = analysis::outline::outline(doc);
                Some(DocumentSymbolResponse::Nested(convert::symbols(doc.rope(), enc, &symbols)))
            }))
        })
        .await
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        guard::request("textDocument/foldingRange", async {
            Ok(self.with_doc(&params.text_document.uri, |doc, enc| {
                Some(convert::folding(doc.rope(), enc, &analysis::outline::folding(doc)))
            }))
        })
        .await
    }
}
