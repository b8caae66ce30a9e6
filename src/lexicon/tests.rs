use std::collections::BTreeMap;
use std::path::PathBuf;

use expect_test::{Expect, expect};

use super::*;
use crate::syntax::{Head, Parse, Role};

/// The one test of the data files: they parse without error and hold what the server needs.
#[test]
fn data_files_are_valid() {
    let lx = lexicon();
    assert_eq!(lx.data_errors(), [] as [String; 0]);
    let op: Vec<_> = lx.concepts(Kind::Operative).collect();
    let pre: Vec<_> = lx.concepts(Kind::Preambular).collect();
    assert!(op.len() >= 100, "{} operative concepts", op.len());
    assert!(pre.len() >= 80, "{} preambular concepts", pre.len());
    let mut ids = std::collections::HashSet::new();
    for (kind, list) in [(Kind::Operative, &op), (Kind::Preambular, &pre)] {
        for (i, c) in list.iter().enumerate() {
            assert_eq!(c.kind, kind, "{}", c.id);
            assert_eq!(c.rank as usize, i + 1, "{}: ranks follow the file order", c.id);
            assert!(ids.insert(c.id.as_str()), "duplicate id {}", c.id);
            assert!(!c.gloss.trim().is_empty() && !c.gloss.contains('\n'), "{}: gloss", c.id);
            assert!(c.strength.starts_with("conventional reading: "), "{}: strength {:?}", c.id, c.strength);
            let with_complement = LANGS.iter().filter(|&&l| c.complement(l).is_some()).count();
            assert!(with_complement == 0 || with_complement == 3, "{}: complement in some languages only", c.id);
            for lang in LANGS {
                let forms = c.forms(lang);
                assert!(!forms.is_empty(), "{}: no {lang:?} form", c.id);
                for f in forms {
                    assert_eq!(f.text.trim(), f.text, "{}", c.id);
                    assert!(
                        f.text.chars().next().is_some_and(char::is_uppercase),
                        "{}: {:?} is not capitalised",
                        c.id,
                        f.text
                    );
                    assert!(lang != Lang::En || f.gender.is_none(), "{}: English forms do not agree", c.id);
                    // Each form is recognised as itself, whatever concept ranks first for it.
                    let o = lx.match_opening(&f.text, lang, kind).unwrap_or_else(|| panic!("{:?} not matched", f.text));
                    assert_eq!(o.form.text, f.text);
                    assert!(o.concept.id == c.id || o.others.iter().any(|x| x.id == c.id), "{}: {:?}", c.id, f.text);
                }
                // A form that agrees has its counterpart of the other gender.
                let has = |g| forms.iter().any(|f| f.gender == Some(g));
                assert_eq!(has(Gender::Feminine), has(Gender::Masculine), "{}: {lang:?} gender pairs", c.id);
            }
        }
    }
    for kind in [Kind::Operative, Kind::Preambular] {
        for lang in LANGS {
            assert!(lx.adverbs(lang, kind).count() >= 4, "{lang:?} {kind:?} adverbs");
        }
    }
}

fn corpus_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("RESOLUTION_LS_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    if dir.is_dir() {
        Some(dir)
    } else {
        assert!(std::env::var("RESOLUTION_LS_REQUIRE_CORPUS").is_err(), "corpus folder {} is missing", dir.display());
        eprintln!("note: no corpus at {}; skipped", dir.display());
        None
    }
}

/// The italic opening of every preambular and operative paragraph of the real resolutions
/// (annexes left out): (file, lang, kind, paragraph text after its label).
fn corpus_openings(dir: &PathBuf) -> Vec<(String, Lang, Kind, String)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".res.md"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let parse = Parse::new(&text);
        let s = parse.structure();
        let lang = s.lang.unwrap_or_else(|| panic!("{name}: no language"));
        for (b, role) in parse.blocks().iter().zip(&s.roles) {
            let block = &text[b.start..b.end()];
            let (kind, body) = match (role, &b.data.head) {
                (Role::Preambular, _) => (Kind::Preambular, block),
                (Role::Operative { scope: 0 }, Head::Numbered { label, .. }) => (Kind::Operative, &block[label.end..]),
                _ => continue,
            };
            if body.trim_start().starts_with(['*', '_']) {
                out.push((name.clone(), lang, kind, body.lines().next().unwrap_or("").to_string()));
            }
        }
    }
    out
}

#[test]
fn corpus_openings_are_recognised() {
    let Some(dir) = corpus_dir() else { return };
    let openings = corpus_openings(&dir);
    assert!(openings.len() >= 300, "only {} openings found in {}", openings.len(), dir.display());
    let mut misses = Vec::new();
    let mut by_lang: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (name, lang, kind, body) in &openings {
        let hit = lexicon().match_opening(body, *lang, *kind);
        let slot = by_lang.entry(format!("{lang:?} {kind:?}")).or_default();
        slot.0 += 1;
        match hit {
            Some(o) => {
                // The match starts at the italic phrase.
                assert!(o.italic, "{name}: {body}");
                slot.1 += 1;
            }
            None => misses.push(format!("{name}: {kind:?}: {}", body.chars().take(70).collect::<String>())),
        }
    }
    let found = openings.len() - misses.len();
    eprintln!("corpus openings recognised: {found}/{} {by_lang:?}", openings.len());
    for m in &misses {
        eprintln!("  miss: {m}");
    }
    assert!(
        found * 100 >= openings.len() * 95,
        "{found}/{} recognised; misses:\n{}",
        openings.len(),
        misses.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// match_opening

fn ids(list: &[&Concept]) -> String {
    list.iter().map(|c| c.id.as_str()).collect::<Vec<_>>().join(" ")
}

fn opening(text: &str, lang: Lang, kind: Kind) -> String {
    let Some(o) = lexicon().match_opening(text, lang, kind) else { return "none".into() };
    let mut s =
        format!("{} {:?} {}..{} {:?}", o.concept.id, o.form.text, o.span.start, o.span.end, &text[o.span.range()]);
    if let Some(a) = o.adverb {
        s += &format!(" adverb {}..{} {:?}", a.start, a.end, &text[a.range()]);
    }
    if o.italic {
        s += " italic";
    }
    if let Some(g) = o.form.gender {
        s += &format!(" {g:?}");
    }
    if !o.others.is_empty() {
        s += &format!(" others [{}]", ids(&o.others));
    }
    s
}

fn check_openings(lang: Lang, cases: &[(Kind, &str)], expect: Expect) {
    let out: String = cases.iter().map(|(k, t)| format!("{t}\n  {}\n", opening(t, lang, *k))).collect();
    expect.assert_eq(&out);
}

use Kind::{Operative as Op, Preambular as Pre};

#[test]
fn openings_en() {
    check_openings(
        Lang::En,
        &[
            (Op, "*Also requests* the Secretary-General to report on «𝔄» to it"),
            (Op, "Further decides that"),
            (Op, "_Strongly urges_ all States"),
            (Op, "*Once again strongly urges* States"),
            (Op, "*Takes note with appreciation* of the report"),
            (Op, "*Takes note* of the report"),
            (Op, "*Decides* to remain seized of the matter."),
            (Op, "*Expresses* deep concern at «𝔄»"),
            (Op, "*Requests also* (adverb after an English verb is not taken)"),
            (Op, "   *Decides*:"),
            (Op, "decides, without a vote"),
            (Op, "DECIDES"),
            (Op, "Notes𝔄 is one word"),
            (Op, "Notes 𝔄"),
            (Pre, "*Recalling also* its resolution 72/169"),
            (Pre, "*Bearing also in mind* that"),
            (Pre, "*Also recalling* (adverb before an English participle is not taken)"),
            (Pre, "*Mindful* of «𝔄»"),
            (Pre, "*Acting* under Chapter VII of the Charter"),
        ],
        expect![[r#"
            *Also requests* the Secretary-General to report on «𝔄» to it
              requests "Requests" 1..14 "Also requests" adverb 1..5 "Also" italic
            Further decides that
              decides "Decides" 0..15 "Further decides" adverb 0..7 "Further"
            _Strongly urges_ all States
              urges "Urges" 1..15 "Strongly urges" adverb 1..9 "Strongly" italic
            *Once again strongly urges* States
              urges "Urges" 1..26 "Once again strongly urges" adverb 1..20 "Once again strongly" italic
            *Takes note with appreciation* of the report
              takes_note_with_appreciation "Takes note with appreciation" 1..29 "Takes note with appreciation" italic
            *Takes note* of the report
              takes_note "Takes note" 1..11 "Takes note" italic
            *Decides* to remain seized of the matter.
              remains_seized "Decides to remain seized" 1..26 "Decides* to remain seized" italic
            *Expresses* deep concern at «𝔄»
              expresses_deep_concern "Expresses deep concern" 1..24 "Expresses* deep concern" italic
            *Requests also* (adverb after an English verb is not taken)
              requests "Requests" 1..9 "Requests" italic
               *Decides*:
              decides "Decides" 4..11 "Decides" italic
            decides, without a vote
              decides "Decides" 0..7 "decides"
            DECIDES
              none
            Notes𝔄 is one word
              none
            Notes 𝔄
              notes "Notes" 0..5 "Notes"
            *Recalling also* its resolution 72/169
              recalling "Recalling" 1..15 "Recalling also" adverb 11..15 "also" italic
            *Bearing also in mind* that
              bearing_in_mind "Bearing in mind" 1..21 "Bearing also in mind" adverb 9..13 "also" italic
            *Also recalling* (adverb before an English participle is not taken)
              none
            *Mindful* of «𝔄»
              mindful "Mindful" 1..8 "Mindful" italic
            *Acting* under Chapter VII of the Charter
              acting_under "Acting under" 1..14 "Acting* under" italic
        "#]],
    );
}

#[test]
fn openings_fr() {
    check_openings(
        Lang::Fr,
        &[
            (Op, "*Prie également* le Secrétaire général de lui présenter « 𝔄 »"),
            (Op, "*Prie instamment* les États"),
            (Op, "*Prend également note* du rapport"),
            (Op, "*Demande de nouveau* à tous les États"),
            (Op, "*Demande* aux États"),
            (Op, "*Souligne* qu’il importe"),
            (Op, "*Décide* de rester saisie de la question."),
            (Op, "*Exprime de nouveau* sa reconnaissance à « 𝔄 »"),
            (Pre, "*Profondément préoccupée* également par la situation 𝔄"),
            (Pre, "*Ayant à l'esprit* (apostrophe droite)"),
            (Pre, "*Consciente* de l’importance"),
            (Pre, "Se félicitant en outre de « 𝔄 »"),
            (Pre, "*Reaffirmant* (accent manquant)"),
            (Pre, "*Réaffirmant*\u{a0}également"),
        ],
        expect![[r#"
            *Prie également* le Secrétaire général de lui présenter « 𝔄 »
              requests "Prie" 1..16 "Prie également" adverb 6..16 "également" italic
            *Prie instamment* les États
              urges "Prie instamment" 1..16 "Prie instamment" italic
            *Prend également note* du rapport
              takes_note "Prend note" 1..22 "Prend également note" adverb 7..17 "également" italic
            *Demande de nouveau* à tous les États
              reiterates_call "Demande de nouveau" 1..19 "Demande de nouveau" italic
            *Demande* aux États
              requests "Demande" 1..8 "Demande" italic others [calls_upon calls_for]
            *Souligne* qu’il importe
              stresses "Souligne" 1..9 "Souligne" italic others [emphasizes underlines underscores highlights]
            *Décide* de rester saisie de la question.
              remains_seized "Décide de rester saisie" 1..26 "Décide* de rester saisie" italic Feminine
            *Exprime de nouveau* sa reconnaissance à « 𝔄 »
              expresses_appreciation "Exprime sa reconnaissance" 1..38 "Exprime de nouveau* sa reconnaissance" adverb 9..19 "de nouveau" italic
            *Profondément préoccupée* également par la situation 𝔄
              deeply_concerned "Profondément préoccupée" 1..39 "Profondément préoccupée* également" adverb 29..39 "également" italic Feminine
            *Ayant à l'esprit* (apostrophe droite)
              bearing_in_mind "Ayant à l’esprit" 1..18 "Ayant à l'esprit" italic
            *Consciente* de l’importance
              mindful "Consciente" 1..11 "Consciente" italic Feminine others [aware conscious cognizant]
            Se félicitant en outre de « 𝔄 »
              welcoming "Se félicitant" 0..23 "Se félicitant en outre" adverb 15..23 "en outre"
            *Reaffirmant* (accent manquant)
              none
            *Réaffirmant* également
              reaffirming "Réaffirmant" 1..26 "Réaffirmant*\u{a0}également" adverb 16..26 "également" italic others [reiterating]
        "#]],
    );
}

#[test]
fn openings_es() {
    check_openings(
        Lang::Es,
        &[
            (Op, "*Solicita también* al Secretario General que «𝔄»"),
            (Op, "*Insta encarecidamente* a los Estados"),
            (Op, "*Decide* seguir ocupándose activamente de la cuestión."),
            (Op, "*Decide además*, como medida especial"),
            (Op, "*Hace suyas* las recomendaciones"),
            (Op, "*Condena* enérgicamente"),
            (Pre, "*Acogiendo también con beneplácito* el informe"),
            (Pre, "*Convencida* de que"),
            (Pre, "*Consciente* de que"),
            (Pre, "*Teniendo presentes* las responsabilidades"),
            (Pre, "*Expresando* grave preocupación por «𝔄»"),
            (Pre, "*Observando con profunda preocupación* el impacto"),
            (Pre, "*Recordando* también"),
        ],
        expect![[r#"
            *Solicita también* al Secretario General que «𝔄»
              requests "Solicita" 1..18 "Solicita también" adverb 10..18 "también" italic
            *Insta encarecidamente* a los Estados
              urges "Insta" 1..22 "Insta encarecidamente" adverb 7..22 "encarecidamente" italic
            *Decide* seguir ocupándose activamente de la cuestión.
              remains_seized "Decide seguir ocupándose activamente" 1..39 "Decide* seguir ocupándose activamente" italic
            *Decide además*, como medida especial
              decides "Decide" 1..15 "Decide además" adverb 8..15 "además" italic
            *Hace suyas* las recomendaciones
              endorses "Hace suyas" 1..11 "Hace suyas" italic
            *Condena* enérgicamente
              strongly_condemns "Condena enérgicamente" 1..24 "Condena* enérgicamente" italic
            *Acogiendo también con beneplácito* el informe
              welcoming "Acogiendo con beneplácito" 1..36 "Acogiendo también con beneplácito" adverb 11..19 "también" italic
            *Convencida* de que
              convinced "Convencida" 1..11 "Convencida" italic Feminine
            *Consciente* de que
              mindful "Consciente" 1..11 "Consciente" italic others [aware conscious cognizant]
            *Teniendo presentes* las responsabilidades
              bearing_in_mind "Teniendo presentes" 1..19 "Teniendo presentes" italic
            *Expresando* grave preocupación por «𝔄»
              expressing_grave_concern "Expresando grave preocupación" 1..32 "Expresando* grave preocupación" italic
            *Observando con profunda preocupación* el impacto
              noting_with_deep_concern "Observando con profunda preocupación" 1..38 "Observando con profunda preocupación" italic
            *Recordando* también
              recalling "Recordando" 1..21 "Recordando* también" adverb 13..21 "también" italic
        "#]],
    );
}

// ---------------------------------------------------------------------------------------------
// complete

fn completions(cases: &[(&str, Lang, Kind, Option<Gender>)], expect: Expect) {
    let mut out = String::new();
    for (prefix, lang, kind, gender) in cases {
        let items = lexicon().complete(prefix, *lang, *kind, *gender);
        let shown: Vec<String> = items.iter().take(8).map(|c| c.text.clone()).collect();
        let more = if items.len() > 8 { format!(" … ({} in all)", items.len()) } else { String::new() };
        let shown = if shown.is_empty() { "(none)".to_string() } else { shown.join(" | ") };
        out += &format!("{prefix:?} {lang:?} {kind:?} {gender:?}\n  {shown}{more}\n");
    }
    expect.assert_eq(&out);
}

#[test]
fn completion() {
    use Gender::{Feminine as F, Masculine as M};
    completions(
        &[
            ("reaf", Lang::Fr, Op, None),
            ("rea", Lang::Fr, Op, None),
            ("Réa", Lang::Fr, Op, None),
            ("con", Lang::Fr, Pre, Some(M)),
            ("con", Lang::Fr, Pre, Some(F)),
            ("profondement p", Lang::Fr, Pre, Some(M)),
            ("convencid", Lang::Es, Pre, Some(M)),
            ("also re", Lang::En, Op, None),
            ("Once again u", Lang::En, Op, None),
            ("prie ", Lang::Fr, Op, None),
            ("prie e", Lang::Fr, Op, None),
            ("*Recalling a", Lang::En, Pre, None),
            ("decide  seguir", Lang::Es, Op, None),
            ("tomando\u{a0}nota", Lang::Es, Pre, None),
            ("𝔄", Lang::En, Op, None),
        ],
        expect![[r#"
            "reaf" Fr Operative None
              Réaffirme | Réaffirme son engagement | Réaffirme son attachement
            "rea" Fr Operative None
              Réaffirme | Réaffirme son engagement | Réaffirme son attachement
            "Réa" Fr Operative None
              Réaffirme | Réaffirme son engagement | Réaffirme son attachement
            "con" Fr Preambular Some(Masculine)
              Considérant | Constatant | Convaincu | Conscient | Constatant avec préoccupation | Condamnant | Condamnant fermement | Condamnant énergiquement … (10 in all)
            "con" Fr Preambular Some(Feminine)
              Considérant | Constatant | Convaincue | Consciente | Constatant avec préoccupation | Condamnant | Condamnant fermement | Condamnant énergiquement … (10 in all)
            "profondement p" Fr Preambular Some(Masculine)
              Profondément préoccupé
            "convencid" Es Preambular Some(Masculine)
              Convencido
            "also re" En Operative None
              Also requests | Also reaffirms | Also recognizes | Also recalls | Also reiterates | Also renews | Also reiterates its call | Also recommends … (14 in all)
            "Once again u" En Operative None
              Once again urges | Once again underlines | Once again underscores | Once again unequivocally condemns
            "prie " Fr Operative None
              Prie également | Prie en outre | Prie aussi | Prie de nouveau | Prie à nouveau | Prie vivement | Prie fermement | Prie par ailleurs … (9 in all)
            "prie e" Fr Operative None
              Prie également | Prie en outre
            "*Recalling a" En Preambular None
              Recalling also | Recalling again
            "decide  seguir" Es Operative None
              Decide seguir ocupándose | Decide seguir ocupándose activamente | Decide seguir examinando | Decide seguir considerando | Decide seguir
            "tomando\u{a0}nota" Es Preambular None
              Tomando nota | Tomando nota con aprecio | Tomando nota con interés
            "𝔄" En Operative None
              (none)
        "#]],
    );
}

// ---------------------------------------------------------------------------------------------
// suggest

fn suggestions(cases: &[(&str, Lang, Kind)], expect: Expect) {
    let mut out = String::new();
    for (text, lang, kind) in cases {
        let found = lexicon().suggest(text, *lang, *kind);
        let shown: Vec<String> = found
            .iter()
            .map(|s| {
                format!(
                    "{:?} d{} at {}..{} {:?}",
                    s.form.text,
                    s.distance,
                    s.span.start,
                    s.span.end,
                    &text[s.span.range()]
                )
            })
            .collect();
        let shown = if shown.is_empty() { "(none)".to_string() } else { shown.join(" | ") };
        out += &format!("{text:?} {lang:?}\n  {shown}\n");
    }
    expect.assert_eq(&out);
}

#[test]
fn suggestion() {
    suggestions(
        &[
            ("*Reafirms* that", Lang::En, Op),
            ("Also reafirms «𝔄»", Lang::En, Op),
            ("Decide to", Lang::En, Op),
            ("*Takes not* of", Lang::En, Op),
            ("*Recalling* (exact: no suggestion)", Lang::En, Pre),
            ("*Reaffirmant* que", Lang::Fr, Pre),
            ("*Profondement preocupée* par «𝔄»", Lang::Fr, Pre),
            ("*Recordanod* su resolución", Lang::Es, Pre),
            ("*Solicitá* al Secretario General", Lang::Es, Op),
            ("*Xyzzy* 𝔄", Lang::Es, Op),
            ("𝔄𝔄𝔄", Lang::Fr, Op),
        ],
        expect![[r#"
            "*Reafirms* that" En
              "Reaffirms" d1 at 1..9 "Reafirms"
            "Also reafirms «𝔄»" En
              "Reaffirms" d1 at 5..13 "reafirms"
            "Decide to" En
              "Decides" d1 at 0..6 "Decide"
            "*Takes not* of" En
              "Takes note" d1 at 1..10 "Takes not"
            "*Recalling* (exact: no suggestion)" En
              (none)
            "*Reaffirmant* que" Fr
              "Réaffirmant" d0 at 1..12 "Reaffirmant"
            "*Profondement preocupée* par «𝔄»" Fr
              "Profondément préoccupée" d1 at 1..24 "Profondement preocupée" | "Profondément préoccupé" d2 at 1..24 "Profondement preocupée"
            "*Recordanod* su resolución" Es
              "Recordando" d1 at 1..11 "Recordanod"
            "*Solicitá* al Secretario General" Es
              "Solicita" d0 at 1..10 "Solicitá"
            "*Xyzzy* 𝔄" Es
              (none)
            "𝔄𝔄𝔄" Fr
              (none)
        "#]],
    );
}

// ---------------------------------------------------------------------------------------------
// gender agreement

#[test]
fn organ_genders() {
    assert_eq!(organ_gender(Organ::Ga), Gender::Feminine);
    for organ in [Organ::Sc, Organ::Hrc, Organ::Ecosoc] {
        assert_eq!(organ_gender(organ), Gender::Masculine);
    }
}

/// The diagnostic the server can build: a French Security Council text that uses the
/// General Assembly's feminine forms, and the form it should use.
#[test]
fn agreement_with_the_organ() {
    let lx = lexicon();
    let sc = organ_gender(Organ::Sc);
    let ga = organ_gender(Organ::Ga);
    let cases = [
        (Lang::Fr, Pre, "*Consciente* de l’importance"),
        (Lang::Fr, Pre, "*Profondément préoccupée* par la situation"),
        (Lang::Fr, Op, "*Décide* de rester saisie de la question."),
        (Lang::Fr, Op, "*Se déclare* gravement préoccupée par « 𝔄 »"),
        (Lang::Es, Pre, "*Profundamente preocupada* por"),
        (Lang::Es, Pre, "*Consciente* de que"),
        (Lang::Fr, Pre, "*Convaincu* que"),
    ];
    let mut out = String::new();
    for (lang, kind, text) in cases {
        let o = lx.match_opening(text, lang, kind).unwrap();
        let verdict = |g: Gender| match o.concept.agreeing(lang, o.form, g) {
            Some(f) if f == o.form => "agrees".to_string(),
            Some(f) => format!("use {:?}", f.text),
            None => "no form".to_string(),
        };
        out += &format!("{:?}: SC {} / GA {}\n", o.form.text, verdict(sc), verdict(ga));
    }
    expect![[r#"
        "Consciente": SC use "Conscient" / GA agrees
        "Profondément préoccupée": SC use "Profondément préoccupé" / GA agrees
        "Décide de rester saisie": SC use "Décide de rester saisi" / GA agrees
        "Se déclare gravement préoccupée": SC use "Se déclare gravement préoccupé" / GA agrees
        "Profundamente preocupada": SC use "Profundamente preocupado" / GA agrees
        "Consciente": SC agrees / GA agrees
        "Convaincu": SC agrees / GA use "Convaincue"
    "#]]
    .assert_eq(&out);
    let convinced = lx.concept("convinced").unwrap();
    assert_eq!(convinced.preferred(Lang::Fr, Some(Gender::Masculine)).unwrap().text, "Convaincu");
    assert_eq!(convinced.preferred(Lang::Fr, Some(Gender::Feminine)).unwrap().text, "Convaincue");
    assert_eq!(convinced.preferred(Lang::En, Some(Gender::Masculine)).unwrap().text, "Convinced");
}

// ---------------------------------------------------------------------------------------------
// the rest of the API

#[test]
fn concepts_complements_and_adverbs() {
    let lx = lexicon();
    let first: Vec<&str> = lx.concepts(Op).take(4).map(|c| c.id.as_str()).collect();
    assert_eq!(first, ["requests", "decides", "calls_upon", "urges"]);
    let first: Vec<&str> = lx.concepts(Pre).take(3).map(|c| c.id.as_str()).collect();
    assert_eq!(first, ["recalling", "reaffirming", "recognizing"]);
    let requests = lx.concept("requests").unwrap();
    assert_eq!(requests.complement(Lang::En), Some("Requests X to + infinitive"));
    assert_eq!(requests.complement(Lang::Fr), Some("Prie X de + infinitive"));
    assert_eq!(requests.complement(Lang::Es), Some("Solicita a X que + subjunctive"));
    let urges: Vec<&str> = lx.concept("urges").unwrap().forms(Lang::Fr).iter().map(|f| f.text.as_str()).collect();
    assert!(urges.contains(&"Demande instamment") && urges.contains(&"Exhorte"), "{urges:?}");
    assert_eq!(lx.concept("take_note_of_it"), None);
    assert!(lx.adverbs(Lang::Es, Op).any(|a| a == "encarecidamente"));
    assert_eq!(adverb_position(Lang::En, Op), AdverbPosition::Before);
    assert_eq!(adverb_position(Lang::En, Pre), AdverbPosition::After);
    assert_eq!(adverb_position(Lang::Fr, Op), AdverbPosition::After);
}

#[test]
fn folding() {
    expect![[r#""reaffirme nandu oeuvre ca l'ete x aeon strasse e""#]]
        .assert_eq(&format!("{:?}", fold("Réaffirme ÑANDÚ Œuvre Ça l’été\u{a0}x Æon Straße e\u{301}")));
    assert_eq!(fold("𝔄"), "𝔄");
}

#[test]
fn edit_distance() {
    assert_eq!(distance("reafirms", "reaffirms", 5), 1);
    assert_eq!(distance("recordanod", "recordando", 5), 1);
    assert_eq!(distance("abc", "xyz", 5), 3);
    assert_eq!(distance("abcdefgh", "zzzzzzzz", 2), 3);
    assert_eq!(distance("", "abc", 5), 3);
}

mod total {
    use proptest::prelude::*;

    use super::*;

    fn exercise(text: &str) {
        let lx = lexicon();
        for lang in LANGS {
            for kind in [Op, Pre] {
                if let Some(o) = lx.match_opening(text, lang, kind) {
                    assert!(text.get(o.span.range()).is_some());
                    assert!(o.adverb.is_none_or(|a| text.get(a.range()).is_some() && o.span.start <= a.start));
                }
                for s in lx.suggest(text, lang, kind) {
                    assert!(text.get(s.span.range()).is_some());
                }
                for g in [None, Some(Gender::Feminine), Some(Gender::Masculine)] {
                    for c in lx.complete(text, lang, kind, g) {
                        assert!(g.is_none_or(|g| c.form.agrees_with(g)));
                    }
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// No input panics, and every span lies on character boundaries.
        #[test]
        fn never_panics(text in "[ *_\u{a0}a-zA-ZéÉàñç’'𝔄\\-,.]{0,40}|.{0,30}") {
            exercise(&text);
        }
    }

    #[test]
    fn awkward_inputs() {
        for text in
            ["", "*", "**", "***", "_", "* *", "*𝔄*", "\u{301}", "Prie\u{301}", "Also", "Also also also requests"]
        {
            exercise(text);
        }
    }
}

/// The checks behind `data_errors`, on broken data.
#[test]
fn broken_data_is_reported() {
    let op = "adverbs.en: also\nadverbs.en: again\nadverbs.xx: x\n\
              @ requests\ngloss: g\nstrength: conventional reading: s\nen: Requests | Requests\nfr: Prie {x}\n\
              @ Bad-Id\ngloss: g\ncolour: red\nno colon here\n";
    let pre = "@ requests\ngloss: g\nstrength: conventional reading: s\nen: Recalling\nfr: Rappelant\nes: Recordando\n";
    let lx = Lexicon::build(op, pre);
    expect![[r#"
        operative.txt:2: "adverbs.en" given twice
        operative.txt:3: unknown header key "adverbs.xx"
        operative.txt:7: form "Requests" repeated
        operative.txt:8: bad character in form "Prie {x}"
        operative.txt:4: concept "requests": no fr form
        operative.txt:4: concept "requests": no es form
        operative.txt:9: bad concept id "Bad-Id" (snake_case ASCII expected)
        operative.txt:11: unknown key "colour"
        operative.txt:12: expected "key: value", found "no colon here"
        operative.txt:9: concept "Bad-Id": no strength
        operative.txt:9: concept "Bad-Id": no en form
        operative.txt:9: concept "Bad-Id": no fr form
        operative.txt:9: concept "Bad-Id": no es form
        duplicate concept id "requests"
    "#]]
    .assert_eq(&lx.data_errors().iter().map(|e| format!("{e}\n")).collect::<String>());
    // What parsed is still usable.
    assert!(lx.match_opening("*Recalling* 𝔄", Lang::En, Pre).is_some());
    // The first adverb list is kept, the repeated one dropped.
    assert!(lx.match_opening("Also requests", Lang::En, Op).is_some_and(|o| o.adverb.is_some()));
    assert!(lx.match_opening("Again requests", Lang::En, Op).is_none());
}
