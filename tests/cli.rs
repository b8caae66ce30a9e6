//! The `check` command, run as a process.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_resolution-ls")).args(args).output().expect("run resolution-ls")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("resolution-ls-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const BROKEN: &str = "La Asamblea General,\n\n*Recordando* « ñ » 𝔄 é[^1],\n\n1. *Decide* ;\n\n3. *Solicita*.\n";

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p.display().to_string()
}

#[test]
fn human_output_like_a_compiler() {
    let dir = temp_dir("human");
    let path = write(&dir, "a.res.md", BROKEN.as_bytes());
    let out = run(&["check", &path]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let expected = format!(
        "{path}:3:23: error[footnote-undefined]: footnote [^1] has no body; expected a line `[^1]: …`\n  *Recordando* « ñ » 𝔄 é[^1],\n                        ^^^^\n{path}:7:1: error[numbering-gap]: paragraph 2 is missing after paragraph 1; expected 2\n  3. *Solicita*.\n  ^^\n"
    );
    assert_eq!(stdout, expected);
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 file(s) checked: 2 error(s), 0 warning(s)"));
}

#[test]
fn json_output_counts_columns_in_characters() {
    let dir = temp_dir("json");
    let path = write(&dir, "a.res.md", BROKEN.as_bytes());
    let out = run(&["check", "--format", "json", &path]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v[0],
        serde_json::json!({"path": path, "line": 3, "column": 23, "end_line": 3, "end_column": 27,
            "severity": "error", "code": "footnote-undefined",
            "message": "footnote [^1] has no body; expected a line `[^1]: …`"})
    );
    assert_eq!(v.as_array().unwrap().len(), 2);
}

#[test]
fn folders_clean_files_and_exit_codes() {
    let dir = temp_dir("folders");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    write(&dir, "sub/ok.res.md", b"The Security Council,\n\n1. *Decides* \xc3\xa9;\n\n2. *Decides*.\n");
    write(&dir, "ignored.md", BROKEN.as_bytes());
    let out = run(&["check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 file(s) checked"));

    // Invalid UTF-8 and missing files: exit 2, named, and the other files are still checked.
    let bad = write(&dir, "bad.res.md", b"The General Assembly,\n\n1. \xff\xfe\n");
    let good = write(&dir, "broken.res.md", BROKEN.as_bytes());
    let before = std::fs::read(&good).unwrap();
    let out = run(&["check", &bad, &good, "/nonexistent/x.res.md"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("{bad}: not valid UTF-8")), "{stderr}");
    assert!(stderr.contains("/nonexistent/x.res.md: cannot read file"), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("numbering-gap"));
    assert_eq!(std::fs::read(&good).unwrap(), before, "check never modifies files");
}

#[test]
fn version_help_and_usage() {
    let out = run(&["--version"]);
    assert_eq!(String::from_utf8(out.stdout).unwrap(), format!("resolution-ls {}\n", env!("CARGO_PKG_VERSION")));
    let out = run(&["--help"]);
    assert!(String::from_utf8(out.stdout).unwrap().contains("resolution-ls check"));
    let out = run(&["check"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
}
