//! No panic reaches the client: a panicking request becomes an `InternalError` reply.

use std::future::Future;
use std::panic::AssertUnwindSafe;

use futures::FutureExt;
use tower_lsp_server::jsonrpc::{Error, Result};

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

/// Runs a request handler; a panic inside it is logged and answered with an error.
pub async fn request<T>(method: &str, fut: impl Future<Output = Result<T>>) -> Result<T> {
    match AssertUnwindSafe(fut).catch_unwind().await {
        Ok(r) => r,
        Err(payload) => {
            let msg = panic_message(payload.as_ref());
            tracing::error!("{method} failed after a panic: {msg}");
            let mut e = Error::internal_error();
            e.message = format!("resolution-ls: {method} failed: {msg}").into();
            Err(e)
        }
    }
}

/// Runs synchronous code; a panic inside it is logged and returned as `Err(message)`.
pub fn sync<T>(what: &str, f: impl FnOnce() -> T) -> std::result::Result<T, String> {
    std::panic::catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        let msg = panic_message(payload.as_ref());
        tracing::error!("{what} failed after a panic: {msg}");
        msg
    })
}
