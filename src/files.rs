//! Reading drafts, catalogues and settings from disk, for both front ends: every read is
//! bounded by a size limit (`files.max-size`) and opens regular files only (never a FIFO or a
//! device), and folder walks never loop on symbolic links. Nothing here writes.

use std::collections::HashSet;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::config::format_size;

/// Why a file was not read, or a folder entry not followed.
#[derive(Debug)]
pub enum ReadError {
    /// Larger than the limit: `size` is the file's size (at least), `limit` the setting.
    TooLarge {
        size: u64,
        limit: u64,
    },
    /// A folder, FIFO, socket or device where a file was expected.
    NotAFile,
    /// A symbolic link that leads back to itself or to a folder being walked.
    Loop,
    /// A symbolic link whose target lies outside the folders a walk may read.
    Outside,
    NotUtf8 {
        valid_up_to: usize,
    },
    Io(std::io::Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::TooLarge { size, limit } => write!(
                f,
                "{} is larger than the {} limit (setting files.max-size); not read",
                format_size(*size),
                format_size(*limit)
            ),
            ReadError::NotAFile => write!(f, "not a regular file; not read"),
            ReadError::Loop => write!(f, "symbolic-link loop; not followed"),
            ReadError::Outside => write!(f, "symbolic link to outside the workspace; not followed"),
            ReadError::NotUtf8 { valid_up_to } => write!(f, "not valid UTF-8 (first bad byte at offset {valid_up_to})"),
            ReadError::Io(e) => write!(f, "cannot read file: {e}"),
        }
    }
}

impl From<std::io::Error> for ReadError {
    fn from(e: std::io::Error) -> ReadError {
        if e.raw_os_error() == Some(libc::ELOOP) { ReadError::Loop } else { ReadError::Io(e) }
    }
}

impl ReadError {
    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadError::Io(e) if e.kind() == std::io::ErrorKind::NotFound)
    }
}

/// The bytes of a regular file of at most `limit` bytes. Checks the size before reading, and
/// reads at most `limit + 1` bytes (a file that grows meanwhile is still refused).
pub fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile);
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge { size: meta.len(), limit });
    }
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { size: bytes.len() as u64, limit });
    }
    Ok(bytes)
}

/// [`read_bytes`], as UTF-8 text.
pub fn read_text(path: &Path, limit: u64) -> Result<String, ReadError> {
    String::from_utf8(read_bytes(path, limit)?)
        .map_err(|e| ReadError::NotUtf8 { valid_up_to: e.utf8_error().valid_up_to() })
}

/// What a folder walk found.
#[derive(Debug, Default)]
pub struct Walk {
    /// The files wanted, each once (a file reached through a symbolic link too is listed under
    /// the first path found), in walk order (names sorted, folders depth first).
    pub files: Vec<PathBuf>,
    /// Entries not followed: symbolic-link loops, links to outside the allowed folders.
    pub skipped: Vec<(PathBuf, ReadError)>,
    /// Folders that could not be read.
    pub errors: Vec<(PathBuf, ReadError)>,
}

/// Folder names never walked into: hidden folders, build output, JavaScript dependencies.
fn ignored_folder(name: &str) -> bool {
    name.starts_with('.') || name == "target" || name == "node_modules"
}

const MAX_DEPTH: usize = 64;

/// Lists the files under `root` whose name `wanted` accepts. Symbolic links are followed when
/// their target (fully resolved) lies inside one of `within` (canonical paths; `None`:
/// anywhere); a link to a folder being walked (a loop) is skipped, and so is a folder already
/// walked through another path. Sizes are not checked here: reads check them.
pub fn walk(root: &Path, within: Option<&[PathBuf]>, wanted: impl Fn(&str) -> bool) -> Walk {
    let mut w = Walker { within, wanted, out: Walk::default(), visited: HashSet::new(), files: HashSet::new() };
    match std::fs::canonicalize(root) {
        Ok(canonical) => {
            w.visited.insert(canonical.clone());
            let mut stack = vec![canonical];
            w.dir(root, &mut stack);
        }
        Err(e) => w.out.errors.push((root.to_path_buf(), e.into())),
    }
    w.out
}

struct Walker<'a, F> {
    within: Option<&'a [PathBuf]>,
    wanted: F,
    out: Walk,
    /// Canonical paths of the folders walked and the files listed.
    visited: HashSet<PathBuf>,
    files: HashSet<PathBuf>,
}

impl<F: Fn(&str) -> bool> Walker<'_, F> {
    /// Walks `dir`, whose canonical path is the last of `stack` (the folders being walked).
    fn dir(&mut self, dir: &Path, stack: &mut Vec<PathBuf>) {
        if stack.len() > MAX_DEPTH {
            tracing::debug!("{}: deeper than {MAX_DEPTH} folders; not walked", dir.display());
            return;
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                self.out.errors.push((dir.to_path_buf(), e.into()));
                return;
            }
        };
        let mut entries: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| (e.file_name(), e.path())).collect();
        entries.sort();
        for (name, path) in entries {
            let name = name.to_string_lossy();
            let Ok(lmeta) = path.symlink_metadata() else { continue };
            let (meta, canonical) = if lmeta.file_type().is_symlink() {
                let meta = match std::fs::metadata(&path) {
                    Ok(m) => m,
                    Err(e) => {
                        match ReadError::from(e) {
                            ReadError::Loop => self.out.skipped.push((path, ReadError::Loop)),
                            e => tracing::debug!("{}: {e}", path.display()), // a dangling link
                        }
                        continue;
                    }
                };
                let Ok(canonical) = std::fs::canonicalize(&path) else { continue };
                if meta.is_dir() && ignored_folder(&name) {
                    continue;
                }
                if !(meta.is_dir() || meta.is_file() && (self.wanted)(&name)) {
                    continue;
                }
                let loops = meta.is_dir() && stack.contains(&canonical);
                if !loops && self.within.is_some_and(|roots| !roots.iter().any(|r| canonical.starts_with(r))) {
                    self.out.skipped.push((path, ReadError::Outside));
                    continue;
                }
                (meta, canonical)
            } else {
                let canonical = stack.last().expect("the walked folder").join(&*name);
                (lmeta, canonical)
            };
            if meta.is_dir() {
                if ignored_folder(&name) {
                    continue;
                }
                if stack.contains(&canonical) {
                    // A real folder that is an ancestor: reached through a link walked above.
                    self.out.skipped.push((path, ReadError::Loop));
                } else if self.visited.insert(canonical.clone()) {
                    stack.push(canonical);
                    self.dir(&path, stack);
                    stack.pop();
                }
            } else if meta.is_file() && (self.wanted)(&name) && self.files.insert(canonical) {
                self.out.files.push(path);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("resolution-ls-files-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    const DRAFT: &str = "La Asamblea General,\n\n*Recordando* « ñ » 𝔄 é,\n\n1. *Decide* ;\n";

    fn names(root: &Path, paths: &[PathBuf]) -> Vec<String> {
        paths.iter().map(|p| p.strip_prefix(root).unwrap().display().to_string()).collect()
    }

    #[test]
    fn reads_are_bounded_and_regular_files_only() {
        let dir = temp_dir("read");
        let p = dir.join("é.res.md");
        std::fs::write(&p, DRAFT).unwrap();
        let len = DRAFT.len() as u64;
        assert_eq!(read_text(&p, len).unwrap(), DRAFT);
        let e = read_text(&p, len - 1).unwrap_err();
        assert!(matches!(e, ReadError::TooLarge { size, limit } if size == len && limit == len - 1), "{e:?}");
        assert_eq!(
            ReadError::TooLarge { size: 2048, limit: 1024 }.to_string(),
            "2 KB is larger than the 1 KB limit (setting files.max-size); not read"
        );
        assert!(matches!(read_text(&dir, 1 << 20), Err(ReadError::NotAFile)));
        assert!(read_text(&dir.join("none.res.md"), 1 << 20).unwrap_err().is_not_found());
        std::fs::write(dir.join("bad.res.md"), b"\xc3\xa9\xff").unwrap();
        assert!(matches!(read_text(&dir.join("bad.res.md"), 10), Err(ReadError::NotUtf8 { valid_up_to: 2 })));
        // A FIFO would block a read forever: it is refused without being opened.
        let fifo = std::ffi::CString::new(dir.join("fifo.res.md").into_os_string().into_encoded_bytes()).unwrap();
        // SAFETY: mkfifo reads a NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
        assert!(matches!(read_text(&dir.join("fifo.res.md"), 1 << 20), Err(ReadError::NotAFile)));
        // A link to itself.
        symlink("self.res.md", dir.join("self.res.md")).unwrap();
        assert!(matches!(read_text(&dir.join("self.res.md"), 1 << 20), Err(ReadError::Loop)));
    }

    #[test]
    fn walks_never_loop_and_stay_inside() {
        let root = temp_dir("walk");
        let outside = temp_dir("walk-outside");
        std::fs::write(outside.join("dehors.res.md"), DRAFT).unwrap();
        std::fs::create_dir_all(root.join("a/b")).unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::write(root.join(".git/x.res.md"), DRAFT).unwrap();
        std::fs::write(root.join("a/b/ñ.res.md"), DRAFT).unwrap();
        std::fs::write(root.join("a/notes.md"), DRAFT).unwrap();
        symlink(&root, root.join("a/b/boucle")).unwrap(); // to the root: a loop
        symlink("b", root.join("a/lien")).unwrap(); // to a sibling folder: listed once
        symlink("x1", root.join("x2")).unwrap(); // x1 -> x2 -> x1
        symlink("x2", root.join("x1")).unwrap();
        symlink(outside.join("dehors.res.md"), root.join("z.res.md")).unwrap();
        symlink(&outside, root.join("z")).unwrap();
        symlink("a/b/ñ.res.md", root.join("alias.res.md")).unwrap(); // to a file inside: listed once
        symlink("nowhere", root.join("dangling.res.md")).unwrap();
        std::fs::write(root.join("big.res.md"), "é".repeat(1000)).unwrap();

        let within = [std::fs::canonicalize(&root).unwrap()];
        let w = walk(&root, Some(&within), |n| n.ends_with(".res.md"));
        assert_eq!(names(&root, &w.files), ["a/b/ñ.res.md", "big.res.md"]);
        let mut skipped: Vec<String> =
            w.skipped.iter().map(|(p, e)| format!("{}: {e}", p.strip_prefix(&root).unwrap().display())).collect();
        skipped.sort();
        assert_eq!(
            skipped,
            [
                "a/b/boucle: symbolic-link loop; not followed",
                "x1: symbolic-link loop; not followed",
                "x2: symbolic-link loop; not followed",
                "z.res.md: symbolic link to outside the workspace; not followed",
                "z: symbolic link to outside the workspace; not followed",
            ]
        );
        assert!(w.errors.is_empty());

        // Anywhere (the command line): links outside are followed, loops are still skipped.
        let w = walk(&root, None, |n| n.ends_with(".res.md"));
        assert_eq!(names(&root, &w.files), ["a/b/ñ.res.md", "big.res.md", "z/dehors.res.md"]);
        assert_eq!(w.skipped.iter().filter(|(_, e)| matches!(e, ReadError::Loop)).count(), 3);
        // A loop seen from inside the looped folder (b/boucle sorts before b/ñ.res.md, so that
        // file is listed through its alias at the root, the path found first).
        let w = walk(&root.join("a"), None, |n| n.ends_with(".res.md"));
        assert_eq!(
            names(&root, &w.files),
            ["a/b/boucle/alias.res.md", "a/b/boucle/big.res.md", "a/b/boucle/z/dehors.res.md"]
        );
        assert!(w.skipped.iter().any(|(p, e)| p.ends_with("a/b/boucle/a") && matches!(e, ReadError::Loop)));
        let w = walk(&root.join("none"), None, |_| true);
        assert!(w.files.is_empty() && w.errors.len() == 1);
    }
}
