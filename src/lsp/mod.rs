//! The language server: the only module that knows LSP types.
//!
//! `backend` implements the protocol methods as glue (lock, convert, call `analysis`,
//! convert back); `convert` turns byte offsets into LSP positions and back in the negotiated
//! encoding; `guard` turns a panic inside a request into an error reply.

mod backend;
mod convert;
mod guard;

pub use backend::Backend;

use tower_lsp_server::{LspService, Server};

/// Builds the service, for the binary and for in-process tests.
pub fn service() -> (LspService<Backend>, tower_lsp_server::ClientSocket) {
    LspService::new(Backend::new)
}

/// Logs to stderr: stdout is the protocol channel.
pub fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("RESOLUTION_LS_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt().with_writer(std::io::stderr).with_ansi(false).with_env_filter(filter).try_init();
}

/// Serves LSP on stdin/stdout until `exit`.
pub fn run() {
    init_logging();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("cannot start the tokio runtime");
    runtime.block_on(async {
        let (service, socket) = service();
        Server::new(tokio::io::stdin(), tokio::io::stdout(), socket).serve(service).await;
    });
}
