//! resolution-ls: a language server and checker for United Nations resolution drafts.
//!
//! Layers, from the bottom: [`syntax`] (parse, never fails), [`analysis`] (diagnostics and
//! other answers, pure and synchronous), [`document`] (a text and its incremental parse),
//! [`position`] (the one place where offsets become lines and columns), then the two front
//! ends: [`lsp`] (the only module that knows LSP types) and [`cli`].

pub mod analysis;
pub mod catalogue;
pub mod cli;
pub mod config;
pub mod document;
pub mod files;
pub mod lexicon;
pub mod lsp;
pub mod position;
pub mod syntax;
