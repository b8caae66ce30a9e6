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

/// Every file under a folder: its bytes and modification time.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>, std::time::SystemTime)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let meta = std::fs::symlink_metadata(&p).unwrap();
            if meta.is_dir() {
                stack.push(p);
            } else {
                out.push((p.clone(), std::fs::read(&p).unwrap(), meta.modified().unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn check_never_modifies_what_it_reads() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("readonly");
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    for sub in ["", "broken"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
        for e in std::fs::read_dir(examples.join(sub)).unwrap() {
            let p = e.unwrap().path();
            if p.is_file() {
                std::fs::copy(&p, dir.join(sub).join(p.file_name().unwrap())).unwrap();
            }
        }
    }
    // Settings beside the drafts, and a draft with CRLF lines and no final line break.
    write(&dir, "resolution-ls.toml", "[rules]\nfootnote-order = \"warning\"\n".as_bytes());
    write(&dir, "crlf.res.md", "La Asamblea General,\r\n\r\n*Recordando* « ñ » 𝔄 é,\r\n\r\n1. *Decide* ;".as_bytes());
    // A read-only draft with faults.
    let ro = write(&dir, "lecture-seule.res.md", BROKEN.as_bytes());
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = snapshot(&dir);
    assert!(before.len() >= 8, "{before:?}");
    std::thread::sleep(std::time::Duration::from_millis(20)); // a write would show in the mtimes
    let d = dir.to_str().unwrap();
    for args in [
        vec!["check", d],
        vec!["check", "--format", "json", d],
        vec!["check", "--max-size", "1KB", d],
        vec!["check", "--format=json", &ro],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(snapshot(&dir), before, "{args:?} changed a file");
    }
    // The read-only draft is checked like any other.
    let out = run(&["check", &ro]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains(&format!("{ro}:3:23: error[footnote-undefined]")), "{stdout}");
    assert_eq!(snapshot(&dir), before);
    // `check` has no option that writes: an unknown one is refused, not guessed.
    for flag in ["--fix", "--write", "--format=fix"] {
        let out = run(&["check", flag, &ro]);
        assert_eq!(out.status.code(), Some(2), "{flag}");
        assert_eq!(snapshot(&dir), before, "{flag}");
    }
}

#[test]
fn size_limit_and_symlink_loops() {
    let dir = temp_dir("limits");
    std::fs::create_dir_all(dir.join("sous")).unwrap();
    let small = write(&dir, "sous/petit.res.md", BROKEN.as_bytes());
    let big = format!("La Asamblea General,\n\n*Recordando* « ñ » 𝔄 é,\n\n{}", "1. *Decide* ñ.\n\n".repeat(120));
    assert!(big.len() > 2048 && big.len() < 3072);
    let big = write(&dir, "grand.res.md", big.as_bytes());
    std::os::unix::fs::symlink(&dir, dir.join("sous/boucle")).unwrap();
    let d = dir.to_str().unwrap();

    // Found in a folder: a warning, not checked, the exit code follows the other files.
    let out = run(&["check", "--max-size", "2KB", d]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let too_large = "KB is larger than the 2 KB limit (setting files.max-size); not read";
    assert!(stderr.contains(&format!("warning: {big}: 2.")) && stderr.contains(too_large), "{stderr}");
    assert!(stderr.contains(&format!("warning: {d}/sous/boucle: symbolic-link loop; not followed")), "{stderr}");
    assert!(stderr.contains("1 file(s) checked (1 not read): 2 error(s)"), "{stderr}");
    assert_eq!(stderr.matches("warning:").count(), 2, "one line each: {stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains(&small) && !stdout.contains(&big), "{stdout}");

    // Named: an error, exit 2; the other files are still checked.
    let out = run(&["check", "--max-size=2KB", &big, &small]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(&format!("error: {big}: 2.")) && stderr.contains(too_large), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains(&small));

    // The limit from resolution-ls.toml; the default (64 MB) reads everything.
    write(&dir, "resolution-ls.toml", b"[files]\nmax-size = \"1 KB\"\n");
    let out = run(&["check", &big]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("larger than the 1 KB limit (setting files.max-size)"));
    let out = run(&["check", "--max-size", "64MB", &big]);
    assert_eq!(out.status.code(), Some(1), "read and checked: {}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains(&format!("{big}:7:1: error[numbering-duplicate]")));
    std::fs::remove_file(dir.join("resolution-ls.toml")).unwrap();
    let out = run(&["check", d]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("2 file(s) checked: "), "{stderr}");

    let out = run(&["check", "--max-size", "lots", d]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--max-size takes a size such as 64MB"));
}
