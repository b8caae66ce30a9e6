//! `resolution-ls check PATH...`: diagnostics like a compiler's, or as JSON.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::analysis::diagnostics::diagnostics_with;
use crate::analysis::{Diagnostic, Severity};
use crate::config::{self, Config, Layer};
use crate::document::Document;
use crate::position::{Encoding, to_line_col};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

/// Files to check: each file named, and every `*.res.md` under each folder named, sorted.
pub fn collect(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<String>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut files, &mut errors);
        } else {
            files.push(p.clone());
        }
    }
    (files, errors)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<String>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(format!("{}: cannot read folder: {e}", dir.display()));
            return;
        }
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if p.is_dir() {
            if !name.starts_with('.') && name != "target" && name != "node_modules" {
                walk(&p, files, errors);
            }
        } else if name.ends_with(".res.md") {
            files.push(p);
        }
    }
}

/// One diagnostic with 1-based lines and columns counted in characters.
pub struct Located<'a> {
    pub diag: &'a Diagnostic,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

pub fn locate<'a>(doc: &Document, diags: &'a [Diagnostic]) -> Vec<Located<'a>> {
    diags
        .iter()
        .map(|d| {
            let s = to_line_col(doc.rope(), d.span.start, Encoding::Utf32);
            let e = to_line_col(doc.rope(), d.span.end, Encoding::Utf32);
            Located { diag: d, line: s.line + 1, column: s.col + 1, end_line: e.line + 1, end_column: e.col + 1 }
        })
        .collect()
}

fn human(out: &mut String, path: &str, doc: &Document, located: &[Located]) {
    for l in located {
        let d = l.diag;
        let _ = writeln!(out, "{path}:{}:{}: {}[{}]: {}", l.line, l.column, d.severity.as_str(), d.code, d.message);
        let line = doc.rope().line(l.line as usize - 1).to_string();
        let line = line.trim_end_matches(['\n', '\r']);
        let width = if l.end_line == l.line { (l.end_column - l.column).max(1) } else { 1 };
        let _ = writeln!(out, "  {line}");
        let _ = writeln!(out, "  {}{}", " ".repeat(l.column as usize - 1), "^".repeat(width as usize));
    }
}

fn json_string(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}

fn json(out: &mut Vec<String>, path: &str, located: &[Located]) {
    for l in located {
        out.push(format!(
            "{{\"path\":{},\"line\":{},\"column\":{},\"end_line\":{},\"end_column\":{},\"severity\":\"{}\",\"code\":\"{}\",\"message\":{}}}",
            json_string(path),
            l.line,
            l.column,
            l.end_line,
            l.end_column,
            l.diag.severity.as_str(),
            l.diag.code,
            json_string(&l.diag.message)
        ));
    }
}

/// The settings for a draft: defaults, then the nearest `resolution-ls.toml`.
fn config_for(draft: &Path) -> Result<Config, String> {
    let mut config = Config::default();
    if let Some(file) = config::find_file(draft) {
        let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: cannot read: {e}", file.display()))?;
        let layer = Layer::from_toml(&text).map_err(|e| format!("{}: {e} (defaults used)", file.display()))?;
        config.apply(&layer);
    }
    Ok(config)
}

/// Checks the paths; prints to stdout (diagnostics) and stderr (unreadable files, summary).
/// Returns the exit code: 2 if a file could not be read, else 1 if any error, else 0.
pub fn check(paths: &[PathBuf], format: Format) -> i32 {
    let (files, mut problems) = collect(paths);
    let mut out = String::new();
    let mut records = Vec::new();
    let (mut errors, mut warnings) = (0, 0);
    for f in &files {
        let bytes = match std::fs::read(f) {
            Ok(b) => b,
            Err(e) => {
                problems.push(format!("{}: cannot read file: {e}", f.display()));
                continue;
            }
        };
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                problems.push(format!(
                    "{}: not valid UTF-8 (first bad byte at offset {})",
                    f.display(),
                    e.utf8_error().valid_up_to()
                ));
                continue;
            }
        };
        let config = match config_for(f) {
            Ok(c) => c,
            Err(e) => {
                problems.push(e);
                Config::default()
            }
        };
        let doc = Document::new(&text);
        let diags = diagnostics_with(doc.parse(), &config);
        errors += diags.iter().filter(|d| d.severity == Severity::Error).count();
        warnings += diags.iter().filter(|d| d.severity == Severity::Warning).count();
        let located = locate(&doc, &diags);
        let path = f.display().to_string();
        match format {
            Format::Human => human(&mut out, &path, &doc, &located),
            Format::Json => json(&mut records, &path, &located),
        }
    }
    match format {
        Format::Human => print!("{out}"),
        Format::Json => println!("[{}]", records.join(",\n")),
    }
    for p in &problems {
        eprintln!("error: {p}");
    }
    if format == Format::Human {
        eprintln!("{} file(s) checked: {errors} error(s), {warnings} warning(s)", files.len());
    }
    if !problems.is_empty() {
        2
    } else if errors > 0 {
        1
    } else {
        0
    }
}
