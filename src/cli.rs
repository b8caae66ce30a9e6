//! `resolution-ls check PATH...`: diagnostics like a compiler's, or as JSON.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::analysis::diagnostics::diagnostics_with;
use crate::analysis::{Diagnostic, Severity};
use crate::config::{self, Config, Layer};
use crate::document::Document;
use crate::files::{self, ReadError};
use crate::position::{Encoding, to_line_col};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

/// Files to check, each with whether it was named on the command line (else found in a named
/// folder), and the problems met (unreadable folders: errors; symbolic-link loops: warnings).
pub struct Collected {
    pub files: Vec<(PathBuf, bool)>,
    pub errors: Vec<String>,
    pub warnings: Vec<String>,
}

/// Each file named, and every `*.res.md` under each folder named (sorted; hidden folders,
/// `target` and `node_modules` skipped; symbolic links followed, except into a loop).
pub fn collect(paths: &[PathBuf]) -> Collected {
    let mut c = Collected { files: Vec::new(), errors: Vec::new(), warnings: Vec::new() };
    for p in paths {
        if p.is_dir() {
            let w = files::walk(p, None, |name| name.ends_with(".res.md"));
            c.files.extend(w.files.into_iter().map(|f| (f, false)));
            c.errors.extend(w.errors.iter().map(|(d, e)| format!("{}: cannot read folder: {e}", d.display())));
            c.warnings.extend(w.skipped.iter().map(|(f, e)| format!("{}: {e}", f.display())));
        } else {
            c.files.push((p.clone(), true));
        }
    }
    c
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

/// The settings for a draft: defaults, then the nearest `resolution-ls.toml`, then the
/// command line's `--max-size`.
fn config_for(draft: &Path, max_size: Option<u64>) -> Result<Config, String> {
    let mut config = Config::default();
    if let Some(file) = config::find_file(draft) {
        let text = files::read_text(&file, max_size.unwrap_or(config.max_size))
            .map_err(|e| format!("{}: {e} (defaults used)", file.display()))?;
        let layer = Layer::from_toml(&text).map_err(|e| format!("{}: {e} (defaults used)", file.display()))?;
        config.apply(&layer);
    }
    if let Some(m) = max_size {
        config.max_size = m;
    }
    Ok(config)
}

/// Checks the paths; prints to stdout (diagnostics) and stderr (files not read, summary). Never
/// writes to a file. A file over the size limit (`files.max-size`, or `max_size`) is an error
/// when it was named, and a warning (skipped) when it was found in a folder.
/// Returns the exit code: 2 if a file could not be read, else 1 if any error, else 0.
pub fn check(paths: &[PathBuf], format: Format, max_size: Option<u64>) -> i32 {
    let Collected { files, errors: mut problems, mut warnings } = collect(paths);
    let mut out = String::new();
    let mut records = Vec::new();
    let (mut errors, mut warning_count, mut checked) = (0, 0, 0);
    for (f, named) in &files {
        let config = match config_for(f, max_size) {
            Ok(c) => c,
            Err(e) => {
                problems.push(e);
                let mut c = Config::default();
                c.max_size = max_size.unwrap_or(c.max_size);
                c
            }
        };
        let text = match files::read_text(f, config.max_size) {
            Ok(t) => t,
            Err(e @ ReadError::TooLarge { .. }) if !named => {
                warnings.push(format!("{}: {e}", f.display()));
                continue;
            }
            Err(e) => {
                problems.push(format!("{}: {e}", f.display()));
                continue;
            }
        };
        checked += 1;
        let doc = Document::new(&text);
        let diags = diagnostics_with(doc.parse(), &config);
        errors += diags.iter().filter(|d| d.severity == Severity::Error).count();
        warning_count += diags.iter().filter(|d| d.severity == Severity::Warning).count();
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
    for w in &warnings {
        eprintln!("warning: {w}");
    }
    for p in &problems {
        eprintln!("error: {p}");
    }
    if format == Format::Human {
        let skipped = files.len() - checked;
        let skipped = if skipped > 0 { format!(" ({skipped} not read)") } else { String::new() };
        eprintln!("{checked} file(s) checked{skipped}: {errors} error(s), {warning_count} warning(s)");
    }
    if !problems.is_empty() {
        2
    } else if errors > 0 {
        1
    } else {
        0
    }
}
