//! Structure and navigation over JSON-RPC with the real binary, in English, French and Spanish:
//! outline, workspace symbols, folding, semantic tokens (full, range, delta), highlight,
//! cross-references (hover, definition, references, diagnostics), renumbering, footnote
//! rename, formatting.
//!
//! Every position is computed from the text, in the negotiated encoding, on a line that holds
//! é « » ñ and 𝔄 before it (so UTF-8, UTF-16 and character columns all differ); most tests run
//! with a UTF-16 client and a UTF-8 client.

mod support;

use serde_json::{Value, json};
use support::Server;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Enc {
    Utf16,
    Utf8,
}

const ENCODINGS: [Enc; 2] = [Enc::Utf16, Enc::Utf8];

impl Enc {
    fn client(self) -> Value {
        match self {
            Enc::Utf16 => json!({}),
            Enc::Utf8 => json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}),
        }
    }

    fn width(self, s: &str) -> u64 {
        match self {
            Enc::Utf16 => s.encode_utf16().count() as u64,
            Enc::Utf8 => s.len() as u64,
        }
    }
}

/// A draft in one language, with placeholders: `{3}` and `{4}` the numbers of the last two
/// paragraphs, `{insert}` a paragraph inserted after paragraph 2, `{fl}` the footnote of the
/// last paragraph, `{bodies}` the last footnote bodies.
struct Lang {
    code: &'static str,
    template: &'static str,
    /// The paragraph inserted during negotiation: `{label}`, its footnote `{fi}`.
    insertion: &'static str,
    organ: &'static str,
    /// The title line, the preambular openings, the operative verbs.
    title: &'static str,
    preamble: [&'static str; 2],
    verbs: [&'static str; 4],
    /// The first sub-paragraph's label.
    sub_a: &'static str,
    /// "paragraph 1 above" in sub-paragraph (a), after 𝔄, and its number.
    ref_1: (&'static str, &'static str),
    /// "paragraph 2 (b) above" in paragraph 3, and its sub-paragraph label.
    ref_2b: (&'static str, &'static str),
    /// "paragraph 4 below" in paragraph 1, and the same pointing the wrong way.
    ref_4: (&'static str, &'static str),
}

const EN: Lang = Lang {
    code: "en",
    template: "---\nlang: en\norgan: ga\nsymbol: A/RES/80/10\n---\n80/10. Protection of « ñ » 𝔄 heritage\n\nThe General Assembly,\n\n*Recalling* « é » ñ 𝔄 its resolution 70/1,[^1]\n\n*Noting* é « ñ » 𝔄 the report,[^2]\n\n1. *Decides* « é » ñ 𝔄 to act as set out in paragraph {4} below;[^1]\n\n2. *Requests* the Secretary-General:\n   (a) To report « ñ » 𝔄 on paragraph 1 above;\n   (b) To consult States;\n\n{insert}{3}. *Invites* é « ñ » 𝔄 States to apply paragraph 2 (b) above;\n\n{4}. *Decides* é « ñ » 𝔄 to review paragraphs 1 and {3} above.[^{fl}]\n\n[^1]: A/RES/70/1 « é ».\n[^2]: A/80/1 𝔄.\n{bodies}",
    insertion: "{label}. *Welcomes* ñ « é » 𝔄 the report of the Secretary-General;[^{fi}]\n\n",
    organ: "The General Assembly,",
    title: "80/10. Protection of « ñ » 𝔄 heritage",
    preamble: ["Recalling", "Noting"],
    verbs: ["Decides", "Requests", "Invites", "Decides"],
    sub_a: "(a)",
    ref_1: ("𝔄 on paragraph 1 above", "1"),
    ref_2b: ("paragraph 2 (b) above", "(b)"),
    ref_4: ("paragraph 4 below", "paragraph 4 above"),
};

const FR: Lang = Lang {
    code: "fr",
    template: "---\nlang: fr\norgan: ga\nsymbol: A/RES/80/11\n---\n80/11. Protection du patrimoine « ñ » 𝔄\n\nL’Assemblée générale,\n\n*Rappelant* « é » ñ 𝔄 sa résolution 70/1,[^1]\n\n*Prenant note* é « ñ » 𝔄 du rapport,[^2]\n\n1. *Décide* « é » ñ 𝔄 d’agir comme indiqué au paragraphe {4} ci-après ;[^1]\n\n2. *Prie* le Secrétaire général :\n   a) De faire rapport « ñ » 𝔄 sur le paragraphe 1 ci-dessus ;\n   b) De consulter les États ;\n\n{insert}{3}. *Invite* é « ñ » 𝔄 les États à appliquer le paragraphe 2 b) ci-dessus ;\n\n{4}. *Décide* é « ñ » 𝔄 d’examiner les paragraphes 1 et {3} ci-dessus.[^{fl}]\n\n[^1]: A/RES/70/1 « é ».\n[^2]: A/80/1 𝔄.\n{bodies}",
    insertion: "{label}. *Se félicite* ñ « é » 𝔄 du rapport du Secrétaire général ;[^{fi}]\n\n",
    organ: "L’Assemblée générale,",
    title: "80/11. Protection du patrimoine « ñ » 𝔄",
    preamble: ["Rappelant", "Prenant note"],
    verbs: ["Décide", "Prie", "Invite", "Décide"],
    sub_a: "a)",
    ref_1: ("𝔄 sur le paragraphe 1 ci-dessus", "1"),
    ref_2b: ("paragraphe 2 b) ci-dessus", "b)"),
    ref_4: ("paragraphe 4 ci-après", "paragraphe 4 ci-dessus"),
};

const ES: Lang = Lang {
    code: "es",
    template: "---\nlang: es\norgan: ga\nsymbol: A/RES/80/12\n---\n80/12. Protección del patrimonio « ñ » 𝔄\n\nLa Asamblea General,\n\n*Recordando* « é » ñ 𝔄 su resolución 70/1,[^1]\n\n*Tomando nota* é « ñ » 𝔄 del informe,[^2]\n\n1. *Decide* « é » ñ 𝔄 actuar según lo dispuesto en el párrafo {4} infra;[^1]\n\n2. *Solicita* al Secretario General:\n   a) Que informe « ñ » 𝔄 sobre el párrafo 1 supra;\n   b) Que consulte a los Estados;\n\n{insert}{3}. *Invita* é « ñ » 𝔄 a los Estados a aplicar el párrafo 2 b) supra;\n\n{4}. *Decide* é « ñ » 𝔄 examinar los párrafos 1 y {3} supra.[^{fl}]\n\n[^1]: A/RES/70/1 « é ».\n[^2]: A/80/1 𝔄.\n{bodies}",
    insertion: "{label}. *Acoge con beneplácito* ñ « é » 𝔄 el informe del Secretario General;[^{fi}]\n\n",
    organ: "La Asamblea General,",
    title: "80/12. Protección del patrimonio « ñ » 𝔄",
    preamble: ["Recordando", "Tomando nota"],
    verbs: ["Decide", "Solicita", "Invita", "Decide"],
    sub_a: "a)",
    ref_1: ("𝔄 sobre el párrafo 1 supra", "1"),
    ref_2b: ("párrafo 2 b) supra", "b)"),
    ref_4: ("párrafo 4 infra", "párrafo 4 supra"),
};

const LANGS: [&Lang; 3] = [&EN, &FR, &ES];

fn fill(template: &str, pairs: &[(&str, &str)]) -> String {
    pairs.iter().fold(template.to_string(), |t, (k, v)| t.replace(k, v))
}

impl Lang {
    fn uri(&self) -> String {
        format!("file:///tmp/structure-{}.res.md", self.code)
    }

    /// The draft as adopted: paragraphs 1 to 4, footnotes 1 to 3.
    fn draft(&self) -> String {
        fill(
            self.template,
            &[("{insert}", ""), ("{3}", "3"), ("{4}", "4"), ("{fl}", "3"), ("{bodies}", "[^3]: A/80/3 é.\n")],
        )
    }

    /// The draft with a paragraph "2 bis" inserted during negotiation, with a new footnote 4
    /// that comes before footnote 3 in the text.
    fn with_insertion(&self) -> String {
        let insert = fill(self.insertion, &[("{label}", "2 bis"), ("{fi}", "4")]);
        fill(
            self.template,
            &[
                ("{insert}", &insert),
                ("{3}", "3"),
                ("{4}", "4"),
                ("{fl}", "3"),
                ("{bodies}", "[^3]: A/80/3 é.\n[^4]: A/80/4 ñ 𝔄.\n"),
            ],
        )
    }

    /// What renumbering [`Lang::with_insertion`] must give: paragraphs 1 to 5 with the references
    /// that followed them, footnotes in order of first appearance with their bodies.
    fn renumbered(&self) -> String {
        let insert = fill(self.insertion, &[("{label}", "3"), ("{fi}", "3")]);
        fill(
            self.template,
            &[
                ("{insert}", &insert),
                ("{3}", "4"),
                ("{4}", "5"),
                ("{fl}", "4"),
                ("{bodies}", "[^3]: A/80/4 ñ 𝔄.\n[^4]: A/80/3 é.\n"),
            ],
        )
    }
}

/// The byte offset of `inner` inside `needle`, which occurs once in `text`.
fn offset_of(text: &str, needle: &str, inner: &str) -> usize {
    let hits: Vec<usize> = text.match_indices(needle).map(|(i, _)| i).collect();
    assert_eq!(hits.len(), 1, "{needle:?} occurs {} times in\n{text}", hits.len());
    hits[0] + needle.find(inner).unwrap_or_else(|| panic!("{inner:?} not in {needle:?}"))
}

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

/// The LSP position of a byte offset.
fn position(text: &str, offset: usize, enc: Enc) -> Value {
    let line = text[..offset].matches('\n').count();
    json!({"line": line, "character": enc.width(&text[line_start(text, offset)..offset])})
}

/// The position of `inner` inside `needle`, checking that the line holds non-ASCII text, an
/// astral character among it, before it (so that the encodings give different columns).
fn pos(text: &str, needle: &str, inner: &str, enc: Enc) -> Value {
    let offset = offset_of(text, needle, inner);
    let before = &text[line_start(text, offset)..offset];
    assert!(before.chars().any(|c| c.len_utf16() == 2), "no astral character before {inner:?} in {before:?}");
    position(text, offset, enc)
}

/// The byte offset of an LSP position (as the client reads it).
fn offset(text: &str, p: &Value, enc: Enc) -> usize {
    let (line, col) = (p["line"].as_u64().unwrap() as usize, p["character"].as_u64().unwrap());
    let start = text.split_inclusive('\n').take(line).map(str::len).sum::<usize>();
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= col || c == '\n' {
            return start + i;
        }
        units += enc.width(c.encode_utf8(&mut [0; 4]));
    }
    text.len()
}

fn range(text: &str, start: usize, end: usize, enc: Enc) -> Value {
    json!({"start": position(text, start, enc), "end": position(text, end, enc)})
}

/// Applies LSP text edits as a client does.
fn apply(text: &str, edits: &Value, enc: Enc) -> String {
    let mut edits: Vec<(usize, usize, &str)> = edits
        .as_array()
        .unwrap_or_else(|| panic!("no edits: {edits}"))
        .iter()
        .map(|e| {
            (
                offset(text, &e["range"]["start"], enc),
                offset(text, &e["range"]["end"], enc),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (a, b, t) in edits {
        out.replace_range(a..b, t);
    }
    out
}

fn line_of(text: &str, needle: &str) -> u64 {
    let offset = offset_of(text, needle, needle);
    text[..offset].matches('\n').count() as u64
}

fn doc(uri: &str) -> Value {
    json!({"textDocument": {"uri": uri}})
}

fn at(uri: &str, p: &Value) -> Value {
    json!({"textDocument": {"uri": uri}, "position": p})
}

/// A server with one draft open (its first diagnostics read).
fn open(enc: Enc, uri: &str, text: &str) -> (Server, Value) {
    let (mut s, init) = Server::initialized(enc.client());
    let expected = match enc {
        Enc::Utf16 => "utf-16",
        Enc::Utf8 => "utf-8",
    };
    assert_eq!(init["capabilities"]["positionEncoding"], expected);
    s.open(uri, text);
    s.diagnostics(uri, 1);
    (s, init)
}

/// For each language and each encoding.
fn each(mut f: impl FnMut(&Lang, Enc)) {
    for l in LANGS {
        for enc in ENCODINGS {
            f(l, enc);
        }
    }
}

fn names(list: &Value) -> Vec<String> {
    list.as_array().unwrap().iter().map(|x| x["name"].as_str().unwrap().to_string()).collect()
}

#[test]
fn outline_in_three_languages() {
    each(|l, enc| {
        let (uri, text) = (l.uri(), l.draft());
        let (mut s, _) = open(enc, &uri, &text);
        let symbols = s.request("textDocument/documentSymbol", doc(&uri));
        let mut expected = vec![l.title.to_string(), "Preamble".to_string()];
        expected.extend(l.verbs.iter().enumerate().map(|(i, v)| format!("{}. {v}", i + 1)));
        expected.push("Footnotes".to_string());
        assert_eq!(names(&symbols), expected, "{}", l.code);
        assert_eq!(names(&symbols[1]["children"]), l.preamble, "{}", l.code);
        let subs = names(&symbols[3]["children"]);
        assert_eq!(subs.len(), 2, "{subs:?}");
        assert!(subs[0].starts_with(l.sub_a), "{subs:?}");
        assert_eq!(names(&symbols[6]["children"]).len(), 3, "{}", l.code);
        // Paragraph 3 ends after é « ñ » 𝔄 on its line; it is selected by its label.
        let p3 = &symbols[4];
        let end = offset_of(&text, l.ref_2b.0, l.ref_2b.0);
        let end = end + text[end..].find('\n').unwrap();
        assert!(text[line_start(&text, end)..end].contains('𝔄'));
        assert_eq!(p3["range"]["end"], position(&text, end, enc), "{} {enc:?}", l.code);
        let label = offset_of(&text, "\n3. ", "3");
        assert_eq!(p3["selectionRange"], range(&text, label, label + 2, enc));
        // The footnote [^2]'s body is selected by its label, after the first body line.
        let body = &symbols[6]["children"][1];
        let start = offset_of(&text, "[^2]:", "[^2]");
        assert_eq!(body["selectionRange"], range(&text, start, start + 4, enc));
    });
}

#[test]
fn workspace_symbols_list_the_drafts_of_the_workspace() {
    let root = std::env::temp_dir().join(format!("resolution-ls-structure-ws-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    for l in LANGS {
        std::fs::write(root.join(format!("{}.res.md", l.code)), l.draft()).unwrap();
    }
    let mut s = Server::start(&[]);
    let root_uri = format!("file://{}", root.display());
    s.request("initialize", json!({"processId": null, "rootUri": root_uri, "capabilities": {}}));
    s.notify("initialized", json!({}));
    for l in LANGS {
        let text = l.draft();
        let symbol = text.lines().find_map(|x| x.strip_prefix("symbol: ")).unwrap();
        let found = s.wait_until(|s| {
            let r = s.request("workspace/symbol", json!({"query": symbol}));
            (!r.as_array().unwrap().is_empty()).then_some(r)
        });
        assert_eq!(names(&found), [format!("{symbol} {}", l.title)], "{}", l.code);
        let location = &found[0]["location"];
        assert_eq!(location["uri"], format!("{root_uri}/{}.res.md", l.code));
        assert_eq!(location["range"]["start"]["line"], line_of(&text, l.title));
    }
    // A word of one title, with accents or without: only that draft.
    for query in ["protección", "PROTECCION"] {
        let r = s.request("workspace/symbol", json!({"query": query}));
        assert_eq!(names(&r), [format!("A/RES/80/12 {}", ES.title)], "{query}");
    }
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn folding_in_three_languages() {
    for l in LANGS {
        let (uri, text) = (l.uri(), l.draft());
        let (mut s, _) = open(Enc::Utf16, &uri, &text);
        let folds = s.request("textDocument/foldingRange", doc(&uri));
        let got: Vec<(u64, u64)> = folds
            .as_array()
            .unwrap()
            .iter()
            .map(|f| (f["startLine"].as_u64().unwrap(), f["endLine"].as_u64().unwrap()))
            .collect();
        // The front matter, the preamble, paragraph 2 with its sub-paragraphs, the footnotes.
        let expected = [
            (0, line_of(&text, "symbol:") + 1),
            (line_of(&text, l.preamble[0]), line_of(&text, l.preamble[1])),
            (line_of(&text, "\n2. ") + 1, line_of(&text, "\n2. ") + 3),
            (line_of(&text, "[^1]:"), line_of(&text, "[^3]:")),
        ];
        assert_eq!(got, expected, "{}", l.code);
    }
}

/// Decoded semantic tokens: (line, start, length, type).
fn decode(data: &Value) -> Vec<(u64, u64, u64, u64)> {
    let data: Vec<u64> = data.as_array().unwrap().iter().map(|x| x.as_u64().unwrap()).collect();
    assert_eq!(data.len() % 5, 0);
    let (mut line, mut start) = (0, 0);
    data.chunks(5)
        .map(|t| {
            line += t[0];
            start = if t[0] == 0 { start + t[1] } else { t[1] };
            (line, start, t[2], t[3])
        })
        .collect()
}

/// Applies semantic token edits to a token array, as a client does.
fn apply_token_edits(data: &Value, edits: &Value) -> Value {
    let mut out: Vec<Value> = data.as_array().unwrap().clone();
    let mut edits = edits.as_array().unwrap().clone();
    edits.sort_by_key(|e| std::cmp::Reverse(e["start"].as_u64().unwrap()));
    for e in edits {
        let start = e["start"].as_u64().unwrap() as usize;
        let end = start + e["deleteCount"].as_u64().unwrap() as usize;
        let insert = e.get("data").and_then(Value::as_array).cloned().unwrap_or_default();
        out.splice(start..end, insert);
    }
    Value::Array(out)
}

#[test]
fn semantic_tokens_full_range_and_delta() {
    const LEGEND: [&str; 8] = ["class", "function", "keyword", "number", "enumMember", "decorator", "comment", "type"];
    each(|l, enc| {
        let (uri, text) = (l.uri(), l.draft());
        let (mut s, init) = open(enc, &uri, &text);
        let provider = &init["capabilities"]["semanticTokensProvider"];
        assert_eq!(provider["full"], json!({"delta": true}));
        assert_eq!(provider["range"], true);
        assert_eq!(provider["legend"]["tokenTypes"], json!(LEGEND));
        let full = s.request("textDocument/semanticTokens/full", doc(&uri));
        let tokens = decode(&full["data"]);
        // (where, what, type) for tokens at known places.
        let token = |needle: &str, inner: &str, kind: &str| {
            let offset = offset_of(&text, needle, inner);
            let p = position(&text, offset, enc);
            let kind = LEGEND.iter().position(|k| *k == kind).unwrap() as u64;
            (p["line"].as_u64().unwrap(), p["character"].as_u64().unwrap(), enc.width(inner), kind)
        };
        let expected = [
            token(l.organ, l.organ, "class"),
            token(&format!("*{}*", l.preamble[0]), l.preamble[0], "function"),
            token("\n1. ", "1.", "number"),
            token(&format!("*{}*", l.verbs[2]), l.verbs[2], "keyword"),
            token(&format!("   {} ", l.sub_a), l.sub_a, "enumMember"),
            token(",[^1]", "[^1]", "decorator"),
            token("70/1,", "70/1", "type"),
            token("\n[^2]:", "[^2]", "comment"),
        ];
        for t in expected {
            assert!(tokens.contains(&t), "{} {enc:?}: {t:?} not in {tokens:?}", l.code);
        }
        // The indicator and the citation come after é « ñ » 𝔄 on their line.
        pos(&text, ",[^1]", "[^1]", enc);
        pos(&text, "70/1,", "70/1", enc);

        // A range: the tokens of the blocks it touches, nothing else.
        let (first, last) = (line_of(&text, "\n2. ") + 1, line_of(&text, "\n2. ") + 3);
        let start = pos(&text, l.ref_1.0, l.ref_1.1, enc);
        let r = s.request(
            "textDocument/semanticTokens/range",
            json!({"textDocument": {"uri": uri}, "range": {"start": start, "end": start}}),
        );
        let in_lines: Vec<_> = tokens.iter().copied().filter(|t| (first..=last).contains(&t.0)).collect();
        assert_eq!(decode(&r["data"]), in_lines, "{} {enc:?}", l.code);
        assert_eq!(in_lines.len(), 4, "label, verb, two sub-paragraph labels: {in_lines:?}");

        // Delta: a new indicator after 𝔄 in sub-paragraph (a) is one token more.
        let first_id = full["resultId"].as_str().expect("a result id").to_string();
        let insert_at = pos(&text, l.ref_1.0, " ", enc);
        s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
                {"range": {"start": insert_at, "end": insert_at}, "text": "[^2]"}
            ]}),
        );
        let delta = s.request(
            "textDocument/semanticTokens/full/delta",
            json!({"textDocument": {"uri": uri}, "previousResultId": first_id}),
        );
        let edits = &delta["edits"];
        assert_eq!(edits.as_array().map(Vec::len), Some(1), "{delta}");
        assert_eq!(edits[0]["deleteCount"], 0, "{delta}");
        assert_eq!(edits[0]["data"].as_array().map(Vec::len), Some(5), "{delta}");
        let second_id = delta["resultId"].as_str().unwrap().to_string();
        assert_ne!(second_id, first_id);
        let patched = apply_token_edits(&full["data"], edits);
        let fresh = s.request("textDocument/semanticTokens/full", doc(&uri));
        assert_eq!(patched, fresh["data"], "{} {enc:?}", l.code);
        let new_text = offset(&text, &insert_at, enc);
        let new_text = format!("{}[^2]{}", &text[..new_text], &text[new_text..]);
        assert!(decode(&fresh["data"]).contains(&{
            let p = position(&new_text, offset_of(&new_text, "𝔄[^2]", "[^2]"), enc);
            (p["line"].as_u64().unwrap(), p["character"].as_u64().unwrap(), 4, 5)
        }));
        // Nothing changed since the last result: no edits.
        let fresh_id = fresh["resultId"].as_str().unwrap().to_string();
        let same = s.request(
            "textDocument/semanticTokens/full/delta",
            json!({"textDocument": {"uri": uri}, "previousResultId": fresh_id}),
        );
        assert_eq!(same["edits"], json!([]), "{same}");
        // An unknown or outdated result id: all the tokens.
        for stale in ["nope", first_id.as_str()] {
            let all = s.request(
                "textDocument/semanticTokens/full/delta",
                json!({"textDocument": {"uri": uri}, "previousResultId": stale}),
            );
            assert_eq!(all["data"], fresh["data"], "{all}");
        }
        // Closing forgets the tokens: after reopening, the last id gives all the tokens again.
        let last_id = s.request("textDocument/semanticTokens/full", doc(&uri))["resultId"].clone();
        s.notify("textDocument/didClose", doc(&uri));
        let closed = s.request(
            "textDocument/semanticTokens/full/delta",
            json!({"textDocument": {"uri": uri}, "previousResultId": last_id}),
        );
        assert_eq!(closed, Value::Null);
        s.open(&uri, &new_text);
        let reopened = s.request(
            "textDocument/semanticTokens/full/delta",
            json!({"textDocument": {"uri": uri}, "previousResultId": last_id}),
        );
        assert_eq!(reopened["data"], fresh["data"], "{reopened}");
    });
}

#[test]
fn highlight_footnotes_and_citations() {
    each(|l, enc| {
        let (uri, text) = (l.uri(), l.draft());
        let (mut s, _) = open(enc, &uri, &text);
        // On footnote 1's first indicator: both indicators (read) and the body (write).
        let hl = s.request("textDocument/documentHighlight", at(&uri, &pos(&text, ",[^1]", "1", enc)));
        let expected: Vec<Value> = text
            .match_indices("[^1]")
            .zip([2, 2, 3])
            .map(|((i, _), kind)| json!({"range": range(&text, i, i + 4, enc), "kind": kind}))
            .collect();
        assert_eq!(hl, json!(expected), "{} {enc:?}", l.code);
        // On a citation: every citation of the same document.
        let hl = s.request("textDocument/documentHighlight", at(&uri, &pos(&text, "70/1,", "0", enc)));
        let citation = offset_of(&text, "70/1,", "70/1");
        assert_eq!(hl[0], json!({"range": range(&text, citation, citation + 4, enc), "kind": 1}), "{hl}");
        let symbol = offset_of(&text, "A/RES/70/1 «", "A/RES/70/1");
        assert_eq!(hl[1]["range"]["start"]["line"], position(&text, symbol, enc)["line"], "{hl}");
        assert_eq!(hl.as_array().unwrap().len(), 2, "{hl}");
    });
}

#[test]
fn cross_references_hover_definition_references() {
    each(|l, enc| {
        let (uri, text) = (l.uri(), l.draft());
        let (mut s, _) = open(enc, &uri, &text);
        let para_1 = offset_of(&text, "\n1. ", "1.");
        let para_1_text = &text[para_1..para_1 + text[para_1..].find('\n').unwrap()];
        // "paragraph 1 above", after 𝔄 in sub-paragraph (a).
        let p = pos(&text, l.ref_1.0, l.ref_1.1, enc);
        let h = s.request("textDocument/hover", at(&uri, &p));
        assert!(h["contents"]["value"].as_str().unwrap().contains(para_1_text), "{} {enc:?}: {h}", l.code);
        let number = offset_of(&text, l.ref_1.0, l.ref_1.1);
        assert_eq!(h["range"], range(&text, number, number + 1, enc));
        let def = s.request("textDocument/definition", at(&uri, &p));
        assert_eq!(def, json!({"uri": uri, "range": range(&text, para_1, para_1, enc)}));
        // "paragraph 2 (b) above": on the label, sub-paragraph (b).
        let p = pos(&text, l.ref_2b.0, l.ref_2b.1, enc);
        let h = s.request("textDocument/hover", at(&uri, &p));
        let sub_b = offset_of(&text, &format!("   {}", l.ref_2b.1), l.ref_2b.1);
        let sub_b_text = &text[sub_b..sub_b + text[sub_b..].find('\n').unwrap()];
        let shown = h["contents"]["value"].as_str().unwrap();
        assert!(shown.contains(sub_b_text) && !shown.contains(para_1_text), "{} {enc:?}: {h}", l.code);
        let def = s.request("textDocument/definition", at(&uri, &p));
        assert_eq!(def["range"], range(&text, sub_b, sub_b, enc));
        // References from "paragraph 1 above": every reference to paragraph 1, and with the
        // declaration its label.
        let refs = |s: &mut Server, declaration: bool| {
            let p = pos(&text, l.ref_1.0, l.ref_1.1, enc);
            s.request(
                "textDocument/references",
                json!({"textDocument": {"uri": uri}, "position": p, "context": {"includeDeclaration": declaration}}),
            )
        };
        let to_1 = [offset_of(&text, l.ref_1.0, l.ref_1.1), {
            let last = offset_of(&text, &format!("\n4. *{}*", l.verbs[3]), "4");
            last + text[last..].find(" 1 ").unwrap() + 1
        }];
        let expected: Vec<Value> =
            to_1.iter().map(|&o| json!({"uri": uri, "range": range(&text, o, o + 1, enc)})).collect();
        assert_eq!(refs(&mut s, false), json!(expected), "{} {enc:?}", l.code);
        let mut with_label = vec![json!({"uri": uri, "range": range(&text, para_1, para_1 + 2, enc)})];
        with_label.extend(expected);
        assert_eq!(refs(&mut s, true), json!(with_label), "{} {enc:?}", l.code);
    });
}

#[test]
fn cross_reference_diagnostics() {
    each(|l, enc| {
        let uri = l.uri();
        // "paragraph 1 above" becomes "paragraph 9 above" (no such paragraph); "paragraph 4
        // below" becomes "paragraph 4 above" in paragraph 1 (it is below).
        let missing = l.ref_1.0.replace(l.ref_1.1, "9");
        let text = l.draft().replace(l.ref_1.0, &missing).replace(l.ref_4.0, l.ref_4.1);
        let (mut s, _) = Server::initialized(enc.client());
        s.open(&uri, &text);
        let diags = s.diagnostics(&uri, 1);
        let crossref: Vec<&Value> =
            diags.as_array().unwrap().iter().filter(|d| d["code"].as_str().unwrap().starts_with("crossref")).collect();
        assert_eq!(crossref.len(), 2, "{} {enc:?}: {diags}", l.code);
        let (direction, missing_d) = (crossref[0], crossref[1]);
        assert_eq!((&direction["code"], &direction["severity"]), (&json!("crossref-direction"), &json!(2)));
        assert_eq!((&missing_d["code"], &missing_d["severity"]), (&json!("crossref-missing"), &json!(1)));
        // Each range holds the number it is about, on its line (after é « ñ » 𝔄).
        let covers = |d: &Value, p: Value| {
            let (start, end) = (&d["range"]["start"], &d["range"]["end"]);
            start["line"] == p["line"]
                && start["character"].as_u64() <= p["character"].as_u64()
                && p["character"].as_u64() < end["character"].as_u64()
        };
        assert!(covers(missing_d, pos(&text, &missing, "9", enc)), "{} {enc:?}: {missing_d}", l.code);
        assert!(covers(direction, pos(&text, l.ref_4.1, "4", enc)), "{} {enc:?}: {direction}", l.code);
    });
}

/// The source action of this kind, applied.
fn source_action(s: &mut Server, uri: &str, text: &str, kind: &str, enc: Enc) -> String {
    let zero = json!({"line": 0, "character": 0});
    let actions = s.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": zero, "end": zero}, "context": {"diagnostics": [], "only": [kind]}}),
    );
    assert_eq!(actions.as_array().map(Vec::len), Some(1), "{actions}");
    assert_eq!(actions[0]["kind"], kind);
    apply(text, &actions[0]["edit"]["changes"][uri], enc)
}

#[test]
fn renumbering_after_an_insertion_keeps_references_and_footnotes_right() {
    each(|l, enc| {
        let (uri, text) = (l.uri(), l.with_insertion());
        let (mut s, _) = Server::initialized(enc.client());
        s.open(&uri, &text);
        let before = s.diagnostics(&uri, 1);
        let codes: Vec<String> = support::summary(&before).into_iter().map(|(c, _, _)| c).collect();
        assert!(
            codes.iter().any(|c| c == "draft-insertion") && codes.iter().any(|c| c == "footnote-order"),
            "{before}"
        );
        // The new footnote's indicator lies after ñ « é » 𝔄: its edit is on such a line.
        pos(&text, ";[^4]", "[^4]", enc);
        let mut current = text.clone();
        let mut diags = Value::Null;
        for (version, kind) in [(2, "source.renumberParagraphs"), (3, "source.renumberFootnotes")] {
            current = source_action(&mut s, &uri, &current, kind, enc);
            s.notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": current}]}),
            );
            diags = s.diagnostics(&uri, version);
        }
        assert_eq!(current, l.renumbered(), "{} {enc:?}", l.code);
        // No numbering, footnote or cross-reference problem is left, and neither action is offered
        // any more.
        let left: Vec<String> = support::summary(&diags)
            .into_iter()
            .map(|(c, _, _)| c)
            .filter(|c| ["numbering-", "footnote-", "crossref-"].iter().any(|p| c.starts_with(p)))
            .collect();
        assert_eq!(left, Vec::<String>::new(), "{} {enc:?}", l.code);
        let zero = json!({"line": 0, "character": 0});
        let none = s.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": {"start": zero, "end": zero}, "context": {"diagnostics": [], "only": ["source"]}}),
        );
        assert_eq!(none, json!([]), "{} {enc:?}", l.code);
    });
}

#[test]
fn prepare_rename_and_rename_a_footnote() {
    each(|l, enc| {
        let (uri, text) = (l.uri(), l.draft());
        let (mut s, _) = open(enc, &uri, &text);
        let p = pos(&text, ",[^2]", "2", enc);
        let label = offset_of(&text, ",[^2]", "2");
        assert_eq!(s.request("textDocument/prepareRename", at(&uri, &p)), range(&text, label, label + 1, enc));
        // Elsewhere (the comma after the citation, past é « ñ » 𝔄) it refuses, saying why.
        let elsewhere = pos(&text, "70/1,[^1]", ",", enc);
        let refused = s.request_raw("textDocument/prepareRename", at(&uri, &elsewhere));
        assert!(refused["error"]["message"].as_str().unwrap().contains("footnote"), "{refused}");
        let edit =
            s.request("textDocument/rename", json!({"textDocument": {"uri": uri}, "position": p, "newName": "ñandú"}));
        let renamed = apply(&text, &edit["changes"][uri.as_str()], enc);
        assert_eq!(renamed, text.replace("[^2]", "[^ñandú]"), "{} {enc:?}", l.code);
        // From the body too.
        let body = position(&text, offset_of(&text, "\n[^2]:", "2"), enc);
        let edit =
            s.request("textDocument/rename", json!({"textDocument": {"uri": uri}, "position": body, "newName": "x"}));
        assert_eq!(apply(&text, &edit["changes"][uri.as_str()], enc), text.replace("[^2]", "[^x]"));
    });
}

#[test]
fn formatting_restores_the_layout_and_is_idempotent() {
    each(|l, enc| {
        let (uri, clean) = (l.uri(), l.draft());
        // Trailing spaces after é « ñ » 𝔄, three blank lines, sub-paragraphs indented 1 and 5
        // spaces, footnote bodies out of order.
        let sub_b = l.ref_2b.1;
        let messy = clean
            .replace(",[^2]\n", ",[^2]  \t\n")
            .replace("\n\n2. ", "\n\n\n\n2. ")
            .replace(&format!("   {} ", l.sub_a), &format!(" {} ", l.sub_a))
            .replace(&format!("   {sub_b} "), &format!("     {sub_b} "))
            .replace("[^1]: A/RES/70/1 « é ».\n[^2]: A/80/1 𝔄.\n", "[^2]: A/80/1 𝔄.   \n[^1]: A/RES/70/1 « é ».\n");
        assert_ne!(messy.matches('\n').count(), clean.matches('\n').count());
        let (mut s, _) = open(enc, &uri, &messy);
        let options = json!({"tabSize": 4, "insertSpaces": true});
        let edits = s.request("textDocument/formatting", json!({"textDocument": {"uri": uri}, "options": options}));
        assert!(edits.as_array().unwrap().iter().any(|e| {
            // An edit that starts after 𝔄 on its line: the trailing spaces.
            let start = offset(&messy, &e["range"]["start"], enc);
            messy[line_start(&messy, start)..start].contains('𝔄') && messy[start..].starts_with("  \t")
        }));
        let formatted = apply(&messy, &edits, enc);
        assert_eq!(formatted, clean, "{} {enc:?}", l.code);
        s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": formatted}]}),
        );
        let again = s.request("textDocument/formatting", json!({"textDocument": {"uri": uri}, "options": options}));
        assert_eq!(again, json!([]), "{} {enc:?}", l.code);
    });
}
