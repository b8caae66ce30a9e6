//! The catalogue compiled into the binary: the instruments and resolutions drafters cite most,
//! with their dates and, where known for certain, titles in English, French and Spanish.

use std::sync::LazyLock;

use super::store::{Catalogue, Source};
use super::tsv;

/// The built-in catalogue file, in the catalogue file format (see [`Catalogue::load_tsv`]).
/// A server can write it out read-only and point at [`Source::BuiltIn`] lines in it.
pub const BUILTIN_TSV: &str = include_str!("builtin.tsv");

/// A name for the built-in file (its path in the source tree).
pub const BUILTIN_PATH: &str = "src/catalogue/builtin.tsv";

/// The precedence of built-in entries; user catalogues should load above it.
pub const BUILTIN_PRECEDENCE: i32 = 0;

static BUILTIN: LazyLock<Catalogue> = LazyLock::new(|| {
    let mut c = Catalogue::new();
    let _ = tsv::load(&mut c, BUILTIN_TSV, BUILTIN_PRECEDENCE, &|line| Source::BuiltIn { line });
    c
});

/// The built-in catalogue, loaded on first use.
pub fn builtin() -> &'static Catalogue {
    &BUILTIN
}
