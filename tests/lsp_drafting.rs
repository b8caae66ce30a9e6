//! Drafting language over real JSON-RPC (issue 3): hover on opening phrases and operative verbs
//! in English, French and Spanish, and every quick fix the server offers for the drafting
//! diagnostics, applied as a client would and checked by re-opening the result.
//!
//! Positions: a paragraph's opening phrase can only be preceded on its line by the paragraph
//! label, so those tests use a no-break space after "N." (allowed by the format) and accented
//! words inside the phrase; every other position has é « » ñ and 𝔄 before it on its line, so
//! that UTF-16 and UTF-8 columns differ.

mod support;

use serde_json::{Value, json};
use support::{Server, apply_lsp_edits, summary};

fn utf8_client() -> Value {
    json!({"general": {"positionEncodings": ["utf-8"]}})
}

/// The column of `needle` in `line`, in UTF-16 units or UTF-8 bytes.
fn col(line: &str, needle: &str, utf8: bool) -> u64 {
    let i = line.find(needle).unwrap_or_else(|| panic!("{needle:?} not in {line:?}"));
    if utf8 { i as u64 } else { line[..i].encode_utf16().count() as u64 }
}

fn at(uri: &str, line: usize, character: u64) -> Value {
    json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
}

// ---------------------------------------------------------------------------------------------
// Hover

struct HoverCase {
    text: &'static str,
    line: usize,
    /// The cursor goes at the start of this text, which lies inside the opening phrase.
    cursor: &'static str,
    /// The opening phrase as written: the hover's range.
    phrase: &'static str,
    /// What the hover must contain: its heading, the gloss, the equivalents.
    contains: &'static [&'static str],
}

const HOVERS: &[HoverCase] = &[
    HoverCase {
        text: "The General Assembly,\n\n*Recalling* « é » ñ 𝔄,\n\n1.\u{a0}*Also requests* the Secretary-General « é » ñ 𝔄 to report;\n\n2.\u{a0}*Requires* « é » ñ 𝔄 all States to report.\n",
        line: 4,
        cursor: "quests",
        phrase: "Also requests",
        contains: &[
            "**Requests**",
            "Asks the addressee to act",
            "_conventional reading: mandate",
            "Usual complement: Requests X to + infinitive",
            "- English: Requests\n",
            "- French: Prie · Demande\n",
            "- Spanish: Solicita · Pide\n",
        ],
    },
    // The verb added from the Security Council's usage (S/RES/2521 (2020), paragraph 10:
    // "Requires" / « Enjoint à » / "Requiere que").
    HoverCase {
        text: "The General Assembly,\n\n*Recalling* « é » ñ 𝔄,\n\n1.\u{a0}*Also requests* the Secretary-General « é » ñ 𝔄 to report;\n\n2.\u{a0}*Requires* « é » ñ 𝔄 all States to report.\n",
        line: 6,
        cursor: "quires",
        phrase: "Requires",
        contains: &[
            "**Requires**",
            "Usual complement: Requires X to + infinitive",
            "- English: Requires\n",
            "- French: Enjoint\n",
            "- Spanish: Requiere\n",
        ],
    },
    HoverCase {
        text: "L’Assemblée générale,\n\n*Rappelant* « é » ñ 𝔄,\n\n1.\u{a0}*Réaffirme également* « é » ñ 𝔄 sa volonté ;\n\n2.\u{a0}*Enjoint* à « é » ñ 𝔄 tous les États de faire rapport.\n",
        line: 4,
        cursor: "galement",
        phrase: "Réaffirme également",
        contains: &[
            "**Réaffirme**",
            "Usual complement: Réaffirme",
            "- English: Reaffirms\n",
            "- French: Réaffirme\n",
            "- Spanish: Reafirma\n",
        ],
    },
    HoverCase {
        text: "L’Assemblée générale,\n\n*Rappelant* « é » ñ 𝔄,\n\n1.\u{a0}*Réaffirme également* « é » ñ 𝔄 sa volonté ;\n\n2.\u{a0}*Enjoint* à « é » ñ 𝔄 tous les États de faire rapport.\n",
        line: 6,
        cursor: "joint",
        phrase: "Enjoint",
        contains: &["**Enjoint**", "Usual complement: Enjoint à X de + infinitive", "- English: Requires\n"],
    },
    HoverCase {
        text: "La Asamblea General,\n\n*Acogiendo con beneplácito* « ñ » 𝔄,\n\n1.\u{a0}*Condena en los términos más enérgicos* « é » ñ 𝔄 los ataques;\n\n2.\u{a0}*Requiere* que « é » ñ 𝔄 los Estados informen.\n",
        line: 4,
        cursor: "rgicos",
        phrase: "Condena en los términos más enérgicos",
        contains: &[
            "**Condena en los términos más enérgicos**",
            "- English: Condemns in the strongest terms\n",
            "- French: Condamne avec la plus grande fermeté\n",
        ],
    },
    HoverCase {
        text: "La Asamblea General,\n\n*Acogiendo con beneplácito* « ñ » 𝔄,\n\n1.\u{a0}*Condena en los términos más enérgicos* « é » ñ 𝔄 los ataques;\n\n2.\u{a0}*Requiere* que « é » ñ 𝔄 los Estados informen.\n",
        line: 2,
        cursor: "cito",
        phrase: "Acogiendo con beneplácito",
        contains: &[
            "**Acogiendo con beneplácito**",
            "- English: Welcoming\n",
            "- French: Se félicitant · Accueillant avec satisfaction",
        ],
    },
    HoverCase {
        text: "La Asamblea General,\n\n*Acogiendo con beneplácito* « ñ » 𝔄,\n\n1.\u{a0}*Condena en los términos más enérgicos* « é » ñ 𝔄 los ataques;\n\n2.\u{a0}*Requiere* que « é » ñ 𝔄 los Estados informen.\n",
        line: 6,
        cursor: "quiere",
        phrase: "Requiere",
        contains: &["**Requiere**", "Usual complement: Requiere que X + subjunctive", "- English: Requires\n"],
    },
];

#[test]
fn hover_on_openings_in_three_languages_and_two_encodings() {
    for utf8 in [false, true] {
        let (mut s, _) = Server::initialized(if utf8 { utf8_client() } else { json!({}) });
        for (i, case) in HOVERS.iter().enumerate() {
            let uri = format!("file:///hover{i}.res.md");
            s.open(&uri, case.text);
            let line = case.text.lines().nth(case.line).unwrap();
            let h = s.request("textDocument/hover", at(&uri, case.line, col(line, case.cursor, utf8)));
            let md = h["contents"]["value"].as_str().unwrap_or_else(|| panic!("no hover: {h}"));
            for c in case.contains {
                assert!(md.contains(c), "{:?}: {c:?} not in\n{md}", case.phrase);
            }
            let start = col(line, case.phrase, utf8);
            let end = start + if utf8 { case.phrase.len() } else { case.phrase.encode_utf16().count() } as u64;
            assert_eq!(
                h["range"],
                json!({"start": {"line": case.line, "character": start}, "end": {"line": case.line, "character": end}}),
                "{:?}",
                case.phrase
            );
            // The text after the phrase (« é » ñ 𝔄) has no hover.
            let after = s.request("textDocument/hover", at(&uri, case.line, end + 3));
            assert_eq!(after, Value::Null, "{:?}", case.phrase);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Quick fixes

struct FixCase {
    name: &'static str,
    text: &'static str,
    /// The diagnostic code and the line it is on; `None` for a rewrite offered without one.
    code: Option<&'static str>,
    line: usize,
    /// For a rewrite: where to ask for actions (the start of this text on `line`).
    at: &'static str,
    title: &'static str,
    /// (from, to): the fixed text is `text` with the first `from` replaced by `to`.
    change: (&'static str, &'static str),
}

const FIXES: &[FixCase] = &[
    // English (General Assembly).
    FixCase {
        name: "en punctuation-preambular",
        text: "The General Assembly,\n\n*Recalling* « é » ñ 𝔄 its resolution;\n\n1. *Decides* « é » ñ 𝔄 to act.\n",
        code: Some("punctuation-preambular"),
        line: 2,
        at: "",
        title: "End with “,”",
        change: ("resolution;", "resolution,"),
    },
    FixCase {
        name: "en punctuation-operative",
        text: "The General Assembly,\n\n*Recalling* « é » ñ 𝔄,\n\n1. *Decides* « é » ñ 𝔄 to act.\n\n2. *Requests* « é » ñ 𝔄 a report.\n",
        code: Some("punctuation-operative"),
        line: 4,
        at: "",
        title: "End with “;”",
        change: ("to act.", "to act;"),
    },
    FixCase {
        name: "en punctuation-final",
        text: "The General Assembly,\n\n*Recalling* « é » ñ 𝔄,\n\n1. *Decides* « é » ñ 𝔄 to act;\n\n2. *Requests* « é » ñ 𝔄 a report\n",
        code: Some("punctuation-final"),
        line: 6,
        at: "",
        title: "Add “.”",
        change: ("a report\n", "a report.\n"),
    },
    FixCase {
        name: "en punctuation-colon",
        text: "The General Assembly,\n\n*Recalling* « é » ñ 𝔄,\n\n1. *Requests* « é » ñ 𝔄 the Secretary-General;\n   (a) To act « é » ñ 𝔄;\n   (b) To report.\n",
        code: Some("punctuation-colon"),
        line: 4,
        at: "",
        title: "End with “:”",
        change: ("Secretary-General;", "Secretary-General:"),
    },
    FixCase {
        name: "en unknown-opening",
        text: "The General Assembly,\n\n*Recalling* « é » ñ 𝔄,\n\n1.\u{a0}*Also reafirms* « é » ñ 𝔄 its commitment.\n",
        code: Some("unknown-opening"),
        line: 4,
        at: "",
        title: "Replace with “reaffirms”",
        change: ("reafirms", "reaffirms"),
    },
    FixCase {
        name: "en italicise",
        text: "The General Assembly,\n\n*Recalling* « é » ñ 𝔄,\n\n1.\u{a0}Also decides « é » ñ 𝔄 to act.\n",
        code: None,
        line: 4,
        at: "decides",
        title: "Italicise the opening phrase",
        change: ("Also decides", "*Also decides*"),
    },
    // French (General Assembly; spacing as in the document).
    FixCase {
        name: "fr punctuation-preambular",
        text: "L’Assemblée générale,\n\n*Rappelant* « é » ñ 𝔄 sa résolution ;\n\n1. *Décide* « é » ñ 𝔄 d’agir.\n",
        code: Some("punctuation-preambular"),
        line: 2,
        at: "",
        title: "End with “,”",
        change: ("résolution ;", "résolution,"),
    },
    FixCase {
        name: "fr punctuation-operative",
        text: "L’Assemblée générale,\n\n*Rappelant* « é » ñ 𝔄,\n\n1. *Décide* « é » ñ 𝔄 d’agir.\n\n2. *Prie* « é » ñ 𝔄 le Secrétaire général : de faire rapport ; d’agir.\n",
        code: Some("punctuation-operative"),
        line: 4,
        at: "",
        title: "End with “;”",
        change: ("d’agir.\n\n2.", "d’agir\u{202f};\n\n2."),
    },
    FixCase {
        name: "fr punctuation-final",
        text: "L’Assemblée générale,\n\n*Rappelant* « é » ñ 𝔄,\n\n1. *Décide* « é » ñ 𝔄 d’agir ;\n\n2. *Prie* « é » ñ 𝔄 le Secrétaire général de faire rapport ;\n",
        code: Some("punctuation-final"),
        line: 6,
        at: "",
        title: "End with “.”",
        change: ("faire rapport ;", "faire rapport."),
    },
    FixCase {
        name: "fr punctuation-colon",
        text: "L’Assemblée générale,\n\n*Rappelant* « é » ñ 𝔄,\n\n1. *Prie* « é » ñ 𝔄 le Secrétaire général ;\n   a) D’agir « é » ñ 𝔄 ;\n   b) De faire rapport.\n",
        code: Some("punctuation-colon"),
        line: 4,
        at: "",
        title: "End with “:”",
        change: ("général ;", "général :"),
    },
    FixCase {
        name: "fr unknown-opening",
        text: "L’Assemblée générale,\n\n*Rappelant* « é » ñ 𝔄,\n\n1.\u{a0}*Réafirme* « é » ñ 𝔄 sa volonté.\n",
        code: Some("unknown-opening"),
        line: 4,
        at: "",
        title: "Replace with “Réaffirme”",
        change: ("Réafirme", "Réaffirme"),
    },
    FixCase {
        name: "fr agreement (opening)",
        text: "Le Conseil de sécurité,\n\n*Rappelant* « é » ñ 𝔄,\n\n1.\u{a0}*Se déclare préoccupée* par « é » ñ 𝔄 la situation.\n",
        code: Some("agreement"),
        line: 4,
        at: "",
        title: "Write “Se déclare préoccupé”",
        change: ("Se déclare préoccupée", "Se déclare préoccupé"),
    },
    FixCase {
        name: "fr agreement (rester saisi)",
        text: "Le Conseil de sécurité,\n\n*Rappelant* « é » ñ 𝔄,\n\n1. *Prie* « é » ñ 𝔄 les parties de le tenir informé, car il entend rester saisie.\n",
        code: Some("agreement"),
        line: 4,
        at: "",
        title: "Write “saisi”",
        change: ("rester saisie.", "rester saisi."),
    },
    FixCase {
        name: "fr french-spacing",
        text: "L’Assemblée générale,\n\n*Rappelant* « é » ñ 𝔄 : la Charte,\n\n1. *Décide* « é » ñ 𝔄 : agir ; rapporter ; revenir ;\n\n2. *Prie* « é » ñ 𝔄 X; Y.\n",
        code: Some("french-spacing"),
        line: 6,
        at: "",
        title: "Insert a no-break space",
        change: ("X; Y.", "X\u{202f}; Y."),
    },
    FixCase {
        name: "fr italicise",
        text: "L’Assemblée générale,\n\n*Rappelant* « é » ñ 𝔄,\n\n1.\u{a0}Réaffirme également « é » ñ 𝔄 sa volonté.\n",
        code: None,
        line: 4,
        at: "également",
        title: "Italicise the opening phrase",
        change: ("Réaffirme également", "*Réaffirme également*"),
    },
    // Spanish (General Assembly).
    FixCase {
        name: "es punctuation-preambular",
        text: "La Asamblea General,\n\n*Recordando* « é » ñ 𝔄 su resolución.\n\n1. *Decide* « é » ñ 𝔄 actuar.\n",
        code: Some("punctuation-preambular"),
        line: 2,
        at: "",
        title: "End with “,”",
        change: ("resolución.", "resolución,"),
    },
    FixCase {
        name: "es punctuation-operative",
        text: "La Asamblea General,\n\n*Recordando* « é » ñ 𝔄,\n\n1. *Decide* « é » ñ 𝔄 actuar,\n\n2. *Solicita* « é » ñ 𝔄 un informe.\n",
        code: Some("punctuation-operative"),
        line: 4,
        at: "",
        title: "End with “;”",
        change: ("actuar,", "actuar;"),
    },
    FixCase {
        name: "es punctuation-final",
        text: "La Asamblea General,\n\n*Recordando* « é » ñ 𝔄,\n\n1. *Decide* « é » ñ 𝔄 actuar;\n\n2. *Solicita* « é » ñ 𝔄 un informe;\n",
        code: Some("punctuation-final"),
        line: 6,
        at: "",
        title: "End with “.”",
        change: ("un informe;", "un informe."),
    },
    FixCase {
        name: "es punctuation-colon",
        text: "La Asamblea General,\n\n*Recordando* « é » ñ 𝔄,\n\n1. *Solicita* « é » ñ 𝔄 al Secretario General\n   a) Que actúe « é » ñ 𝔄;\n   b) Que informe.\n",
        code: Some("punctuation-colon"),
        line: 4,
        at: "",
        title: "Add “:”",
        change: ("Secretario General\n", "Secretario General:\n"),
    },
    FixCase {
        name: "es unknown-opening",
        text: "La Asamblea General,\n\n*Recordando* « é » ñ 𝔄,\n\n1.\u{a0}*Reafírma* « é » ñ 𝔄 su compromiso.\n",
        code: Some("unknown-opening"),
        line: 4,
        at: "",
        title: "Replace with “Reafirma”",
        change: ("Reafírma", "Reafirma"),
    },
    FixCase {
        name: "es agreement",
        text: "La Asamblea General,\n\n*Profundamente preocupado* por « é » ñ 𝔄 la situación,\n\n1. *Decide* « é » ñ 𝔄 actuar.\n",
        code: Some("agreement"),
        line: 2,
        at: "",
        title: "Write “Profundamente preocupada”",
        change: ("Profundamente preocupado", "Profundamente preocupada"),
    },
    FixCase {
        name: "es italicise",
        text: "La Asamblea General,\n\n*Recordando* « é » ñ 𝔄,\n\n1.\u{a0}Condena enérgicamente « é » ñ 𝔄 los ataques.\n",
        code: None,
        line: 4,
        at: "rgicamente",
        title: "Italicise the opening phrase",
        change: ("Condena enérgicamente", "*Condena enérgicamente*"),
    },
];

/// The pushed diagnostics for `uri` once they include `code` (settings may land after the first
/// publication), or the first ones when `code` is None.
fn diagnostics_with(s: &mut Server, uri: &str, code: Option<&str>) -> Value {
    let m = s.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && code.is_none_or(|c| m["params"]["diagnostics"].as_array().unwrap().iter().any(|d| d["code"] == c))
    });
    m["params"]["diagnostics"].clone()
}

/// Runs one case: the diagnostic is there (and alone), the action is offered for it, its edit
/// gives the expected text, and that text, opened again, has no diagnostic at all.
fn run_fix(s: &mut Server, uri: &str, case: &FixCase) {
    s.open(uri, case.text);
    let diags = diagnostics_with(s, uri, case.code);
    let line = case.text.lines().nth(case.line).unwrap();
    let (range, context) = match case.code {
        Some(code) => {
            let d: Vec<&Value> = diags.as_array().unwrap().iter().filter(|d| d["code"] == code).collect();
            assert_eq!(d.len(), 1, "{}: {diags}", case.name);
            assert_eq!(summary(&diags).len(), 1, "{}: only the diagnostic under test: {diags}", case.name);
            assert_eq!(d[0]["range"]["start"]["line"], case.line, "{}", case.name);
            (d[0]["range"].clone(), json!({"diagnostics": [d[0]], "only": ["quickfix"]}))
        }
        None => {
            assert_eq!(diags, json!([]), "{}", case.name);
            let c = col(line, case.at, false);
            let p = json!({"line": case.line, "character": c});
            (json!({"start": p, "end": p}), json!({"diagnostics": []}))
        }
    };
    let actions =
        s.request("textDocument/codeAction", json!({"textDocument": {"uri": uri}, "range": range, "context": context}));
    let titles: Vec<&str> = actions.as_array().unwrap().iter().map(|a| a["title"].as_str().unwrap()).collect();
    let action = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == case.title)
        .unwrap_or_else(|| panic!("{}: {:?} not offered; got {titles:?}", case.name, case.title));
    if let Some(code) = case.code {
        assert_eq!(action["kind"], "quickfix", "{}", case.name);
        assert_eq!(action["diagnostics"][0]["code"], code, "{}", case.name);
        assert_eq!(action["diagnostics"][0]["range"], range, "{}", case.name);
    } else {
        assert_eq!(action["kind"], "refactor.rewrite", "{}", case.name);
    }
    let changes = action["edit"]["changes"].as_object().unwrap();
    assert_eq!(changes.keys().collect::<Vec<_>>(), [uri], "{}", case.name);
    let fixed = apply_lsp_edits(case.text, &changes[uri]);
    let (from, to) = case.change;
    assert!(case.text.contains(from), "{}: bad case", case.name);
    assert_eq!(fixed, case.text.replacen(from, to, 1), "{}", case.name);
    // Opened again, the fixed text is clean.
    let again = format!("{uri}.fixed.res.md");
    s.open(&again, &fixed);
    assert_eq!(s.diagnostics(&again, 1), json!([]), "{}: {fixed}", case.name);
}

#[test]
fn quick_fixes_for_the_drafting_diagnostics() {
    let (mut s, _) = Server::initialized(json!({}));
    for (i, case) in FIXES.iter().enumerate() {
        run_fix(&mut s, &format!("file:///fix{i}.res.md"), case);
    }
    // Each diagnostic code with a fix is covered in each language where its rule applies.
    for code in ["punctuation-preambular", "punctuation-operative", "punctuation-final", "punctuation-colon"] {
        for lang in ["en", "fr", "es"] {
            assert!(FIXES.iter().any(|c| c.code == Some(code) && c.name.starts_with(lang)), "{lang} {code}");
        }
    }
}

fn temp_root(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("resolution-ls-drafting-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Under the "duplicate-footnote" profile (current DGACM practice), a repeated indicator gets a
/// quick fix that inserts a new footnote with the same text; the footnotes are renumbered.
#[test]
fn a_new_footnote_for_a_repeated_indicator_in_three_languages() {
    let root = temp_root("footnotes");
    std::fs::write(root.join("resolution-ls.toml"), "[footnotes]\nrepeat = \"duplicate-footnote\"\n").unwrap();
    let mut s = Server::start(&[]);
    s.request(
        "initialize",
        json!({"processId": null, "rootUri": format!("file://{}", root.display()), "capabilities": {}}),
    );
    s.notify("initialized", json!({}));
    let cases = [
        (
            "en",
            "The General Assembly,\n\n*Recalling* « é » ñ 𝔄 the Declaration,[^1]\n\n*Noting* « é » ñ 𝔄 the report,[^2]\n\n1. *Reaffirms* « é » ñ 𝔄 the Declaration.[^1]\n\n[^1]: Resolution 217 A (III).\n[^2]: A/72/1.\n",
            "The General Assembly,\n\n*Recalling* « é » ñ 𝔄 the Declaration,[^1]\n\n*Noting* « é » ñ 𝔄 the report,[^2]\n\n1. *Reaffirms* « é » ñ 𝔄 the Declaration.[^3]\n\n[^1]: Resolution 217 A (III).\n[^2]: A/72/1.\n[^3]: Resolution 217 A (III).\n",
        ),
        (
            "fr",
            "L’Assemblée générale,\n\n*Rappelant* « é » ñ 𝔄 la Déclaration[^1],\n\n1. *Réaffirme* « é » ñ 𝔄 la Déclaration[^1] ;\n\n2. *Prend note* « é » ñ 𝔄 du rapport[^2].\n\n[^1]: Résolution 217 A (III).\n[^2]: A/CONF.157/24 (Part I), chap. III.\n",
            "L’Assemblée générale,\n\n*Rappelant* « é » ñ 𝔄 la Déclaration[^1],\n\n1. *Réaffirme* « é » ñ 𝔄 la Déclaration[^2] ;\n\n2. *Prend note* « é » ñ 𝔄 du rapport[^3].\n\n[^1]: Résolution 217 A (III).\n[^2]: Résolution 217 A (III).\n[^3]: A/CONF.157/24 (Part I), chap. III.\n",
        ),
        (
            "es",
            "La Asamblea General,\n\n*Recordando* « é » ñ 𝔄 la Declaración[^1],\n\n1. *Reafirma* « é » ñ 𝔄 la Declaración[^1].\n\n[^1]: Resolución 217 A (III).\n",
            "La Asamblea General,\n\n*Recordando* « é » ñ 𝔄 la Declaración[^1],\n\n1. *Reafirma* « é » ñ 𝔄 la Declaración[^2].\n\n[^1]: Resolución 217 A (III).\n[^2]: Resolución 217 A (III).\n",
        ),
    ];
    for (lang, text, want) in cases {
        let uri = format!("file://{}/{lang}.res.md", root.display());
        s.open(&uri, text);
        let diags = diagnostics_with(&mut s, &uri, Some("footnote-repeated"));
        assert_eq!(summary(&diags).len(), 1, "{lang}: {diags}");
        let d = &diags[0];
        // The repeated indicator, on the operative paragraph's line, after « é » ñ 𝔄.
        let n = text.lines().position(|l| l.starts_with("1. ")).unwrap();
        let c = col(text.lines().nth(n).unwrap(), "[^1]", false);
        assert_eq!(d["range"]["start"], json!({"line": n, "character": c}), "{lang}");
        let actions = s.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d], "only": ["quickfix"]}}),
        );
        let action = actions
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["title"] == "Insert a new footnote with the same text")
            .unwrap_or_else(|| panic!("{lang}: {actions}"));
        assert_eq!(action["diagnostics"][0]["code"], "footnote-repeated");
        let fixed = apply_lsp_edits(text, &action["edit"]["changes"][&uri]);
        assert_eq!(fixed, want, "{lang}");
        let again = format!("file://{}/{lang}.fixed.res.md", root.display());
        s.open(&again, &fixed);
        assert_eq!(s.diagnostics(&again, 1), json!([]), "{lang}: {fixed}");
    }
}
