//! Any text as `resolution-ls.toml`, and as editor settings (JSON) when it is JSON: never
//! panics; a layer that loads applies, and diagnostics run under the resulting settings.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use resolution_ls::analysis::diagnostics::{CODES, diagnostics_with};
use resolution_ls::config::{Config, Layer};
use resolution_ls::syntax::Parse;
use std::sync::LazyLock;

/// A small draft with a diagnostic of most kinds, to check under the fuzzed settings.
const DRAFT: &str = "---\nlang: fr\norgan: ga\n---\nL’Assemblée générale,\n\n*Rappelant* sa résolution 70/1 du 25 septembre 2015[^1],\n\n1. *Décide* que :\n   a) texte;\n   c) texte ;\n\n3. *Prie* [texte] ;\n\n3 bis. *Note* A/RES/70/01.\n\n[^2]: Texte.\n";

static PARSE: LazyLock<Parse> = LazyLock::new(|| Parse::new(DRAFT));

fn check(config: &Config) {
    for (code, severity) in CODES {
        let _ = config.severity(code, *severity);
    }
    let _ = diagnostics_with(&PARSE, config);
}

fuzz_target!(|data: &[u8]| {
    let text = common::text(data);
    if let Ok(layer) = Layer::from_toml(&text) {
        let mut config = Config::default();
        config.apply(&layer);
        check(&config);
    }
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) {
        if let Ok(layer) = Layer::from_json(value) {
            let mut config = Config::default();
            config.apply(&layer);
            check(&config);
        }
    }
});
