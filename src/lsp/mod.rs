//! The language server: the only module that knows LSP types.
//!
//! `backend` implements the protocol methods as glue (lock, convert, call `analysis`,
//! convert back); `convert` turns byte offsets into LSP positions and back in the negotiated
//! encoding; `guard` turns a panic inside a request into an error reply.

mod backend;
mod convert;
mod guard;
#[cfg(test)]
mod tests;
mod transport;

pub use backend::Backend;

use std::sync::atomic::{AtomicBool, Ordering};

use tower_lsp_server::LspService;

/// Set when `shutdown` was received: `exit` then ends the process with 0, else with 1.
static SHUTDOWN: AtomicBool = AtomicBool::new(false);

pub(crate) fn mark_shutdown() {
    SHUTDOWN.store(true, Ordering::SeqCst);
}

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

/// Serves LSP on stdin/stdout until `exit` or the end of input. Returns the process exit
/// code: 0 after `shutdown`, 1 otherwise (as the LSP specification says).
pub fn run() -> i32 {
    init_logging();
    // A panic is logged once, with its backtrace, to stderr; the guards turn it into an error
    // reply (requests) or drop the document (edits), and the server goes on.
    std::panic::set_hook(Box::new(|info| {
        tracing::error!("panic: {info}\n{}", std::backtrace::Backtrace::force_capture());
    }));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("cannot start the tokio runtime");
    runtime.block_on(transport::serve(tokio::io::stdin(), tokio::io::stdout()));
    // Blocking stdin reads may still be parked in the runtime's thread pool.
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    if SHUTDOWN.load(Ordering::SeqCst) { 0 } else { 1 }
}

/// Test-only switches that make a handler panic, to prove panics never reach the client.
#[cfg(test)]
pub(crate) mod hooks {
    use std::sync::atomic::{AtomicBool, Ordering};

    pub static PANIC_IN_HOVER: AtomicBool = AtomicBool::new(false);
    pub static PANIC_IN_EDIT: AtomicBool = AtomicBool::new(false);

    pub fn maybe_panic(flag: &AtomicBool) {
        if flag.swap(false, Ordering::SeqCst) {
            panic!("injected panic");
        }
    }
}
