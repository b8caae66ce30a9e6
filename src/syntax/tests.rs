use expect_test::{Expect, expect};

use super::*;

fn check_roles(text: &str, expect: Expect) {
    let parse = Parse::new(text);
    let s = parse.structure();
    let mut out = format!("lang={:?} organ={:?} symbol={:?}\n", s.lang, s.organ, s.symbol);
    for (b, role) in parse.blocks().iter().zip(&s.roles) {
        let first = text[b.start..b.end()].lines().next().unwrap_or("");
        let first: String = first.chars().take(30).collect();
        out.push_str(&format!("{role:?}: {first}\n"));
    }
    expect.assert_eq(&out);
}

#[test]
fn roles_of_a_french_draft() {
    check_roles(
        "---\nlang: fr\norgan: ga\nsymbol: A/RES/72/169\n---\n72/169. Renforcement de la coopération\n\nL’Assemblée générale,\n\n*Réaffirmant* « 𝔄 »[^1],\n\n1. *Réaffirme* ñ ;\n\n   a) un ;\n\nMesures\n\n2. *Décide* de rester saisie.\n\n73e séance plénière\n19 décembre 2017\n\n[Adoptée sans vote.]\n\nAnnexe\n\n1. Texte\n\n[^1]: A/CONF.157/24 (Part I), chap. III.\n",
        expect![[r#"
            lang=Some(Fr) organ=Some(Ga) symbol=Some("A/RES/72/169")
            FrontMatter: ---
            OrganFormula: L’Assemblée générale,
            Preambular: *Réaffirmant* « 𝔄 »[^1],
            Operative { scope: 0 }: 1. *Réaffirme* ñ ;
            SubParagraphs { scope: 0 }:    a) un ;
            Unnumbered { scope: 0 }: Mesures
            Operative { scope: 0 }: 2. *Décide* de rester saisie.
            Closing: 73e séance plénière
            Closing: [Adoptée sans vote.]
            Annex { scope: 1 }: Annexe
            Operative { scope: 1 }: 1. Texte
            Footnotes: [^1]: A/CONF.157/24 (Part I), 
        "#]],
    );
}

#[test]
fn security_council_headings_without_front_matter() {
    check_roles(
        "Resolution 2334 (2016)\n\nAdopted by the Security Council at its 7853rd meeting, on 23 December 2016\n\nThe Security Council,\n\n*Reaffirming* its resolutions,\n\n1. *Reaffirms* that;\n",
        expect![[r#"
            lang=Some(En) organ=Some(Sc) symbol=None
            Heading: Resolution 2334 (2016)
            Heading: Adopted by the Security Counci
            OrganFormula: The Security Council,
            Preambular: *Reaffirming* its resolutions,
            Operative { scope: 0 }: 1. *Reaffirms* that;
        "#]],
    );
}

/// Applies `edits` one at a time, both incrementally and from scratch, and compares.
fn check_incremental(text: &str, edits: &[(Range<usize>, &str)]) {
    let mut text = text.to_string();
    let mut parse = Parse::new(&text);
    for (range, insert) in edits {
        text.replace_range(range.clone(), insert);
        let t = &text;
        parse.edit(range.clone(), insert.len(), text.len(), |r| t[r].to_string());
        assert_eq!(parse, Parse::new(&text), "after replacing {range:?} with {insert:?}: {text:?}");
    }
}

#[test]
fn incremental_edits_merge_and_split_blocks() {
    let text = "Le Conseil de sécurité,\n\n1. *Décide* « é » ;\n\n2. *Prie* ñ 𝔄 ;\r\n\r\n3. *Décide*.\n";
    let at = |s: &str| text.find(s).unwrap();
    let end = text.len();
    check_incremental(text, &[(0..0, "# Titre\n\n")]);
    check_incremental(text, &[(at(",\n\n") + 1..at("1."), "")]); // merge the formula and paragraph 1
    check_incremental(text, &[(at(" ;"), "\n\n   a) x")].map(|(a, t)| (a..a, t))); // split a block
    check_incremental(text, &[(at("2."), "9")].map(|(a, t)| (a..a + 1, t))); // renumber
    check_incremental(text, &[(end - 1..end, "\n\n[^1]: x\n")]);
    let blank = at(",\n\n") + 2;
    check_incremental(text, &[(blank..blank, "x"), (blank..blank + 1, "")]); // fill a blank line, then empty it
    check_incremental(text, &[(at("\r\n\r\n") + 1..at("\r\n\r\n") + 2, "")]); // split a CRLF
    check_incremental(text, &[(0..end, "")]);
}
