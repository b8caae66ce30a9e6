use std::path::PathBuf;
use std::process::ExitCode;

use resolution_ls::cli::{self, Format};

const HELP: &str = "\
resolution-ls: language server and checker for United Nations resolution drafts (*.res.md)

Usage:
  resolution-ls [--stdio]                      run the language server on stdin/stdout
  resolution-ls check [--format human|json] [--max-size SIZE] PATH...
                                               check files, and *.res.md files in folders;
                                               exit 1 on any error, 2 on unreadable files;
                                               never writes to any file. Files larger than
                                               SIZE (e.g. 64MB, the default, or files.max-size
                                               in resolution-ls.toml) are not read: an error
                                               for a file named, a warning for one in a folder
  resolution-ls --version | --help

Logs go to stderr; set RESOLUTION_LS_LOG (e.g. debug) to change the level.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        None | Some("--stdio") => ExitCode::from(resolution_ls::lsp::run() as u8),
        Some("--version" | "-V") => {
            println!("resolution-ls {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Some("--help" | "-h") => {
            print!("{HELP}");
            ExitCode::SUCCESS
        }
        Some("check") => {
            let mut format = Format::Human;
            let mut max_size = None;
            let mut paths = Vec::new();
            let mut rest = args[1..].iter();
            while let Some(a) = rest.next() {
                match a.as_str() {
                    "--format" => match rest.next().map(String::as_str) {
                        Some("json") => format = Format::Json,
                        Some("human") => format = Format::Human,
                        other => return usage(&format!("--format takes human or json, not {other:?}")),
                    },
                    "--format=json" => format = Format::Json,
                    "--format=human" => format = Format::Human,
                    a if a == "--max-size" || a.starts_with("--max-size=") => {
                        let value = match a.strip_prefix("--max-size=") {
                            Some(v) => Some(v),
                            None => rest.next().map(String::as_str),
                        };
                        match value.and_then(resolution_ls::config::parse_size) {
                            Some(n) if n > 0 => max_size = Some(n),
                            _ => return usage(&format!("--max-size takes a size such as 64MB, not {value:?}")),
                        }
                    }
                    _ => paths.push(PathBuf::from(a)),
                }
            }
            if paths.is_empty() {
                return usage("check needs at least one file or folder");
            }
            ExitCode::from(cli::check(&paths, format, max_size) as u8)
        }
        Some(other) => usage(&format!("unknown argument {other:?}")),
    }
}

fn usage(msg: &str) -> ExitCode {
    eprintln!("error: {msg}\n\n{HELP}");
    ExitCode::from(2)
}
