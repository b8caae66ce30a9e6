//! Settings: defaults, then `resolution-ls.toml` at the workspace root, then editor settings
//! (section `resolution-ls`), then inline `<!-- resolution-ls: … -->` comments in the draft.
//! Later sources win. Pure: callers read files and pass their text.
//!
//! ```toml
//! catalogues = ["un.catalogue.tsv"]
//! french-spacing = "un-ga"          # un-ga | un-sc | imprimerie-nationale | none | auto
//! [footnotes]
//! repeat = "reuse-indicator"        # or "duplicate-footnote"
//! [rules]
//! punctuation-final = "off"         # off | on | error | warning | info | hint
//! numbering-gap = "warning"
//! ```

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

/// The effective settings.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Config {
    pub rules: BTreeMap<String, RuleLevel>,
    pub french_spacing: FrenchSpacing,
    pub footnote_repeat: FootnoteRepeat,
    pub catalogues: Vec<String>,
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

    fn validate(&self) -> Result<(), String> {
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
    }
}
