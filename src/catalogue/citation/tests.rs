use expect_test::{Expect, expect};

use super::*;

/// One line per citation: the cited text, the symbol, the number as written, the date and
/// where it is, the title.
fn render(text: &str, lang: Lang, organ: Option<Organ>) -> String {
    let mut out = String::new();
    for c in find_citations(text, lang, organ) {
        assert!(text.is_char_boundary(c.span.start) && text.is_char_boundary(c.span.end));
        let kind = match c.kind {
            CitationKind::Text => "",
            CitationKind::Symbol => " [symbol]",
        };
        out.push_str(&format!("{:?} → {}{kind} #{:?}", &text[c.span.range()], c.symbol, &text[c.number_span.range()]));
        if let (Some(d), Some(s)) = (c.date, c.date_span) {
            out.push_str(&format!(" @{d} {:?}", &text[s.range()]));
        }
        if let Some((t, s)) = &c.title {
            assert_eq!(&text[s.range()], t);
            out.push_str(&format!(" “{t}”"));
        }
        out.push('\n');
    }
    out
}

fn check(text: &str, lang: Lang, organ: Option<Organ>, expect: Expect) {
    expect.assert_eq(&render(text, lang, organ));
}

#[test]
fn english_citations() {
    check(
        "𝔄 Recalling its resolution 70/1 of 25 September 2015, entitled “Transforming our world: the 2030 Agenda for Sustainable Development”, \
         Human Rights Council resolution 32/6 of 30 June 2016, resolutions 60/251 of 15 March 2006 and 65/281 of 17 June 2011, \
         resolution 217 A (III) of 10 December 1948, Security Council resolution 2334 (2016) of 23 December 2016, \
         its resolutions 31/6 A and B, resolution S-27/2 of 10 May 2002 and Economic and Social Council resolution 1980/67 of 25 July 1980;",
        Lang::En,
        Some(Organ::Ga),
        expect![[r#"
            "its resolution 70/1 of 25 September 2015, entitled “Transforming our world: the 2030 Agenda for Sustainable Development”" → A/RES/70/1 #"70/1" @2015-09-25 "25 September 2015" “Transforming our world: the 2030 Agenda for Sustainable Development”
            "Human Rights Council resolution 32/6 of 30 June 2016" → A/HRC/RES/32/6 #"32/6" @2016-06-30 "30 June 2016"
            "resolutions 60/251 of 15 March 2006" → A/RES/60/251 #"60/251" @2006-03-15 "15 March 2006"
            "65/281 of 17 June 2011" → A/RES/65/281 #"65/281" @2011-06-17 "17 June 2011"
            "resolution 217 A (III) of 10 December 1948" → A/RES/217 A (III) #"217 A (III)" @1948-12-10 "10 December 1948"
            "Security Council resolution 2334 (2016) of 23 December 2016" → S/RES/2334 (2016) #"2334 (2016)" @2016-12-23 "23 December 2016"
            "its resolutions 31/6 A" → A/RES/31/6 A #"31/6 A"
            "B" → A/RES/31/6 B #"B"
            "resolution S-27/2 of 10 May 2002" → A/RES/S-27/2 #"S-27/2" @2002-05-10 "10 May 2002"
            "Economic and Social Council resolution 1980/67 of 25 July 1980" → E/RES/1980/67 #"1980/67" @1980-07-25 "25 July 1980"
        "#]],
    );
}

#[test]
fn french_citations() {
    check(
        "« 𝔄 » Rappelant sa résolution 70/153 du 17 décembre 2015, la résolution 32/6 du Conseil des droits de l'homme, en date du 30 juin 2016, \
         ses résolutions 62/138 du 18 décembre 2007, 63/158 du 18décembre 2008 et 65/188, ses résolutions 1267 (1999), 1333 (2000) et 2513 (2020), \
         sa résolution 72/1 du 1er janvier 2018, intitulée « Transformer notre monde : le Programme de développement durable à l’horizon 2030 », \
         la résolution 60/251 de l’Assemblée générale, du 15 mars 2006, et les résolutions 61/16, 68/1 et 72/305 de l’Assemblée générale, en date des 20 novembre 2006, 20 septembre 2013 et 23 juillet 2018.",
        Lang::Fr,
        Some(Organ::Hrc),
        expect![[r#"
            "sa résolution 70/153 du 17 décembre 2015" → A/RES/70/153 #"70/153" @2015-12-17 "17 décembre 2015"
            "résolution 32/6 du Conseil des droits de l'homme, en date du 30 juin 2016" → A/HRC/RES/32/6 #"32/6" @2016-06-30 "30 juin 2016"
            "ses résolutions 62/138 du 18 décembre 2007" → A/RES/62/138 #"62/138" @2007-12-18 "18 décembre 2007"
            "63/158 du 18décembre 2008" → A/RES/63/158 #"63/158" @2008-12-18 "18décembre 2008"
            "65/188" → A/RES/65/188 #"65/188"
            "ses résolutions 1267 (1999)" → S/RES/1267 (1999) #"1267 (1999)"
            "1333 (2000)" → S/RES/1333 (2000) #"1333 (2000)"
            "2513 (2020)" → S/RES/2513 (2020) #"2513 (2020)"
            "sa résolution 72/1 du 1er janvier 2018, intitulée « Transformer notre monde : le Programme de développement durable à l’horizon 2030 »" → A/RES/72/1 #"72/1" @2018-01-01 "1er janvier 2018" “Transformer notre monde : le Programme de développement durable à l’horizon 2030”
            "résolution 60/251 de l’Assemblée générale, du 15 mars 2006" → A/RES/60/251 #"60/251" @2006-03-15 "15 mars 2006"
            "résolutions 61/16" → A/RES/61/16 #"61/16" @2006-11-20 "20 novembre 2006"
            "68/1" → A/RES/68/1 #"68/1" @2013-09-20 "20 septembre 2013"
            "72/305 de l’Assemblée générale, en date des 20 novembre 2006, 20 septembre 2013 et 23 juillet 2018" → A/RES/72/305 #"72/305" @2018-07-23 "23 juillet 2018"
        "#]],
    );
}

#[test]
fn french_possessive_in_a_general_assembly_text() {
    check(
        "Rappelant sa résolution 70/153 du 17 décembre 2015 et la résolution 32/6 du Conseil des droits de l’homme,",
        Lang::Fr,
        Some(Organ::Ga),
        expect![[r#"
            "sa résolution 70/153 du 17 décembre 2015" → A/RES/70/153 #"70/153" @2015-12-17 "17 décembre 2015"
            "résolution 32/6 du Conseil des droits de l’homme" → A/HRC/RES/32/6 #"32/6"
        "#]],
    );
}

#[test]
fn spanish_citations() {
    check(
        "ñ 𝔄 Recordando su resolución 70/1, de 25 de septiembre de 2015, titulada “Transformar nuestro mundo: la Agenda 2030 para el Desarrollo Sostenible”, \
         la resolución 1540 (2004) del Consejo de Seguridad, de 28 de abril de 2004, las resoluciones del Consejo de Derechos Humanos 30/27, de 2 de octubre de 2015, y S-24/1, \
         de 17 de diciembre de 2015, sus resoluciones 44/192 B, de 21 de diciembre de 1989, 45/269, de 27 de agosto de 1991, y 47/218 A, de 23 de diciembre de 1992, \
         la resolución 60/251 de la Asamblea General y sus resoluciones 2009/27, de 30 de julio de 2009, y 2019/13, de 7 de junio de 2019.",
        Lang::Es,
        Some(Organ::Ecosoc),
        expect![[r#"
            "su resolución 70/1, de 25 de septiembre de 2015, titulada “Transformar nuestro mundo: la Agenda 2030 para el Desarrollo Sostenible”" → A/RES/70/1 #"70/1" @2015-09-25 "25 de septiembre de 2015" “Transformar nuestro mundo: la Agenda 2030 para el Desarrollo Sostenible”
            "resolución 1540 (2004) del Consejo de Seguridad, de 28 de abril de 2004" → S/RES/1540 (2004) #"1540 (2004)" @2004-04-28 "28 de abril de 2004"
            "resoluciones del Consejo de Derechos Humanos 30/27, de 2 de octubre de 2015" → A/HRC/RES/30/27 #"30/27" @2015-10-02 "2 de octubre de 2015"
            "S-24/1, de 17 de diciembre de 2015" → A/HRC/RES/S-24/1 #"S-24/1" @2015-12-17 "17 de diciembre de 2015"
            "sus resoluciones 44/192 B, de 21 de diciembre de 1989" → A/RES/44/192 B #"44/192 B" @1989-12-21 "21 de diciembre de 1989"
            "45/269, de 27 de agosto de 1991" → A/RES/45/269 #"45/269" @1991-08-27 "27 de agosto de 1991"
            "47/218 A, de 23 de diciembre de 1992" → A/RES/47/218 A #"47/218 A" @1992-12-23 "23 de diciembre de 1992"
            "resolución 60/251 de la Asamblea General" → A/RES/60/251 #"60/251"
            "sus resoluciones 2009/27, de 30 de julio de 2009" → E/RES/2009/27 #"2009/27" @2009-07-30 "30 de julio de 2009"
            "2019/13, de 7 de junio de 2019" → E/RES/2019/13 #"2019/13" @2019-06-07 "7 de junio de 2019"
        "#]],
    );
}

#[test]
fn organs_and_defaults() {
    // A bare N/M is the General Assembly's, YYYY/M the Economic and Social Council's, N (YYYY)
    // the Security Council's whatever the drafting organ; "its" and "Council" follow it.
    check(
        "recalling resolution 70/1, resolution 2014/36, its resolution 5/1, Council resolution 5/2, resolution 2178 (2014), \
         Commission on Human Rights resolution 2005/69 and resolutions 1514 (XV) of 14 December 1960 and 2145 (XXI) of 27 October 1966",
        Lang::En,
        Some(Organ::Hrc),
        expect![[r#"
            "resolution 70/1" → A/RES/70/1 #"70/1"
            "resolution 2014/36" → E/RES/2014/36 #"2014/36"
            "its resolution 5/1" → A/HRC/RES/5/1 #"5/1"
            "Council resolution 5/2" → A/HRC/RES/5/2 #"5/2"
            "resolution 2178 (2014)" → S/RES/2178 (2014) #"2178 (2014)"
            "Commission on Human Rights resolution 2005/69" → E/CN.4/RES/2005/69 #"2005/69"
            "resolutions 1514 (XV) of 14 December 1960" → A/RES/1514 (XV) #"1514 (XV)" @1960-12-14 "14 December 1960"
            "2145 (XXI) of 27 October 1966" → A/RES/2145 (XXI) #"2145 (XXI)" @1966-10-27 "27 October 1966"
        "#]],
    );
    check(
        "its resolution 9 (I) of 16 February 1946 and its resolution 2019/13",
        Lang::En,
        Some(Organ::Ecosoc),
        expect![[r#"
            "its resolution 9 (I) of 16 February 1946" → E/RES/9 (I) #"9 (I)" @1946-02-16 "16 February 1946"
            "its resolution 2019/13" → E/RES/2019/13 #"2019/13"
        "#]],
    );
    check(
        "its resolution 70/1 and Council resolution 5/1",
        Lang::En,
        None,
        expect![[r#"
        "its resolution 70/1" → A/RES/70/1 #"70/1"
        "Council resolution 5/1" → A/HRC/RES/5/1 #"5/1"
    "#]],
    );
}

#[test]
fn the_organ_its_refers_to_and_implausible_numbers() {
    // "its" after a named organ is that organ; a number that cannot be the General Assembly's
    // (sessions in symbols start at 31) nor fit the date is the Human Rights Council's; one
    // that fits neither is no citation.
    check(
        "established by the Human Rights Council in its resolution\n22/13 of 21 March 2013; its resolution 39/2; resolution 14/221; \
         its resolution 60/251 of 15 March 2006",
        Lang::En,
        Some(Organ::Ga),
        expect![[r#"
            "its resolution\n22/13 of 21 March 2013" → A/HRC/RES/22/13 #"22/13" @2013-03-21 "21 March 2013"
            "its resolution 39/2" → A/RES/39/2 #"39/2"
            "its resolution 60/251 of 15 March 2006" → A/RES/60/251 #"60/251" @2006-03-15 "15 March 2006"
        "#]],
    );
    check(
        "el Consejo de Derechos Humanos, en su resolución 5/1, y el Consejo de Seguridad, en su resolución 2334 (2016) de 23 de diciembre",
        Lang::Es,
        Some(Organ::Ga),
        expect![[r#"
            "su resolución 5/1" → A/HRC/RES/5/1 #"5/1"
            "su resolución 2334 (2016) de 23 de diciembre" → S/RES/2334 (2016) #"2334 (2016)" @2016-12-23 "23 de diciembre"
        "#]],
    );
    check(
        "le Conseil des droits de l’homme, dans sa résolution 48/13 du 8 octobre 2021, et annexe II, résolution 14/221.",
        Lang::Fr,
        Some(Organ::Ga),
        expect![[r#"
            "sa résolution 48/13 du 8 octobre 2021" → A/HRC/RES/48/13 #"48/13" @2021-10-08 "8 octobre 2021"
        "#]],
    );
}

#[test]
fn other_bodies_resolutions_are_not_cited() {
    for (text, lang) in [
        ("World Health Assembly resolution 72/1, Governing Council resolution 27/2, UNEA resolution 4/6", Lang::En),
        (
            "Commission on Narcotic Drugs resolution 61/2 and resolution 61/2 of the Commission on Narcotic Drugs",
            Lang::En,
        ),
        (
            "la résolution 4/6 de l’Assemblée des Nations Unies pour l’environnement et la résolution 61/2 de la Commission des stupéfiants",
            Lang::Fr,
        ),
        (
            "la resolución 61/2 de la Comisión de Estupefacientes y la resolución 72/1 de la Asamblea Mundial de la Salud",
            Lang::Es,
        ),
    ] {
        assert_eq!(render(text, lang, Some(Organ::Ga)), "", "{text}");
    }
    // Ours still are.
    check(
        "*Recalling* resolution 70/1, Recalling the Council resolution 2334 (2016) and General Assembly resolution 60/251",
        Lang::En,
        Some(Organ::Sc),
        expect![[r#"
            "resolution 70/1" → A/RES/70/1 #"70/1"
            "Council resolution 2334 (2016)" → S/RES/2334 (2016) #"2334 (2016)"
            "General Assembly resolution 60/251" → A/RES/60/251 #"60/251"
        "#]],
    );
}

#[test]
fn spanish_organ_after_the_number_and_the_drafting_organ() {
    check(
        "Recordando la resolución 32/6 del Consejo de Derechos Humanos, de 30 de junio de 2016, y su resolución 2019/13",
        Lang::Es,
        Some(Organ::Ecosoc),
        expect![[r#"
            "resolución 32/6 del Consejo de Derechos Humanos, de 30 de junio de 2016" → A/HRC/RES/32/6 #"32/6" @2016-06-30 "30 de junio de 2016"
            "su resolución 2019/13" → E/RES/2019/13 #"2019/13"
        "#]],
    );
}

#[test]
fn lists_with_a_year_given_once() {
    check(
        "its resolutions 338 (1973) of 22 October, 340 (1973) of 25 October and 341 (1973) of 27 October 1973, 346 (1974) of 8 April and 362 (1974) of 23 October 1974",
        Lang::En,
        Some(Organ::Sc),
        expect![[r#"
            "its resolutions 338 (1973) of 22 October" → S/RES/338 (1973) #"338 (1973)" @1973-10-22 "22 October"
            "340 (1973) of 25 October" → S/RES/340 (1973) #"340 (1973)" @1973-10-25 "25 October"
            "341 (1973) of 27 October 1973" → S/RES/341 (1973) #"341 (1973)" @1973-10-27 "27 October 1973"
            "346 (1974) of 8 April" → S/RES/346 (1974) #"346 (1974)" @1974-04-08 "8 April"
            "362 (1974) of 23 October 1974" → S/RES/362 (1974) #"362 (1974)" @1974-10-23 "23 October 1974"
        "#]],
    );
}

#[test]
fn parts_and_ranges() {
    check(
        "resolutions 3411 A and B (XXX), résolutions 3419 A à D (XXX)",
        Lang::En,
        None,
        expect![[r#"
            "resolutions 3411 A" → A/RES/3411 A (XXX) #"3411 A"
            "B (XXX)" → A/RES/3411 B (XXX) #"B"
        "#]],
    );
    check(
        "résolutions 3419 A à D (XXX) et 31/6 A et B",
        Lang::Fr,
        None,
        expect![[r#"
        "résolutions 3419 A" → A/RES/3419 A (XXX) #"3419 A"
        "à" → A/RES/3419 B (XXX) #"à"
        "à" → A/RES/3419 C (XXX) #"à"
        "D (XXX)" → A/RES/3419 D (XXX) #"D"
        "31/6 A" → A/RES/31/6 A #"31/6 A"
        "B" → A/RES/31/6 B #"B"
    "#]],
    );
}

#[test]
fn footnote_bodies() {
    check(
        "Résolution 66/3.",
        Lang::Fr,
        Some(Organ::Ga),
        expect![[r#"
        "Résolution 66/3" → A/RES/66/3 #"66/3"
    "#]],
    );
    check(
        "A/CONF.157/24 (Part I), chap. III.",
        Lang::Fr,
        Some(Organ::Ga),
        expect![[r#"
        "A/CONF.157/24 (Part I)" → A/CONF.157/24 (Part I) [symbol] #"A/CONF.157/24 (Part I)"
    "#]],
    );
    check(
        "Voir Documents officiels de l'Assemblée générale, soixante et onzième session, Supplément no 53 (A/71/53), chap. V, sect. A.",
        Lang::Fr,
        Some(Organ::Hrc),
        expect![[r#"
            "A/71/53" → A/71/53 [symbol] #"A/71/53"
        "#]],
    );
    check(
        "See resolution 2200 A (XXI), annex.",
        Lang::En,
        Some(Organ::Ga),
        expect![[r#"
        "resolution 2200 A (XXI)" → A/RES/2200 A (XXI) #"2200 A (XXI)"
    "#]],
    );
    check(
        "Véase la resolución 2200 A (XXI), anexo.",
        Lang::Es,
        Some(Organ::Ga),
        expect![[r#"
        "resolución 2200 A (XXI)" → A/RES/2200 A (XXI) #"2200 A (XXI)"
    "#]],
    );
    check(
        "Resolución 70/1 de la Asamblea General.",
        Lang::Es,
        Some(Organ::Ecosoc),
        expect![[r#"
        "Resolución 70/1 de la Asamblea General" → A/RES/70/1 #"70/1"
    "#]],
    );
}

#[test]
fn security_council_numbers_without_year() {
    // Read where the Council is named, before or after the number (or the list it ends).
    check(
        "« é » 𝔄 Recalling Security Council resolution 2334 of 23 December 2016, Security Council resolutions 1325 and 1820, \
         resolutions 1267 and 1989 of the Security Council, and the Security Council resolution 2334;",
        Lang::En,
        Some(Organ::Ga),
        expect![[r#"
            "Security Council resolution 2334 of 23 December 2016" → S/RES/2334 #"2334" @2016-12-23 "23 December 2016"
            "Security Council resolutions 1325" → S/RES/1325 #"1325"
            "1820" → S/RES/1820 #"1820"
            "resolutions 1267" → S/RES/1267 #"1267"
            "1989 of the Security Council" → S/RES/1989 #"1989"
            "Security Council resolution 2334" → S/RES/2334 #"2334"
        "#]],
    );
    check(
        "« é » 𝔄 Rappelant la résolution 2334 du Conseil de sécurité, en date du 23 décembre 2016, \
         les résolutions du Conseil de sécurité 1325 et 1820 et les résolutions 2334 (2016) et 2396 du Conseil de sécurité.",
        Lang::Fr,
        Some(Organ::Ga),
        expect![[r#"
            "résolution 2334 du Conseil de sécurité, en date du 23 décembre 2016" → S/RES/2334 #"2334" @2016-12-23 "23 décembre 2016"
            "résolutions du Conseil de sécurité 1325" → S/RES/1325 #"1325"
            "1820" → S/RES/1820 #"1820"
            "résolutions 2334 (2016)" → S/RES/2334 (2016) #"2334 (2016)"
            "2396 du Conseil de sécurité" → S/RES/2396 #"2396"
        "#]],
    );
    check(
        "ñ 𝔄 Recordando la resolución 2334 del Consejo de Seguridad, de 23 de diciembre de 2016, \
         y las resoluciones 1325 y 1820 del Consejo de Seguridad;",
        Lang::Es,
        Some(Organ::Ga),
        expect![[r#"
            "resolución 2334 del Consejo de Seguridad, de 23 de diciembre de 2016" → S/RES/2334 #"2334" @2016-12-23 "23 de diciembre de 2016"
            "resoluciones 1325" → S/RES/1325 #"1325"
            "1820 del Consejo de Seguridad" → S/RES/1820 #"1820"
        "#]],
    );
    // Not where no Council is named, nor after a number with its year, nor for another body.
    for (text, lang) in [
        ("its resolution 2334 of 23 December 2016 and resolution 1 of 2 May 2000", Lang::En),
        ("Security Council resolution 1325 (2000) and 15 years of work", Lang::En),
        ("Security Council resolution 2,000 and resolution 1.5", Lang::En),
        ("la résolution 2334 de l’Assemblée générale et la résolution 12 du Conseil exécutif", Lang::Fr),
        ("su resolución 2334, de 23 de diciembre de 2016", Lang::Es),
    ] {
        let out = render(text, lang, Some(Organ::Sc));
        let yearless = out
            .lines()
            .filter_map(|l| l.split(" → ").nth(1)?.split(" #").next())
            .any(|sym| sym.starts_with("S/RES/") && !sym.ends_with(')'));
        assert!(!yearless, "{text}: {out}");
    }
}

#[test]
fn not_citations() {
    for (text, lang) in [
        ("paragraph 70/1, open 24/7, decision 72/544, la décision 72/544, la decisión 72/544", Lang::En),
        ("https://undocs.org/A/RES/70/1 and https://undocs.org/fr/S/RES/2334(2016)", Lang::En),
        ("resolution 1, annexes I and II; resolution 563 by the African Commission", Lang::En),
        ("the resolution of the conflict, 70/1 people; resolutions adopted", Lang::En),
        ("résolution 1988 (ci-après « le Comité »)", Lang::Fr),
        ("resolution 24/7/365 and resolution 70/1x", Lang::En),
        ("la résolution 70/1 en anglais", Lang::Es),
    ] {
        assert_eq!(render(text, lang, Some(Organ::Ga)), "", "{text}");
    }
}

#[test]
fn symbols_are_citations_too_without_overlap() {
    check(
        "resolution A/RES/61/171 and A/72/439/Add.2; its resolution 70/1 (A/RES/70/1)",
        Lang::En,
        Some(Organ::Ga),
        expect![[r#"
            "resolution A/RES/61/171" → A/RES/61/171 #"A/RES/61/171"
            "A/72/439/Add.2" → A/72/439/Add.2 [symbol] #"A/72/439/Add.2"
            "its resolution 70/1" → A/RES/70/1 #"70/1"
            "A/RES/70/1" → A/RES/70/1 [symbol] #"A/RES/70/1"
        "#]],
    );
}

#[test]
fn odd_inputs_never_panic() {
    let texts = [
        "resolution",
        "resolution ",
        "résolution 70/",
        "resolución 70/1, de",
        "resolution 70/1 of 31 February 2015",
        "resolution 70/1, entitled “never closed",
        "resolution 70/1 A to",
        "résolutions 3419 A à (XXX)",
        "résolutions 70/1 et 𝔄",
        "résolution 70/1 du 1er",
        "resolution 1 (1946) of 1 January 1946 entitled ''",
        "\u{feff}resolution\u{a0}70/1\u{202f}of 1 May 2000",
        "Resolution\r\n70/1\r\nof\r\n1 May\r\n2000",
    ];
    for t in texts {
        for lang in [Lang::En, Lang::Fr, Lang::Es] {
            for organ in [None, Some(Organ::Ga), Some(Organ::Sc), Some(Organ::Hrc), Some(Organ::Ecosoc)] {
                let _ = render(t, lang, organ);
            }
        }
    }
    // Every prefix of a rich text, cut at char boundaries.
    let text =
        "sa résolution 72/1 du 1er janvier 2018, intitulée « Transformer 𝔄 » et ses résolutions 3419 A à D (XXX)";
    for (i, _) in text.char_indices() {
        let _ = render(&text[..i], Lang::Fr, Some(Organ::Ga));
    }
}
