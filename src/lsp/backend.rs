//! `impl LanguageServer`: glue only. Document edits are applied synchronously, first thing,
//! before any `.await`, so that a later edit can never overtake an earlier one (tower-lsp-server
//! runs up to four handlers at once).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use serde::Deserialize;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use super::{convert, guard};
use crate::analysis;
use crate::config::{self, Config, Layer};
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
    /// Benchmark-only (benches/latency.rs), undocumented: re-parse whole documents on each edit.
    benchmark_full_reparse: bool,
}

struct OpenDoc {
    doc: Document,
    /// Diagnostics kept between edits, and the re-parses since the last check.
    checker: analysis::diagnostics::Checker,
    pending: Vec<crate::syntax::Reparsed>,
    version: i32,
    /// The analysis' diagnostics (with their fixes), for code actions.
    findings: Arc<Vec<analysis::Diagnostic>>,
    diagnostics: Arc<Vec<Diagnostic>>,
    result_id: String,
}

/// Semantic tokens sent to the client: their result id and LSP's flat array of integers.
type SentTokens = (String, Vec<u32>);

#[derive(Default)]
struct State {
    encoding: Encoding,
    push: bool,
    /// The client answers `workspace/configuration`.
    pull_config: bool,
    /// The client handles `workspace/diagnostic/refresh`.
    refresh_support: bool,
    /// The client accepts snippets in completion items.
    snippets: bool,
    /// The client asks for a completion item's documentation when it shows it
    /// (`completionItem/resolve`), so completion lists are sent without it.
    lazy_docs: bool,
    /// The client can watch files for us (dynamic registration).
    watch_files: bool,
    /// The client shows work-done progress.
    work_done: bool,
    /// Documents closed so far (memory is handed back to the system every so often).
    closes: u64,
    roots: Vec<PathBuf>,
    /// `resolution-ls.toml` of each root that has a valid one.
    toml_layers: Vec<(PathBuf, Layer)>,
    /// The editor's `resolution-ls` settings.
    editor_layer: Layer,
    /// Built-in entries, then catalogue files, then the workspace's drafts.
    catalogue: Arc<crate::catalogue::Catalogue>,
    /// The workspace's drafts: (uri, symbol and title, line of the title).
    drafts: Arc<Vec<(String, String, u32)>>,
    docs: HashMap<Uri, OpenDoc>,
    /// The last semantic tokens sent for each open document (LSP's flat array) and their result
    /// id, for `semanticTokens/full/delta`.
    tokens: HashMap<Uri, SentTokens>,
    /// The last semantic tokens result id given out.
    tokens_id: u64,
    /// Benchmark-only: `Document::full_reparse` for every opened document.
    full_reparse: bool,
}

impl State {
    /// The settings for a document: defaults, its root's `resolution-ls.toml`, editor settings.
    fn config_for(&self, uri: &Uri) -> Config {
        config_at(&self.toml_layers, &self.editor_layer, uri.to_file_path().as_deref())
    }

    /// The semantic tokens of an open document, remembered under a new result id, and the
    /// tokens remembered before them.
    fn semantic_tokens(&mut self, uri: &Uri) -> Option<(SemanticTokens, Option<SentTokens>)> {
        let open = self.docs.get(uri)?;
        let tokens = analysis::semantic::tokens(&open.doc, None);
        let data = convert::semantic_tokens(open.doc.rope(), self.encoding, &tokens);
        self.tokens_id += 1;
        let id = self.tokens_id.to_string();
        let previous = self.tokens.insert(uri.clone(), (id.clone(), convert::token_data(&data)));
        Some((SemanticTokens { result_id: Some(id), data }, previous))
    }
}

/// The settings at a path: defaults, the `resolution-ls.toml` of the innermost root holding the
/// path (or of the first root), editor settings.
fn config_at(toml_layers: &[(PathBuf, Layer)], editor: &Layer, path: Option<&Path>) -> Config {
    let mut c = Config::default();
    let best = toml_layers
        .iter()
        .filter(|(root, _)| path.is_some_and(|p| p.starts_with(root)))
        .max_by_key(|(root, _)| root.as_os_str().len())
        .or_else(|| toml_layers.first());
    if let Some((_, layer)) = best {
        c.apply(layer);
    }
    c.apply(editor);
    c
}

type Shared = Arc<Mutex<State>>;

fn lock(state: &Shared) -> MutexGuard<'_, State> {
    // A panic while the lock was held (caught by a guard) must not wedge the server.
    state.lock().unwrap_or_else(|e| e.into_inner())
}

pub struct Backend {
    client: Client,
    state: Shared,
}

/// What a notification handler publishes once it has released the lock.
struct Publish {
    uri: Uri,
    diagnostics: Arc<Vec<Diagnostic>>,
    version: Option<i32>,
}

impl OpenDoc {
    fn new(text: &str, version: i32) -> OpenDoc {
        OpenDoc {
            doc: Document::new(text),
            checker: Default::default(),
            pending: Vec::new(),
            version,
            findings: Arc::default(),
            diagnostics: Arc::default(),
            result_id: String::new(),
        }
    }

    fn refresh(&mut self, uri: &Uri, enc: Encoding, config: &Config, cat: &crate::catalogue::Catalogue) {
        let diags = self.checker.check(self.doc.parse(), &self.pending, config, cat).to_vec();
        self.pending.clear();
        let lsp = convert::diagnostics(self.doc.rope(), uri, enc, &diags);
        if self.result_id.is_empty() || lsp != *self.diagnostics {
            static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
            self.result_id = format!("{:x}", NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
            self.diagnostics = Arc::new(lsp);
        }
        self.findings = Arc::new(diags);
    }
}

impl Backend {
    pub fn new(client: Client) -> Backend {
        let catalogue = Arc::new(crate::catalogue::builtin().clone());
        Backend { client, state: Arc::new(Mutex::new(State { push: true, catalogue, ..State::default() })) }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        lock(&self.state)
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

    /// Like [`Self::with_doc`], with the byte offset of a position.
    fn at<T>(
        &self,
        pos: &TextDocumentPositionParams,
        f: impl FnOnce(&Document, usize, Encoding) -> Option<T>,
    ) -> Option<T> {
        self.with_doc(&pos.text_document.uri, |doc, enc| {
            let offset = convert::offset(doc.rope(), pos.position, enc);
            f(doc, offset, enc)
        })
    }

    fn apply_change(st: &mut State, params: DidChangeTextDocumentParams) -> Option<Publish> {
        #[cfg(test)]
        super::hooks::maybe_panic(&super::hooks::PANIC_IN_EDIT);
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
                    match open.doc.replace(start..end, &change.text) {
                        Some(r) => open.pending.push(r),
                        None => open.checker.invalidate(),
                    }
                }
                None => {
                    open.doc.set_text(&change.text);
                    open.checker.invalidate();
                }
            }
        }
        open.version = params.text_document.version;
        let config = st.config_for(&uri);
        let cat = st.catalogue.clone();
        let open = st.docs.get_mut(&uri).expect("still open");
        open.refresh(&uri, enc, &config, &cat);
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
            st.full_reparse = options.benchmark_full_reparse; // benchmark-only
            st.push = push;
            let item_caps = params
                .capabilities
                .text_document
                .as_ref()
                .and_then(|t| t.completion.as_ref())
                .and_then(|c| c.completion_item.as_ref());
            st.snippets = item_caps.and_then(|i| i.snippet_support).unwrap_or(false);
            st.lazy_docs = item_caps
                .and_then(|i| i.resolve_support.as_ref())
                .is_some_and(|r| r.properties.iter().any(|p| p == "documentation"));
            let ws = params.capabilities.workspace.as_ref();
            st.pull_config = ws.and_then(|w| w.configuration).unwrap_or(false);
            st.work_done = params.capabilities.window.as_ref().and_then(|w| w.work_done_progress).unwrap_or(false);
            st.watch_files = ws
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false);
            st.refresh_support =
                ws.and_then(|w| w.diagnostics.as_ref()).and_then(|d| d.refresh_support).unwrap_or(false);
            #[allow(deprecated)] // root_uri is the fallback for clients without workspace folders
            let mut roots: Vec<PathBuf> = params
                .workspace_folders
                .iter()
                .flatten()
                .filter_map(|f| f.uri.to_file_path().map(|p| p.into_owned()))
                .collect();
            #[allow(deprecated)]
            if roots.is_empty() {
                roots.extend(params.root_uri.as_ref().and_then(|u| u.to_file_path()).map(|p| p.into_owned()));
            }
            st.roots = roots;
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
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
                    SemanticTokensOptions {
                        legend: SemanticTokensLegend {
                            token_types: analysis::semantic::LEGEND.iter().map(|t| SemanticTokenType::new(t)).collect(),
                            token_modifiers: Vec::new(),
                        },
                        range: Some(true),
                        full: Some(SemanticTokensFullOptions::Delta { delta: Some(true) }),
                        work_done_progress_options: Default::default(),
                    },
                )),
                workspace_symbol_provider: Some(OneOf::Left(true)),
                document_link_provider: Some(DocumentLinkOptions {
                    resolve_provider: Some(false),
                    work_done_progress_options: Default::default(),
                }),
                definition_provider: Some(OneOf::Left(true)),
                references_provider: Some(OneOf::Left(true)),
                document_highlight_provider: Some(OneOf::Left(true)),
                document_formatting_provider: Some(OneOf::Left(true)),
                rename_provider: Some(OneOf::Right(RenameOptions {
                    prepare_provider: Some(true),
                    work_done_progress_options: Default::default(),
                })),
                code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                    code_action_kinds: Some(vec![
                        CodeActionKind::QUICKFIX,
                        CodeActionKind::REFACTOR_REWRITE,
                        CodeActionKind::new(analysis::actions::RENUMBER_PARAGRAPHS),
                        CodeActionKind::new(analysis::actions::RENUMBER_FOOTNOTES),
                    ]),
                    resolve_provider: Some(false),
                    work_done_progress_options: Default::default(),
                })),
                completion_provider: Some(CompletionOptions {
                    trigger_characters: Some(vec!["*".to_string(), "_".to_string()]),
                    resolve_provider: Some(true),
                    ..Default::default()
                }),
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
        let (client, state) = (self.client.clone(), self.state.clone());
        tokio::spawn(async move { reload_settings(&client, &state, None).await });
        if self.state().watch_files {
            let client = self.client.clone();
            tokio::spawn(async move {
                let watchers = ["**/*.res.md", "**/*.catalogue.tsv", "**/resolution-ls.toml"]
                    .into_iter()
                    .map(|g| FileSystemWatcher { glob_pattern: GlobPattern::String(g.to_string()), kind: None })
                    .collect();
                let options = DidChangeWatchedFilesRegistrationOptions { watchers };
                let reg = Registration {
                    id: "resolution-ls-watch".to_string(),
                    method: "workspace/didChangeWatchedFiles".to_string(),
                    register_options: serde_json::to_value(options).ok(),
                };
                let r = tokio::time::timeout(Duration::from_secs(5), client.register_capability(vec![reg])).await;
                if !matches!(r, Ok(Ok(()))) {
                    tracing::warn!("could not register file watchers: {r:?}");
                }
            });
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        // Some clients push the settings; others send null and expect a pull.
        let pushed = params.settings.get("resolution-ls").cloned();
        let (client, state) = (self.client.clone(), self.state.clone());
        tokio::spawn(async move { reload_settings(&client, &state, pushed).await });
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let relevant =
            |u: &str| u.ends_with(config::FILE_NAME) || u.ends_with(".catalogue.tsv") || u.ends_with(".res.md");
        if params.changes.iter().any(|c| relevant(c.uri.as_str())) {
            let (client, state) = (self.client.clone(), self.state.clone());
            tokio::spawn(async move { reload_settings(&client, &state, None).await });
        }
    }

    async fn shutdown(&self) -> Result<()> {
        super::mark_shutdown();
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let td = params.text_document;
        let publish = guard::sync("didOpen", || {
            let mut st = self.state();
            let enc = st.encoding;
            let push = st.push;
            let mut open = OpenDoc::new(&td.text, td.version);
            open.doc.full_reparse = st.full_reparse; // benchmark-only
            open.refresh(&td.uri, enc, &st.config_for(&td.uri), &st.catalogue);
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
            let dropped = st.docs.remove(&uri);
            st.tokens.remove(&uri);
            st.closes += 1;
            let closes = st.closes;
            let trim = st.docs.is_empty() || closes % 64 == 0;
            drop(st);
            drop(dropped);
            if trim {
                release_memory();
            } else {
                // The freed pages go back to the system once the closes stop (a burst of
                // closes trims every 64th; the tail of the burst is trimmed here).
                let state = Arc::clone(&self.state);
                tokio::spawn(async move {
                    tokio::time::sleep(TRIM_DELAY).await;
                    if lock(&state).closes == closes {
                        release_memory();
                    }
                });
            }
            self.state().push
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

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        guard::request("textDocument/hover", async {
            #[cfg(test)]
            super::hooks::maybe_panic(&super::hooks::PANIC_IN_HOVER);
            let cat = self.state().catalogue.clone();
            Ok(self.at(&params.text_document_position_params, |doc, offset, enc| {
                let lang = doc.parse().structure().lang.unwrap_or(crate::syntax::Lang::En);
                let (span, markdown) = match analysis::navigation::hover(doc, offset) {
                    Some(h) if h.markdown.starts_with("**Footnote") => {
                        // The footnote's text, and what the documents it cites are.
                        let mut md = h.markdown;
                        let f = analysis::references::footnote_at(doc, offset);
                        if let Some(body) = f.and_then(|f| f.body_text) {
                            for c in analysis::citations::within(doc, body).iter() {
                                let title =
                                    cat.get(&c.symbol).and_then(|e| e.titles.best(lang)).map(|(t, _)| t.to_string());
                                md.push_str(&format!(
                                    "\n\n{}: {}",
                                    c.symbol,
                                    title.unwrap_or_else(|| "not in the catalogue".into())
                                ));
                            }
                        }
                        (h.span, md)
                    }
                    Some(h) => (h.span, h.markdown),
                    None => {
                        let c = analysis::citations::citation_at(doc, offset)?;
                        let md = analysis::citations::hover(&c, cat.get(&c.symbol), lang);
                        (c.span, md)
                    }
                };
                Some(Hover {
                    contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: markdown }),
                    range: Some(convert::range(doc.rope(), span, enc)),
                })
            }))
        })
        .await
    }

    async fn document_link(&self, params: DocumentLinkParams) -> Result<Option<Vec<DocumentLink>>> {
        guard::request("textDocument/documentLink", async {
            Ok(self.with_doc(&params.text_document.uri, |doc, enc| {
                let lang = doc.parse().structure().lang.unwrap_or(crate::syntax::Lang::En);
                let links = analysis::citations::all(doc)
                    .into_iter()
                    .map(|c| {
                        let url = crate::catalogue::undocs_url(&c.symbol, lang);
                        DocumentLink {
                            range: convert::range(doc.rope(), c.number_span, enc),
                            target: url.parse().ok(),
                            tooltip: Some(format!("{} on undocs.org", c.symbol)),
                            data: None,
                        }
                    })
                    .collect();
                Some(links)
            }))
        })
        .await
    }

    async fn goto_definition(&self, params: GotoDefinitionParams) -> Result<Option<GotoDefinitionResponse>> {
        let uri = params.text_document_position_params.text_document.uri.clone();
        guard::request("textDocument/definition", async {
            let cat = self.state().catalogue.clone();
            Ok(self.at(&params.text_document_position_params, |doc, offset, enc| {
                if let Some(target) = analysis::navigation::definition(doc, offset) {
                    return Some(GotoDefinitionResponse::Scalar(Location::new(
                        uri.clone(),
                        convert::range(doc.rope(), target, enc),
                    )));
                }
                let c = analysis::citations::citation_at(doc, offset)?;
                let lang = doc.parse().structure().lang.unwrap_or(crate::syntax::Lang::En);
                let here =
                    |span: crate::syntax::Span| Location::new(uri.clone(), convert::range(doc.rope(), span, enc));
                let line_at = |target: Uri, line: u32| {
                    let p = Position::new(line, 0);
                    Location::new(target, Range::new(p, p))
                };
                let entry = cat.get(&c.symbol);
                let source = entry.map(|e| e.title_source(lang).unwrap_or(&e.source).clone());
                let loc = match source {
                    Some(crate::catalogue::Source::Draft { uri: u, line }) => line_at(u.parse().ok()?, line),
                    Some(crate::catalogue::Source::File { path, line }) => {
                        line_at(Uri::from_file_path(&path)?, line.saturating_sub(1))
                    }
                    Some(crate::catalogue::Source::BuiltIn { line }) => {
                        line_at(builtin_copy()?, line.saturating_sub(1))
                    }
                    Some(crate::catalogue::Source::Text) | None => {
                        // A title given in the text: the first mention that carries it.
                        let mention = analysis::citations::all(doc)
                            .into_iter()
                            .find(|m| m.symbol == c.symbol && m.title.is_some())?;
                        here(mention.title.map(|(_, s)| s).unwrap_or(mention.span))
                    }
                };
                Some(GotoDefinitionResponse::Scalar(loc))
            }))
        })
        .await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let uri = params.text_document_position.text_document.uri.clone();
        let with_body = params.context.include_declaration;
        guard::request("textDocument/references", async {
            let footnote = self.at(&params.text_document_position, |doc, offset, enc| {
                let (indicators, body) = analysis::navigation::footnote_places(doc, offset)?;
                let mut spans = indicators;
                if with_body {
                    spans.extend(body);
                }
                Some(
                    spans.into_iter().map(|s| Location::new(uri.clone(), convert::range(doc.rope(), s, enc))).collect(),
                )
            });
            if footnote.is_some() {
                return Ok(footnote);
            }
            // A paragraph cross-reference: every reference to the same paragraph (or
            // sub-paragraph), and its label as the declaration.
            let crossref = self.at(&params.text_document_position, |doc, offset, enc| {
                let (mut spans, label) = analysis::references::crossref_places(doc, offset)?;
                if with_body {
                    spans.push(label);
                    spans.sort();
                }
                Some(
                    spans.into_iter().map(|s| Location::new(uri.clone(), convert::range(doc.rope(), s, enc))).collect(),
                )
            });
            if crossref.is_some() {
                return Ok(crossref);
            }
            // A cited document: every citation of it in the open drafts and the workspace's drafts.
            let Some(symbol) = self.at(&params.text_document_position, |doc, offset, _| {
                analysis::citations::citation_at(doc, offset).map(|c| c.symbol)
            }) else {
                return Ok(None);
            };
            let (open, roots, enc, layers, editor) = {
                let st = self.state();
                let open: Vec<(Uri, Document)> = st.docs.iter().map(|(u, d)| (u.clone(), d.doc.clone())).collect();
                (open, st.roots.clone(), st.encoding, st.toml_layers.clone(), st.editor_layer.clone())
            };
            let mut out = Vec::new();
            let mut seen = std::collections::HashSet::new();
            let mut add = |u: &Uri, doc: &Document| {
                for c in analysis::citations::all(doc).into_iter().filter(|c| c.symbol == symbol) {
                    out.push(Location::new(u.clone(), convert::range(doc.rope(), c.number_span, enc)));
                }
            };
            for (u, doc) in &open {
                seen.insert(u.as_str().to_string());
                add(u, doc);
            }
            // Files over the size limit, links out of the workspace and loops were reported when
            // the workspace was indexed: skipped quietly here.
            for (p, limit) in workspace_files(&roots, &layers, &editor).files {
                if !p.to_string_lossy().ends_with(".res.md") {
                    continue;
                }
                let Some(u) = Uri::from_file_path(&p) else { continue };
                if seen.contains(u.as_str()) {
                    continue;
                }
                if let Ok(text) = crate::files::read_text(&p, limit) {
                    add(&u, &Document::new(&text));
                }
            }
            Ok(Some(out))
        })
        .await
    }

    async fn document_highlight(&self, params: DocumentHighlightParams) -> Result<Option<Vec<DocumentHighlight>>> {
        guard::request("textDocument/documentHighlight", async {
            Ok(self.at(&params.text_document_position_params, |doc, offset, enc| {
                let hl = |s: crate::syntax::Span, kind| DocumentHighlight {
                    range: convert::range(doc.rope(), s, enc),
                    kind: Some(kind),
                };
                if let Some((indicators, body)) = analysis::navigation::footnote_places(doc, offset) {
                    let mut out: Vec<DocumentHighlight> =
                        indicators.into_iter().map(|s| hl(s, DocumentHighlightKind::READ)).collect();
                    out.extend(body.map(|s| hl(s, DocumentHighlightKind::WRITE)));
                    return Some(out);
                }
                // All citations of the same document.
                let c = analysis::citations::citation_at(doc, offset)?;
                Some(
                    analysis::citations::all(doc)
                        .into_iter()
                        .filter(|x| x.symbol == c.symbol)
                        .map(|x| hl(x.number_span, DocumentHighlightKind::TEXT))
                        .collect(),
                )
            }))
        })
        .await
    }

    async fn prepare_rename(&self, params: TextDocumentPositionParams) -> Result<Option<PrepareRenameResponse>> {
        guard::request("textDocument/prepareRename", async {
            let r = self.at(&params, |doc, offset, enc| {
                Some(
                    analysis::rename::prepare_rename(doc, offset)
                        .map(|span| PrepareRenameResponse::Range(convert::range(doc.rope(), span, enc))),
                )
            });
            match r {
                None => Ok(None),
                Some(Ok(r)) => Ok(Some(r)),
                Some(Err(message)) => Err(tower_lsp_server::jsonrpc::Error::invalid_params(message)),
            }
        })
        .await
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let uri = params.text_document_position.text_document.uri.clone();
        let new_name = params.new_name.clone();
        guard::request("textDocument/rename", async {
            let r = self.at(&params.text_document_position, |doc, offset, enc| {
                Some(analysis::rename::rename(doc, offset, &new_name).map(|edits| {
                    let edits = convert::edits(doc.rope(), enc, &edits);
                    WorkspaceEdit { changes: Some(HashMap::from([(uri.clone(), edits)])), ..Default::default() }
                }))
            });
            match r {
                None => Ok(None),
                Some(Ok(e)) => Ok(Some(e)),
                Some(Err(message)) => Err(tower_lsp_server::jsonrpc::Error::invalid_params(message)),
            }
        })
        .await
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        guard::request("textDocument/formatting", async {
            Ok(self.with_doc(&params.text_document.uri, |doc, enc| {
                Some(convert::edits(doc.rope(), enc, &analysis::formatting::format(doc)))
            }))
        })
        .await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri.clone();
        let only = params.context.only.clone();
        guard::request("textDocument/codeAction", async {
            let st = self.state();
            let Some(open) = st.docs.get(&uri) else { return Ok(None) };
            let (doc, enc) = (&open.doc, st.encoding);
            let rope = doc.rope();
            let span = crate::syntax::Span::new(
                convert::offset(rope, params.range.start, enc),
                convert::offset(rope, params.range.end, enc),
            );
            let actions = analysis::actions::actions(doc, span, &open.findings);
            let out: Vec<CodeActionOrCommand> = actions
                .into_iter()
                .filter_map(|a| {
                    let kind = match a.kind {
                        analysis::actions::ActionKind::QuickFix => CodeActionKind::QUICKFIX,
                        analysis::actions::ActionKind::Rewrite => CodeActionKind::REFACTOR_REWRITE,
                        analysis::actions::ActionKind::Source(k) => CodeActionKind::new(k),
                    };
                    if let Some(only) = &only {
                        if !only.iter().any(|o| {
                            kind.as_str() == o.as_str() || kind.as_str().starts_with(&format!("{}.", o.as_str()))
                        }) {
                            return None;
                        }
                    }
                    let edits = convert::edits(rope, enc, &a.edits);
                    Some(CodeActionOrCommand::CodeAction(CodeAction {
                        title: a.title,
                        kind: Some(kind),
                        diagnostics: (!a.fixes.is_empty()).then(|| convert::diagnostics(rope, &uri, enc, &a.fixes)),
                        edit: Some(WorkspaceEdit {
                            changes: Some(HashMap::from([(uri.clone(), edits)])),
                            ..Default::default()
                        }),
                        is_preferred: a.preferred.then_some(true),
                        ..Default::default()
                    }))
                })
                .collect();
            Ok(Some(out))
        })
        .await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        guard::request("textDocument/completion", async {
            let (snippets, lazy_docs, cat) = {
                let st = self.state();
                (st.snippets, st.lazy_docs, st.catalogue.clone())
            };
            Ok(self.at(&params.text_document_position, |doc, offset, enc| {
                if let Some((span, cites)) = analysis::citations::complete(doc, offset, &cat) {
                    let range = convert::range(doc.rope(), span, enc);
                    let items = cites
                        .into_iter()
                        .enumerate()
                        .map(|(i, (insert, symbol, detail))| CompletionItem {
                            label: insert.clone(),
                            kind: Some(CompletionItemKind::REFERENCE),
                            detail: Some(detail.clone()),
                            filter_text: Some(format!("{symbol} {insert} {detail}")),
                            sort_text: Some(format!("{i:05}")),
                            text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, insert))),
                            ..Default::default()
                        })
                        .collect();
                    return Some(CompletionResponse::List(CompletionList { is_incomplete: true, items }));
                }
                let items = analysis::completion::complete(doc, offset);
                // Every item replaces the same span: converted once.
                let mut last_range: Option<(crate::syntax::Span, Range)> = None;
                let list: Vec<CompletionItem> = items
                    .into_iter()
                    .map(|i| {
                        let (documentation, data) = if lazy_docs {
                            (None, Some(convert::doc_key_to_json(&i.key)))
                        } else {
                            (Some(markdown_doc(i.documentation())), None)
                        };
                        let range = match last_range {
                            Some((span, range)) if span == i.replace => range,
                            _ => convert::range(doc.rope(), i.replace, enc),
                        };
                        last_range = Some((i.replace, range));
                        let (text, format) = if snippets {
                            (i.snippet, InsertTextFormat::SNIPPET)
                        } else {
                            (i.plain, InsertTextFormat::PLAIN_TEXT)
                        };
                        CompletionItem {
                            label: i.label,
                            kind: Some(CompletionItemKind::KEYWORD),
                            detail: Some(i.detail),
                            documentation,
                            data,
                            sort_text: Some(format!("{:05}", i.sort)),
                            filter_text: Some(i.filter),
                            insert_text_format: Some(format),
                            text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, text))),
                            ..Default::default()
                        }
                    })
                    .collect();
                Some(CompletionResponse::List(CompletionList { is_incomplete: false, items: list }))
            }))
        })
        .await
    }

    async fn completion_resolve(&self, mut item: CompletionItem) -> Result<CompletionItem> {
        guard::request("completionItem/resolve", async move {
            if item.documentation.is_none() {
                let key = item.data.as_ref().and_then(convert::doc_key_from_json);
                if let Some(doc) = key.and_then(|k| analysis::completion::documentation(&k)) {
                    item.documentation = Some(markdown_doc(doc));
                }
            }
            Ok(item)
        })
        .await
    }

    async fn semantic_tokens_full(&self, params: SemanticTokensParams) -> Result<Option<SemanticTokensResult>> {
        guard::request("textDocument/semanticTokens/full", async {
            let tokens = self.state().semantic_tokens(&params.text_document.uri);
            Ok(tokens.map(|(tokens, _)| SemanticTokensResult::Tokens(tokens)))
        })
        .await
    }

    async fn semantic_tokens_full_delta(
        &self,
        params: SemanticTokensDeltaParams,
    ) -> Result<Option<SemanticTokensFullDeltaResult>> {
        guard::request("textDocument/semanticTokens/full/delta", async {
            let tokens = self.state().semantic_tokens(&params.text_document.uri);
            Ok(tokens.map(|(tokens, previous)| match previous {
                // The client has the tokens it names: send what changed.
                Some((id, old)) if id == params.previous_result_id => {
                    let edit = analysis::semantic::diff(&old, &convert::token_data(&tokens.data));
                    SemanticTokensFullDeltaResult::TokensDelta(SemanticTokensDelta {
                        result_id: tokens.result_id,
                        edits: edit.into_iter().map(convert::token_edit).collect(),
                    })
                }
                // An unknown (or outdated) result id: all the tokens.
                _ => SemanticTokensFullDeltaResult::Tokens(tokens),
            }))
        })
        .await
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        guard::request("textDocument/semanticTokens/range", async {
            Ok(self.with_doc(&params.text_document.uri, |doc, enc| {
                let span = crate::syntax::Span::new(
                    convert::offset(doc.rope(), params.range.start, enc),
                    convert::offset(doc.rope(), params.range.end, enc),
                );
                let tokens = analysis::semantic::tokens(doc, Some(span));
                Some(SemanticTokensRangeResult::Tokens(SemanticTokens {
                    result_id: None,
                    data: convert::semantic_tokens(doc.rope(), enc, &tokens),
                }))
            }))
        })
        .await
    }

    async fn symbol(&self, params: WorkspaceSymbolParams) -> Result<Option<WorkspaceSymbolResponse>> {
        guard::request("workspace/symbol", async {
            let query = crate::lexicon::fold(&params.query);
            let drafts = self.state().drafts.clone();
            let out: Vec<WorkspaceSymbol> = drafts
                .iter()
                .filter(|(_, name, _)| query.is_empty() || crate::lexicon::fold(name).contains(&query))
                .filter_map(|(uri, name, line)| {
                    let p = Position::new(*line, 0);
                    Some(WorkspaceSymbol {
                        name: name.clone(),
                        kind: SymbolKind::FILE,
                        tags: None,
                        container_name: None,
                        location: OneOf::Left(Location::new(uri.parse().ok()?, Range::new(p, p))),
                        data: None,
                    })
                })
                .collect();
            Ok(Some(WorkspaceSymbolResponse::Nested(out)))
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

/// Reads each root's `resolution-ls.toml` and the editor's settings, then re-checks every open
/// document. Runs in a spawned task: it awaits the client, so never inside a handler.
static INDEX_RUNS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

async fn reload_settings(client: &Client, state: &Shared, pushed: Option<serde_json::Value>) {
    let (roots, pull_config) = {
        let st = lock(state);
        (st.roots.clone(), st.pull_config)
    };
    let mut errors: Vec<Problem> = Vec::new();
    let editor = match pushed {
        Some(v) => Some(v),
        None if pull_config => {
            let item = ConfigurationItem { scope_uri: None, section: Some("resolution-ls".to_string()) };
            match tokio::time::timeout(Duration::from_secs(5), client.configuration(vec![item])).await {
                Ok(Ok(mut values)) => values.pop(),
                Ok(Err(e)) => {
                    tracing::warn!("workspace/configuration failed: {e}");
                    None
                }
                Err(_) => {
                    tracing::warn!("workspace/configuration timed out");
                    None
                }
            }
        }
        None => None,
    };
    let editor_layer = match editor.map(Layer::from_json) {
        Some(Ok(layer)) => Some(layer),
        Some(Err(e)) => {
            errors.push(Problem::settings(PathBuf::from("editor settings (resolution-ls)"), e));
            Some(Layer::default())
        }
        None => None,
    };
    // The editor's layer in force: the one just read, else the one read before.
    let editor = editor_layer.clone().unwrap_or_else(|| lock(state).editor_layer.clone());
    // Each root's settings file, read under the editor's size limit (a file's own limit cannot
    // govern reading it).
    let limit = config_at(&[], &editor, None).max_size;
    let mut layers = Vec::new();
    for root in &roots {
        let file = root.join(config::FILE_NAME);
        match crate::files::read_text(&file, limit) {
            Ok(text) => match Layer::from_toml(&text) {
                Ok(layer) => layers.push((root.clone(), layer)),
                Err(e) => errors.push(Problem::settings(file, e)),
            },
            Err(e) if e.is_not_found() => {}
            Err(e) => errors.push(Problem::settings(file, e.to_string())),
        }
    }
    // Index the workspace off the async threads, with progress when the client shows it.
    let progress = if lock(state).work_done && !roots.is_empty() {
        let token = NumberOrString::String(format!(
            "resolution-ls/index/{}",
            INDEX_RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        ));
        let created =
            tokio::time::timeout(Duration::from_secs(5), client.create_work_done_progress(token.clone())).await;
        match created {
            Ok(Ok(())) => Some(client.progress(token, "resolution-ls: indexing drafts and catalogues").begin().await),
            _ => None,
        }
    } else {
        None
    };
    let ((catalogue, drafts), layers, errors) = {
        let roots = roots.clone();
        match tokio::task::spawn_blocking(move || {
            let mut errors = errors;
            let (cat, drafts) = load_catalogue(&roots, &layers, &editor, &mut errors);
            ((cat, drafts), layers, errors)
        })
        .await
        {
            Ok(r) => r,
            Err(e) => {
                tracing::error!("indexing failed: {e}");
                return;
            }
        }
    };
    if let Some(p) = progress {
        p.finish_with_message(format!("{} documents in the catalogue", catalogue.len())).await;
    }
    let publishes = {
        let mut st = lock(state);
        st.toml_layers = layers;
        if let Some(l) = editor_layer {
            st.editor_layer = l;
        }
        let enc = st.encoding;
        st.catalogue = Arc::new(catalogue);
        st.drafts = Arc::new(drafts);
        let cat = st.catalogue.clone();
        let configs: Vec<(Uri, Config)> = st.docs.keys().map(|u| (u.clone(), st.config_for(u))).collect();
        let mut out = Vec::new();
        for (uri, config) in configs {
            if let Some(open) = st.docs.get_mut(&uri) {
                open.checker.invalidate(); // settings or catalogue changed: check everything
                open.refresh(&uri, enc, &config, &cat);
                out.push(Publish { uri, diagnostics: open.diagnostics.clone(), version: Some(open.version) });
            }
        }
        (st.push, st.refresh_support, out)
    };
    // One publish per file, with a diagnostic per problem (a later publish would replace it).
    let mut on_files: Vec<(Uri, Vec<Diagnostic>)> = Vec::new();
    for problem in &errors {
        let Problem { file, message: e, kind } = problem;
        let text = match kind {
            ProblemKind::Settings => {
                format!("resolution-ls: {}: {e}. The default settings stay in force.", file.display())
            }
            ProblemKind::Error => format!("resolution-ls: {}: {e}.", file.display()),
            ProblemKind::Note => {
                // Files found by walking the workspace and not read: the log only.
                let text = format!("resolution-ls: {}: {e}", file.display());
                tracing::warn!("{text}");
                client.log_message(MessageType::WARNING, text).await;
                continue;
            }
        };
        tracing::warn!("{text}");
        client.show_message(MessageType::ERROR, text).await;
        if let Some(uri) = Uri::from_file_path(file).filter(|_| file.is_absolute()) {
            let d = Diagnostic {
                range: Range::default(),
                severity: Some(DiagnosticSeverity::ERROR),
                code: Some(NumberOrString::String("config-error".to_string())),
                source: Some("resolution-ls".to_string()),
                message: e.clone(),
                ..Default::default()
            };
            match on_files.iter_mut().find(|(u, _)| *u == uri) {
                Some((_, ds)) => ds.push(d),
                None => on_files.push((uri, vec![d])),
            }
        }
    }
    for (uri, diagnostics) in on_files {
        client.publish_diagnostics(uri, diagnostics, None).await;
    }
    // A settings file that is now valid loses its old error.
    for root in &roots {
        let file = root.join(config::FILE_NAME);
        if file.is_file() && !errors.iter().any(|p| p.file == file && p.kind != ProblemKind::Note) {
            if let Some(uri) = Uri::from_file_path(&file) {
                client.publish_diagnostics(uri, Vec::new(), None).await;
            }
        }
    }
    let (push, refresh, publishes) = publishes;
    if push {
        for p in publishes {
            client.publish_diagnostics(p.uri, p.diagnostics.as_ref().clone(), p.version).await;
        }
    } else if refresh {
        let _ = tokio::time::timeout(Duration::from_secs(5), client.workspace_diagnostic_refresh()).await;
    }
}

/// A file or setting the user should hear about.
struct Problem {
    file: PathBuf,
    message: String,
    kind: ProblemKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ProblemKind {
    /// A settings file or the editor settings could not be used: defaults in force. A message
    /// and a `config-error` diagnostic on the file.
    Settings,
    /// A catalogue file configured and not read, or read in part: a message and a diagnostic.
    Error,
    /// A file or link found by walking the workspace and not read: the log only.
    Note,
}

impl Problem {
    fn settings(file: PathBuf, message: impl Into<String>) -> Problem {
        Problem { file, message: message.into(), kind: ProblemKind::Settings }
    }
    fn error(file: PathBuf, message: impl Into<String>) -> Problem {
        Problem { file, message: message.into(), kind: ProblemKind::Error }
    }
    fn note(file: PathBuf, message: impl Into<String>) -> Problem {
        Problem { file, message: message.into(), kind: ProblemKind::Note }
    }
}

/// The workspace's files: `*.catalogue.tsv` and `*.res.md` under each root, with the size
/// limit for each (its root's settings), and the links and folders not followed.
struct WorkspaceFiles {
    files: Vec<(PathBuf, u64)>,
    skipped: Vec<(PathBuf, crate::files::ReadError)>,
}

/// Walks the roots (see [`crate::files::walk`]): hidden folders, `target` and `node_modules`
/// skipped; symbolic links followed only to inside a root, never into a loop.
fn workspace_files(roots: &[PathBuf], layers: &[(PathBuf, Layer)], editor: &Layer) -> WorkspaceFiles {
    let within: Vec<PathBuf> = roots.iter().filter_map(|r| std::fs::canonicalize(r).ok()).collect();
    let mut out = WorkspaceFiles { files: Vec::new(), skipped: Vec::new() };
    let mut seen = std::collections::HashSet::new();
    for root in roots {
        let limit = config_at(layers, editor, Some(root)).max_size;
        let w = crate::files::walk(root, Some(&within), |n| n.ends_with(".catalogue.tsv") || n.ends_with(".res.md"));
        // Nested roots: each file once.
        out.files.extend(w.files.into_iter().filter(|f| seen.insert(f.clone())).map(|f| (f, limit)));
        out.skipped.extend(w.skipped);
        for (dir, e) in w.errors {
            tracing::warn!("{}: {e}", dir.display());
        }
    }
    out
}

/// The workspace's catalogue: built-in entries, then catalogue files (listed in
/// `resolution-ls.toml` or the editor settings, or named `*.catalogue.tsv`), then drafts that
/// declare a `symbol:`.
type DraftList = Vec<(String, String, u32)>;

/// A catalogue file named in settings, and the size limit that applies.
struct Listed {
    path: PathBuf,
    limit: u64,
}

/// The catalogue files named in settings. The editor's list, when it gives one, wins over the
/// files' (as for every setting) and may name files anywhere (relative paths: in each root). A
/// `resolution-ls.toml`'s list may name only files inside a workspace folder (symbolic links
/// resolved), unless the editor settings say `catalogue.allowOutsideWorkspace`.
fn listed_catalogues(
    roots: &[PathBuf],
    layers: &[(PathBuf, Layer)],
    editor: &Layer,
    errors: &mut Vec<Problem>,
) -> Vec<Listed> {
    let mut out = Vec::new();
    if let Some(list) = editor.catalogues() {
        for name in list {
            let path = PathBuf::from(name);
            if path.is_absolute() {
                let limit = config_at(layers, editor, Some(&path)).max_size;
                out.push(Listed { path, limit });
            } else if roots.is_empty() {
                errors.push(Problem::error(
                    PathBuf::from("editor settings (resolution-ls)"),
                    format!("catalogue {name}: a relative path needs a workspace folder; not read"),
                ));
            } else {
                for root in roots {
                    let limit = config_at(layers, editor, Some(root)).max_size;
                    out.push(Listed { path: root.join(&path), limit });
                }
            }
        }
        return out;
    }
    let within: Vec<PathBuf> = roots.iter().filter_map(|r| std::fs::canonicalize(r).ok()).collect();
    let allowed = editor.allows_catalogues_outside_workspace();
    for (root, layer) in layers {
        let settings_file = root.join(config::FILE_NAME);
        let limit = config_at(layers, editor, Some(root)).max_size;
        for name in layer.catalogues().unwrap_or_default() {
            let path = root.join(name);
            // A file that does not exist is reported when it is read.
            if let Ok(canonical) = std::fs::canonicalize(&path) {
                if !allowed && !within.iter().any(|r| canonical.starts_with(r)) {
                    errors.push(Problem::error(
                        settings_file.clone(),
                        format!(
                            "catalogue {name} is outside the workspace ({}); not read (to allow it, set \
                             `catalogue.allowOutsideWorkspace` to true in your editor settings)",
                            canonical.display()
                        ),
                    ));
                    continue;
                }
            }
            out.push(Listed { path, limit });
        }
    }
    out
}

fn load_catalogue(
    roots: &[PathBuf],
    layers: &[(PathBuf, Layer)],
    editor: &Layer,
    errors: &mut Vec<Problem>,
) -> (crate::catalogue::Catalogue, DraftList) {
    use crate::catalogue::{Catalogue, Entry, Source, Symbol};
    use crate::files::ReadError;
    let mut cat = Catalogue::new();
    cat.extend_from(crate::catalogue::builtin(), crate::catalogue::BUILTIN_PRECEDENCE);
    let WorkspaceFiles { files, skipped } = workspace_files(roots, layers, editor);
    for (path, e) in skipped {
        errors.push(Problem::note(path, e.to_string()));
    }
    let listed = listed_catalogues(roots, layers, editor, errors);
    let walked = files.iter().filter(|(p, _)| p.to_string_lossy().ends_with(".catalogue.tsv"));
    let tsvs =
        listed.into_iter().map(|l| (l.path, l.limit, true)).chain(walked.map(|(p, limit)| (p.clone(), *limit, false)));
    let mut seen = std::collections::HashSet::new();
    for (p, limit, named) in tsvs {
        if !seen.insert(p.clone()) {
            continue;
        }
        match crate::files::read_text(&p, limit) {
            Ok(text) => {
                let path = p.display().to_string();
                let (n, bad) = cat.load_tsv(&path, &text, 10);
                tracing::info!("catalogue {path}: {n} rows");
                if let Some(first) = bad.first() {
                    errors.push(Problem::error(
                        p.clone(),
                        format!(
                            "{} malformed row(s) skipped; first at line {}: {}",
                            bad.len(),
                            first.line,
                            first.message
                        ),
                    ));
                }
            }
            Err(e @ ReadError::TooLarge { .. }) if !named => errors.push(Problem::note(p.clone(), e.to_string())),
            Err(e) => errors.push(Problem::error(p.clone(), format!("catalogue: {e}"))),
        }
    }
    let mut drafts = Vec::new();
    for (p, limit) in files.iter().filter(|(p, _)| p.to_string_lossy().ends_with(".res.md")) {
        let text = match crate::files::read_text(p, *limit) {
            Ok(text) => text,
            Err(e @ ReadError::TooLarge { .. }) => {
                errors.push(Problem::note(p.clone(), e.to_string()));
                continue;
            }
            Err(e) => {
                tracing::debug!("{}: {e}", p.display());
                continue;
            }
        };
        let doc = Document::new(&text);
        let s = doc.parse().structure();
        let uri = Uri::from_file_path(p).map(|u| u.as_str().to_string()).unwrap_or_default();
        // Workspace symbols: the draft's symbol and title (its first heading line).
        let outline = analysis::outline::outline(&doc);
        let title = outline.iter().find(|o| o.kind == analysis::outline::SymbolKind::Title);
        let line = title.map_or(0, |t| doc.rope().byte_to_line(t.selection.start) as u32);
        let name = match (&s.symbol, title) {
            (Some(sym), Some(t)) => format!("{sym} {}", t.name),
            (Some(sym), None) => sym.clone(),
            (None, Some(t)) => t.name.clone(),
            (None, None) => p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        };
        drafts.push((uri.clone(), name, line));
        let Some(symbol) = s.symbol.as_deref().and_then(Symbol::parse) else { continue };
        // The title: the first heading line after the front matter.
        let title_line = text
            .lines()
            .enumerate()
            .skip_while(|(_, l)| l.trim() != "---")
            .skip(1)
            .skip_while(|(_, l)| l.trim() != "---")
            .nth(1);
        let mut entry = Entry::new(symbol, Source::Draft { uri, line: title_line.map_or(0, |(i, _)| i as u32) });
        if let (Some((_, line)), Some(lang)) = (title_line, s.lang) {
            let title = line.split_once(". ").map_or(line, |(_, t)| t).trim();
            if !title.is_empty() {
                entry = entry.with_title(lang, title);
            }
        }
        cat.add(entry, 20);
    }
    (cat, drafts)
}

/// A read-only copy of the built-in catalogue in the user's cache folder, for go-to-definition.
fn builtin_copy() -> Option<Uri> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    let dir = base.join("resolution-ls");
    let file = dir.join(format!("builtin-catalogue-{}.tsv", env!("CARGO_PKG_VERSION")));
    let limit = crate::catalogue::BUILTIN_TSV.len() as u64;
    if crate::files::read_text(&file, limit).ok().as_deref() != Some(crate::catalogue::BUILTIN_TSV) {
        std::fs::create_dir_all(&dir).ok()?;
        let _ = std::fs::set_permissions(&file, std::os::unix::fs::PermissionsExt::from_mode(0o644));
        std::fs::write(&file, crate::catalogue::BUILTIN_TSV).ok()?;
        let _ = std::fs::set_permissions(&file, std::os::unix::fs::PermissionsExt::from_mode(0o444));
    }
    Uri::from_file_path(&file)
}

fn markdown_doc(value: String) -> Documentation {
    Documentation::MarkupContent(MarkupContent { kind: MarkupKind::Markdown, value })
}

/// How long after the last `didClose` of a burst its freed memory is handed back.
const TRIM_DELAY: std::time::Duration = std::time::Duration::from_millis(200);

/// Hands freed memory back to the system: glibc keeps the pages of freed blocks otherwise, so a
/// server that opened and closed many drafts would keep its peak size (1.3 GB after a thousand).
fn release_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only walks the allocator's own free lists.
    unsafe {
        libc::malloc_trim(0);
    }
}
