//! Settings: defaults, then `resolution-ls.toml` at the workspace root, then editor settings
//! (section `resolution-ls`), then inline `<!-- resolution-ls: … -->` comments in the draft.
//! Later sources win. Pure: callers read files and pass their text.
//!
//! ```toml
//! catalogues = ["un.catalogue.tsv"]
//! french-spacing = "un-ga"          # un-ga | un-sc | imprimerie-nationale | none | auto
//! [files]
//! max-size = "64 MB"                # larger files are skipped; bytes, or a number with B, KB, MB, GB
//! [footnotes]
//! repeat = "reuse-indicator"        # or "duplicate-footnote"
//! [rules]
//! punctuation-final = "off"         # off | on | error | warning | info | hint
//! numbering-gap = "warning"
//! ```
//!
//! Editor settings only (refused in `resolution-ls.toml`, which is the workspace's, not the
//! user's): `catalogue.allowOutsideWorkspace` (or `allow-outside-workspace`), whether catalogue
//! files listed in `resolution-ls.toml` may lie outside the workspace folders.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::analysis::Severity;
use crate::analysis::diagnostics::CODES;

/// French spacing before ; : ! ? and inside « ».
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum FrenchSpacing {
    /// Follow the organ: un-sc for the Security Council, un-ga otherwise.
    #[default]
    Auto,
    /// GA, ECOSOC, HRC: a space before ; and :.
    UnGa,
    /// Security Council: a space before : only.
    UnSc,
    /// Imprimerie nationale: thin no-break space before ; ! ?, no-break space before : and inside « ».
    ImprimerieNationale,
    /// No check.
    None,
}

/// How a repeated reference to one source is footnoted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum FootnoteRepeat {
    /// Older practice (GA resolution 72/169): the indicator is repeated.
    #[default]
    ReuseIndicator,
    /// Current DGACM practice: a new footnote with identical text.
    DuplicateFootnote,
}

/// A rule's setting: off, on (its default severity), or a severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleLevel {
    Off,
    On,
    Severity(Severity),
}

impl RuleLevel {
    fn parse(s: &str) -> Option<RuleLevel> {
        Some(match s.to_ascii_lowercase().as_str() {
            "off" | "false" | "disable" | "disabled" | "none" => RuleLevel::Off,
            "on" | "true" | "enable" | "enabled" | "default" => RuleLevel::On,
            "error" => RuleLevel::Severity(Severity::Error),
            "warning" | "warn" => RuleLevel::Severity(Severity::Warning),
            "info" | "information" => RuleLevel::Severity(Severity::Information),
            "hint" => RuleLevel::Severity(Severity::Hint),
            _ => return None,
        })
    }
}

/// The default largest file read: 64 MB.
pub const DEFAULT_MAX_SIZE: u64 = 64 * 1024 * 1024;

/// The effective settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub rules: BTreeMap<String, RuleLevel>,
    pub french_spacing: FrenchSpacing,
    pub footnote_repeat: FootnoteRepeat,
    pub catalogues: Vec<String>,
    /// Files larger than this (bytes) are not read (`files.max-size`).
    pub max_size: u64,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            rules: BTreeMap::new(),
            french_spacing: FrenchSpacing::default(),
            footnote_repeat: FootnoteRepeat::default(),
            catalogues: Vec::new(),
            max_size: DEFAULT_MAX_SIZE,
        }
    }
}

/// A size in bytes, as written: a number of bytes, or a string such as `"64 MB"` or `"1KB"`
/// (B, KB, MB, GB, also KiB, MiB, GiB; all multiples of 1024; case does not matter).
pub fn parse_size(s: &str) -> Option<u64> {
    let s = s.trim();
    let digits = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let n: u64 = s[..digits].parse().ok()?;
    let unit: u64 = match s[digits..].trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => return None,
    };
    n.checked_mul(unit)
}

/// A size for messages: `64 MB`, `1 KB`, `2.4 KB`, `900 bytes`.
pub fn format_size(bytes: u64) -> String {
    let (unit, name) = match bytes {
        b if b >= 1 << 30 => (1u64 << 30, "GB"),
        b if b >= 1 << 20 => (1 << 20, "MB"),
        b if b >= 1 << 10 => (1 << 10, "KB"),
        b => return format!("{b} bytes"),
    };
    if bytes % unit == 0 {
        format!("{} {name}", bytes / unit)
    } else {
        format!("{:.1} {name}", bytes as f64 / unit as f64)
    }
}

/// One source of settings, as written (every field optional).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Layer {
    #[serde(default)]
    rules: BTreeMap<String, RuleValue>,
    #[serde(default, alias = "french-spacing", alias = "frenchSpacing")]
    french_spacing: Option<FrenchSpacing>,
    #[serde(default)]
    footnotes: Option<FootnoteLayer>,
    #[serde(default)]
    catalogues: Option<Vec<String>>,
    #[serde(default)]
    files: Option<FilesLayer>,
    /// Editor settings only (see the module's documentation).
    #[serde(default)]
    catalogue: Option<CatalogueLayer>,
    /// Editor-only settings the server does not use (the VS Code extension's own keys).
    #[serde(default)]
    #[allow(dead_code)]
    trace: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    #[allow(dead_code)]
    path: Option<serde::de::IgnoredAny>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FootnoteLayer {
    #[serde(default)]
    repeat: Option<FootnoteRepeat>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FilesLayer {
    #[serde(default, alias = "max-size", alias = "maxSize")]
    max_size: Option<SizeValue>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogueLayer {
    #[serde(default, alias = "allow-outside-workspace", alias = "allowOutsideWorkspace")]
    allow_outside_workspace: Option<bool>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum SizeValue {
    Bytes(u64),
    Text(String),
}

impl SizeValue {
    fn bytes(&self) -> Option<u64> {
        match self {
            SizeValue::Bytes(b) => Some(*b),
            SizeValue::Text(t) => parse_size(t),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum RuleValue {
    Bool(bool),
    Text(String),
}

impl Layer {
    /// Parses `resolution-ls.toml`.
    pub fn from_toml(text: &str) -> Result<Layer, String> {
        let layer: Layer = toml::from_str(text).map_err(|e| e.to_string().trim().replace('\n', " "))?;
        layer.validate()?;
        if layer.catalogue.as_ref().is_some_and(|c| c.allow_outside_workspace.is_some()) {
            return Err("`catalogue.allow-outside-workspace` is read only from your editor settings, \
                 not from resolution-ls.toml"
                .to_string());
        }
        Ok(layer)
    }

    /// Parses editor settings (the JSON object of the `resolution-ls` section).
    pub fn from_json(value: serde_json::Value) -> Result<Layer, String> {
        if value.is_null() {
            return Ok(Layer::default());
        }
        let layer: Layer = serde_json::from_value(value).map_err(|e| e.to_string())?;
        layer.validate()?;
        Ok(layer)
    }

    /// Whether catalogue files listed in `resolution-ls.toml` may lie outside the workspace
    /// folders. Meaningful for the editor's layer only (`from_toml` refuses the key).
    pub fn allows_catalogues_outside_workspace(&self) -> bool {
        self.catalogue.as_ref().and_then(|c| c.allow_outside_workspace).unwrap_or(false)
    }

    /// The catalogue files this layer lists, if it lists any.
    pub fn catalogues(&self) -> Option<&[String]> {
        self.catalogues.as_deref()
    }

    fn validate(&self) -> Result<(), String> {
        if let Some(size) = self.files.as_ref().and_then(|f| f.max_size.as_ref()) {
            match size.bytes() {
                Some(b) if b > 0 => {}
                _ => {
                    let shown = match size {
                        SizeValue::Bytes(b) => b.to_string(),
                        SizeValue::Text(t) => format!("\"{t}\""),
                    };
                    return Err(format!(
                        "files.max-size: {shown} is not a size (use a number of bytes, or e.g. \"64 MB\", \"512 KB\")"
                    ));
                }
            }
        }
        for (code, v) in &self.rules {
            if !CODES.iter().any(|(c, _)| c == code) {
                return Err(format!("unknown rule `{code}` (known rules: {})", known_codes()));
            }
            if let RuleValue::Text(t) = v {
                if RuleLevel::parse(t).is_none() {
                    return Err(format!(
                        "rule `{code}`: `{t}` is not a setting (use off, on, error, warning, info or hint)"
                    ));
                }
            }
        }
        Ok(())
    }
}

fn known_codes() -> String {
    CODES.iter().map(|(c, _)| *c).collect::<Vec<_>>().join(", ")
}

impl Config {
    /// Applies a layer on top of these settings.
    pub fn apply(&mut self, layer: &Layer) {
        for (code, v) in &layer.rules {
            let level = match v {
                RuleValue::Bool(true) => RuleLevel::On,
                RuleValue::Bool(false) => RuleLevel::Off,
                RuleValue::Text(t) => RuleLevel::parse(t).unwrap_or(RuleLevel::On),
            };
            self.rules.insert(code.clone(), level);
        }
        if let Some(f) = layer.french_spacing {
            self.french_spacing = f;
        }
        if let Some(r) = layer.footnotes.as_ref().and_then(|f| f.repeat) {
            self.footnote_repeat = r;
        }
        if let Some(c) = &layer.catalogues {
            self.catalogues = c.clone();
        }
        if let Some(b) = layer.files.as_ref().and_then(|f| f.max_size.as_ref()).and_then(SizeValue::bytes) {
            self.max_size = b;
        }
    }

    /// The severity a rule reports with, or `None` when it is off.
    pub fn severity(&self, code: &str, default: Severity) -> Option<Severity> {
        match self.rules.get(code) {
            Some(RuleLevel::Off) => None,
            Some(RuleLevel::Severity(s)) => Some(*s),
            Some(RuleLevel::On) | None => Some(default),
        }
    }
}

/// The name of the settings file at a workspace root.
pub const FILE_NAME: &str = "resolution-ls.toml";

/// Finds the settings file for a draft: in its folder or the nearest parent folder, stopping
/// at a folder that holds `.git`.
pub fn find_file(draft: &std::path::Path) -> Option<std::path::PathBuf> {
    let mut dir = draft.parent();
    while let Some(d) = dir {
        let candidate = d.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        if d.join(".git").exists() {
            return None;
        }
        dir = d.parent();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_then_editor_settings() {
        let mut c = Config::default();
        let toml = Layer::from_toml(
            "catalogues = [\"a.tsv\"]\nfrench-spacing = \"un-sc\"\n[footnotes]\nrepeat = \"duplicate-footnote\"\n[rules]\nnumbering-gap = \"warning\"\nfootnote-unused = \"off\"\n",
        )
        .unwrap();
        c.apply(&toml);
        let editor =
            Layer::from_json(serde_json::json!({"rules": {"footnote-unused": true}, "frenchSpacing": "none"})).unwrap();
        c.apply(&editor);
        assert_eq!(c.severity("numbering-gap", Severity::Error), Some(Severity::Warning));
        assert_eq!(c.severity("footnote-unused", Severity::Warning), Some(Severity::Warning));
        assert_eq!(c.severity("numbering-order", Severity::Error), Some(Severity::Error));
        assert_eq!(c.french_spacing, FrenchSpacing::None);
        assert_eq!(c.footnote_repeat, FootnoteRepeat::DuplicateFootnote);
        assert_eq!(c.catalogues, ["a.tsv"]);
    }

    #[test]
    fn bad_settings_are_one_clear_message() {
        let e = Layer::from_toml("[rules]\nnumbering-gapp = \"off\"\n").unwrap_err();
        assert!(e.starts_with("unknown rule `numbering-gapp` (known rules: numbering-gap,"), "{e}");
        let e = Layer::from_toml("[rules]\nnumbering-gap = \"loud\"\n").unwrap_err();
        assert_eq!(e, "rule `numbering-gap`: `loud` is not a setting (use off, on, error, warning, info or hint)");
        let e = Layer::from_toml("french-spacing = \"écarté\"").unwrap_err();
        assert!(e.contains("unknown variant `écarté`"), "{e}");
        assert!(Layer::from_toml("rules = [").is_err());
        assert!(Layer::from_json(serde_json::json!({"colour": 1})).unwrap_err().contains("unknown field `colour`"));
        let e = Layer::from_toml("[files]\nmax-size = \"64 Mo\"\n").unwrap_err();
        assert_eq!(e, "files.max-size: \"64 Mo\" is not a size (use a number of bytes, or e.g. \"64 MB\", \"512 KB\")");
        assert!(Layer::from_toml("[files]\nmax-size = 0\n").is_err());
        assert!(Layer::from_toml("[files]\nmax-size = -1\n").is_err());
    }

    #[test]
    fn file_size_limit_from_either_layer() {
        assert_eq!(Config::default().max_size, 64 * 1024 * 1024);
        let mut c = Config::default();
        c.apply(&Layer::from_toml("[files]\nmax-size = \"2 MB\"\n").unwrap());
        assert_eq!(c.max_size, 2 << 20);
        c.apply(&Layer::from_json(serde_json::json!({"files": {"maxSize": 1500}})).unwrap());
        assert_eq!(c.max_size, 1500);
        c.apply(&Layer::from_json(serde_json::json!({"files": {"max-size": "1kb"}})).unwrap());
        assert_eq!(c.max_size, 1024);
        c.apply(&Layer::from_json(serde_json::json!({"rules": {}})).unwrap());
        assert_eq!(c.max_size, 1024, "a layer without the key keeps the limit");
        for (text, bytes) in [("512", 512), ("1 KiB", 1024), ("64MB", 64 << 20), (" 3 gb ", 3 << 30), ("7 B", 7)] {
            assert_eq!(parse_size(text), Some(bytes), "{text:?}");
        }
        for text in ["", "MB", "1.5 MB", "-1", "1 TB", "99999999999999 GB", "« 1 MB »"] {
            assert_eq!(parse_size(text), None, "{text:?}");
        }
        assert_eq!(format_size(64 << 20), "64 MB");
        assert_eq!(format_size(1024), "1 KB");
        assert_eq!(format_size(1500), "1.5 KB");
        assert_eq!(format_size(900), "900 bytes");
        assert_eq!(format_size((70 << 20) + 5), "70.0 MB");
    }

    #[test]
    fn outside_catalogues_allowed_only_by_the_editor() {
        let e = Layer::from_toml("[catalogue]\nallow-outside-workspace = true\n").unwrap_err();
        assert!(e.contains("read only from your editor settings"), "{e}");
        assert!(!Layer::from_toml("catalogues = [\"é.tsv\"]\n").unwrap().allows_catalogues_outside_workspace());
        let editor = Layer::from_json(serde_json::json!({"catalogue": {"allowOutsideWorkspace": true}})).unwrap();
        assert!(editor.allows_catalogues_outside_workspace());
        assert!(!Layer::default().allows_catalogues_outside_workspace());
        assert!(Layer::from_json(serde_json::json!({"catalogue": {"allowOutside": true}})).is_err());
    }
}
