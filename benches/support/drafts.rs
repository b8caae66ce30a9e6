//! A deterministic generator of large, correct resolution drafts for the benchmarks.
//!
//! `draft(lang, bytes, seed)` writes a General Assembly draft in English, French or Spanish of
//! about `bytes` bytes (never less): front matter, title, organ formula, preambular paragraphs
//! with italic openers, operative paragraphs with sub-paragraphs `(a)`/`a)` and `(i)`/`i)`,
//! footnote indicators and bodies, citations ("its resolution 70/1 of 25 September 2015",
//! « sa résolution 70/1 du 25 septembre 2015 », "A/RES/70/1", "S/RES/2334 (2016)"),
//! cross-references ("paragraph 5 above"), closing lines, then as many annexes as the size
//! needs (each annex is a new numbering scope, so no scope exceeds 999 paragraphs), then the
//! footnote bodies. The text has é « » ñ ’ and the astral character 𝔄 (two UTF-16 units).
//!
//! The drafts are meant to be clean: `resolution-ls check` reports nothing on them (the micro
//! benchmark verifies this before timing), so that the diagnostics the benchmarks see come
//! from their edits. The same `(lang, bytes, seed)` always gives the same text.
//!
//! Shared by `benches/latency.rs` and `benches/micro.rs` (`#[path = "support/drafts.rs"] mod drafts;`);
//! not part of the crate.

#![allow(dead_code)]

use std::fmt::Write as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Fr,
    Es,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Fr, Lang::Es];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Es => "es",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }
}

/// Byte offsets of places the benchmarks edit or query. All are offsets into `Draft::text`.
#[derive(Debug, Clone, Default)]
pub struct Marks {
    /// Inside the text of the first preambular paragraph (between two words).
    pub start_edit: usize,
    /// Inside the first line of a paragraph near the middle of the text, after an é, a ñ or
    /// a « and after a 𝔄 on the same line (so UTF-16 columns differ from characters).
    pub middle_edit: usize,
    /// Inside the last footnote body, before its final full stop.
    pub end_edit: usize,
    /// The first digit of the number of the paragraph near the middle ("57." → the "5").
    pub para_number: usize,
    /// The number written there, e.g. 57.
    pub para_number_value: u32,
    /// Inside the opening verb of paragraph 3 of the resolution, after "*Enc" ("*Ali" in
    /// Spanish): lexicon completion gives the verbs that start so.
    pub completion_lexicon: usize,
    /// Right after the "*" that opens paragraph 3's verb: every operative verb is offered.
    pub completion_lexicon_all: usize,
    /// Right after "resolution 70/" in "its resolution 70/1 of 25 September 2015".
    pub completion_citation: usize,
    /// Right after "A/RES/7" in a footnote body "[^k]: A/RES/70/1.".
    pub completion_symbol: usize,
    /// Inside a footnote indicator "[^k]" of the paragraph near the middle.
    pub hover_footnote: usize,
    /// Inside the number "70/1" of a citation in the paragraph near the middle.
    pub hover_citation: usize,
}

#[derive(Debug, Clone)]
pub struct Draft {
    pub lang: Lang,
    pub text: String,
    pub marks: Marks,
    pub operative_paragraphs: usize,
    pub annexes: usize,
    pub footnotes: usize,
}

/// SplitMix64: small, fast, and the same on every platform.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    /// One of some static strings.
    pub fn pick_str(&mut self, items: &[&'static str]) -> &'static str {
        items[self.below(items.len())]
    }
    /// True with probability `pct` percent.
    pub fn chance(&mut self, pct: u64) -> bool {
        self.next() % 100 < pct
    }
}

/// The words of one language.
struct Vocab {
    front_organ: &'static str,
    symbol_line: &'static str,
    title: &'static str,
    organ: &'static str,
    preambular: &'static [&'static str],
    operative: &'static [&'static str],
    /// Clauses that follow an opener; they start in lower case.
    clauses: &'static [&'static str],
    /// Clauses that carry non-ASCII text and 𝔄.
    rich: &'static [&'static str],
    /// Sub-paragraph texts (capitalised).
    items: &'static [&'static str],
    joiners: &'static [&'static str],
    /// "its resolution 70/1 of 25 September 2015, entitled “…”" and equivalents.
    citation_ga: &'static str,
    /// A shorter citation whose number the middle paragraph carries.
    citation_short: &'static str,
    citation_sc: &'static str,
    /// "paragraph {} above".
    crossref: &'static str,
    crossref_annex: &'static str,
    /// Space before ; and : (French).
    space: &'static str,
    closing: &'static str,
    annex: &'static str,
    annex_title: &'static str,
    annex_items: &'static [&'static str],
    footnotes: &'static [&'static str],
    final_clause: &'static str,
}

const EN: Vocab = Vocab {
    front_organ: "ga",
    symbol_line: "80/250",
    title: "Strengthening international cooperation on ocean science, data and sustainable development",
    organ: "The General Assembly,",
    preambular: &[
        "Recalling",
        "Reaffirming",
        "Noting",
        "Recognizing",
        "Welcoming",
        "Stressing",
        "Bearing in mind",
        "Concerned",
        "Recalling also",
        "Noting with appreciation",
    ],
    operative: &[
        "Decides",
        "Requests",
        "Calls upon",
        "Encourages",
        "Urges",
        "Invites",
        "Emphasizes",
        "Also requests",
        "Further encourages",
    ],
    clauses: &[
        "the importance of international cooperation in ocean science and in the sharing of data and research results",
        "Member States to strengthen their national capacities for the collection, analysis and dissemination of marine data",
        "the entities of the United Nations system, within their respective mandates and existing resources, to support national strategies",
        "the need to ensure the full, equal and meaningful participation of women and young people in scientific research",
        "the Secretary-General to submit to it at its eighty-second session a report on the implementation of the present resolution",
        "the contribution of regional organizations and of the Intergovernmental Oceanographic Commission to capacity-building",
        "that the transfer of marine technology on fair and reasonable terms remains essential for developing countries",
        "the continuing effects of climate change on coastal communities and on the marine environment",
        "all relevant stakeholders to take part in the preparations for the third United Nations Ocean Conference",
        "the close links between the health of the ocean, food security and the livelihoods of coastal populations",
    ],
    rich: &[
        "the work of the observatories in Côte d’Ivoire, São Tomé and Príncipe and Curaçao, including the 𝔄-series of coastal measurements",
        "the results of the Año Internacional surveys, the “Décennie” programme and the 𝔄 index of marine biodiversity",
    ],
    items: &[
        "Sharing data and research results openly and in a timely manner",
        "Supporting the development of scientific capacity in developing countries",
        "Integrating ocean science into national sustainable development plans",
        "Strengthening regional networks of marine research institutions",
        "Promoting the participation of women scientists, including in Côte d’Ivoire",
        "Training programmes for young researchers",
        "The transfer of marine technology on fair and reasonable terms",
        "Cooperation with the 𝔄-series observatories",
    ],
    joiners: &["including", "in particular", "and stresses in this regard", "and notes"],
    citation_ga: "its resolution 70/1 of 25 September 2015, entitled “Transforming our world: the 2030 Agenda for Sustainable Development”",
    citation_short: "its resolution 70/1 of 25 September 2015",
    citation_sc: "Security Council resolution 2334 (2016)",
    crossref: "paragraph {} above",
    crossref_annex: "paragraph {} of the present annex",
    space: "",
    closing: "52nd plenary meeting\n1 December 2025",
    annex: "Annex",
    annex_title: "Programme of action on ocean science for sustainable development, part",
    annex_items: &[
        "States should establish national focal points for ocean data and share their data through open repositories",
        "The secretariat shall prepare a biennial summary of the measures taken, including in Côte d’Ivoire and São Tomé and Príncipe",
        "Regional organizations are invited to coordinate their programmes with the 𝔄-series observatories",
        "Capacity-building shall respond to the needs identified by developing countries themselves",
        "Data shall be made available in formats that allow their reuse by all interested parties",
    ],
    footnotes: &[
        "A/RES/70/1.",
        "See A/80/72, para. 15.",
        "United Nations, *Treaty Series*, vol. 1833, No. 31363.",
        "S/RES/2334 (2016).",
        "*Official Records of the General Assembly, Eightieth Session, Supplement No. 53* (A/80/53), chap. V.",
        "See resolution 70/1, annex, para. 14.",
    ],
    final_clause: "to include in the provisional agenda of its eighty-second session the item entitled “Oceans and the law of the sea”",
};

const FR: Vocab = Vocab {
    front_organ: "ga",
    symbol_line: "80/250",
    title: "Renforcement de la coopération internationale en matière de sciences océaniques, de données et de développement durable",
    organ: "L’Assemblée générale,",
    preambular: &[
        "Rappelant",
        "Réaffirmant",
        "Notant",
        "Reconnaissant",
        "Se félicitant",
        "Soulignant",
        "Consciente",
        "Préoccupée",
        "Rappelant également",
        "Notant avec satisfaction",
    ],
    operative: &["Décide", "Prie", "Engage", "Encourage", "Invite", "Souligne", "Prie également", "Encourage en outre"],
    clauses: &[
        "l’importance de la coopération internationale dans le domaine des sciences océaniques et de l’échange de données",
        "les États Membres à renforcer leurs capacités nationales de collecte, d’analyse et de diffusion des données marines",
        "les entités du système des Nations Unies, dans le cadre de leurs mandats respectifs et des ressources existantes, à appuyer les stratégies nationales",
        "qu’il faut assurer la participation pleine, égale et véritable des femmes et des jeunes à la recherche scientifique",
        "le Secrétaire général de lui présenter à sa quatre-vingt-deuxième session un rapport sur l’application de la présente résolution",
        "la contribution des organisations régionales et de la Commission océanographique intergouvernementale au renforcement des capacités",
        "que le transfert de techniques marines à des conditions justes et raisonnables demeure essentiel pour les pays en développement",
        "les effets persistants des changements climatiques sur les communautés côtières et sur le milieu marin",
        "toutes les parties prenantes à participer aux préparatifs de la troisième Conférence des Nations Unies sur les océans",
        "les liens étroits entre la santé de l’océan, la sécurité alimentaire et les moyens de subsistance des populations côtières",
    ],
    rich: &[
        "les travaux des observatoires de Côte d’Ivoire, de São Tomé-et-Príncipe et de Curaçao, dont la série 𝔄 de mesures côtières",
        "les résultats des enquêtes « Año Internacional », du programme « Décennie » et de l’indice 𝔄 de la biodiversité marine",
    ],
    items: &[
        "L’échange ouvert et rapide des données et des résultats de la recherche",
        "L’appui au renforcement des capacités scientifiques des pays en développement",
        "L’intégration des sciences océaniques dans les plans nationaux de développement durable",
        "Le renforcement des réseaux régionaux d’instituts de recherche marine",
        "La participation des femmes scientifiques, notamment en Côte d’Ivoire",
        "Les programmes de formation des jeunes chercheurs",
        "Le transfert de techniques marines à des conditions justes et raisonnables",
        "La coopération avec les observatoires de la série 𝔄",
    ],
    joiners: &["notamment", "en particulier", "et souligne à cet égard", "et note"],
    citation_ga: "sa résolution 70/1 du 25 septembre 2015, intitulée « Transformer notre monde : le Programme de développement durable à l’horizon 2030 »",
    citation_short: "sa résolution 70/1 du 25 septembre 2015",
    citation_sc: "la résolution 2334 (2016) du Conseil de sécurité",
    crossref: "paragraphe {} ci-dessus",
    crossref_annex: "paragraphe {} de la présente annexe",
    space: " ",
    closing: "52e séance plénière\n1er décembre 2025",
    annex: "Annexe",
    annex_title: "Programme d’action sur les sciences océaniques au service du développement durable, partie",
    annex_items: &[
        "Les États devraient désigner des points focaux nationaux pour les données océaniques et partager leurs données",
        "Le secrétariat établit tous les deux ans un résumé des mesures prises, notamment en Côte d’Ivoire et à São Tomé-et-Príncipe",
        "Les organisations régionales sont invitées à coordonner leurs programmes avec les observatoires de la série 𝔄",
        "Le renforcement des capacités répond aux besoins recensés par les pays en développement eux-mêmes",
        "Les données sont publiées dans des formats qui permettent leur réutilisation par toutes les parties intéressées",
    ],
    footnotes: &[
        "A/RES/70/1.",
        "Voir A/80/72, par. 15.",
        "Nations Unies, *Recueil des Traités*, vol. 1833, no 31363.",
        "S/RES/2334 (2016).",
        "*Documents officiels de l’Assemblée générale, quatre-vingtième session, Supplément no 53* (A/80/53), chap. V.",
        "Voir la résolution 70/1, annexe, par. 14.",
    ],
    final_clause: "d’inscrire à l’ordre du jour provisoire de sa quatre-vingt-deuxième session la question intitulée « Les océans et le droit de la mer »",
};

const ES: Vocab = Vocab {
    front_organ: "ga",
    symbol_line: "80/250",
    title: "Fortalecimiento de la cooperación internacional en materia de ciencias oceánicas, datos y desarrollo sostenible",
    organ: "La Asamblea General,",
    preambular: &[
        "Recordando",
        "Reafirmando",
        "Observando",
        "Reconociendo",
        "Acogiendo con beneplácito",
        "Destacando",
        "Teniendo presente",
        "Preocupada",
        "Recordando también",
        "Observando con aprecio",
    ],
    operative: &["Decide", "Solicita", "Exhorta", "Alienta", "Invita", "Insta", "Solicita también", "Alienta además"],
    clauses: &[
        "la importancia de la cooperación internacional en las ciencias oceánicas y en el intercambio de datos",
        "a los Estados Miembros a que fortalezcan su capacidad nacional de reunión, análisis y difusión de datos marinos",
        "a las entidades del sistema de las Naciones Unidas a que, en el marco de sus mandatos y de los recursos existentes, apoyen las estrategias nacionales",
        "la necesidad de asegurar la participación plena, igualitaria y significativa de las mujeres y los jóvenes en la investigación científica",
        "al Secretario General que le presente en su octogésimo segundo período de sesiones un informe sobre la aplicación de la presente resolución",
        "la contribución de las organizaciones regionales y de la Comisión Oceanográfica Intergubernamental a la creación de capacidad",
        "que la transferencia de tecnología marina en condiciones justas y razonables sigue siendo esencial para los países en desarrollo",
        "los efectos persistentes del cambio climático en las comunidades costeras y en el medio marino",
        "a todas las partes interesadas a que participen en los preparativos de la tercera Conferencia de las Naciones Unidas sobre los Océanos",
        "los estrechos vínculos entre la salud del océano, la seguridad alimentaria y los medios de vida de las poblaciones costeras",
    ],
    rich: &[
        "la labor de los observatorios de Côte d’Ivoire, Santo Tomé y Príncipe y Curazao, incluida la serie 𝔄 de mediciones costeras de la niñez",
        "los resultados de las encuestas del Año Internacional, del programa «Decenio» y del índice 𝔄 de la diversidad biológica marina española",
    ],
    items: &[
        "Intercambiar datos y resultados de investigación de manera abierta y oportuna",
        "Apoyar el desarrollo de la capacidad científica de los países en desarrollo",
        "Integrar las ciencias oceánicas en los planes nacionales de desarrollo sostenible",
        "Fortalecer las redes regionales de instituciones de investigación marina",
        "Promover la participación de las científicas, incluso en Côte d’Ivoire y España",
        "Los programas de formación para jóvenes investigadores",
        "La transferencia de tecnología marina en condiciones justas y razonables",
        "La cooperación con los observatorios de la serie 𝔄",
    ],
    joiners: &["incluso", "en particular", "y destaca a este respecto", "y observa"],
    citation_ga: "su resolución 70/1, de 25 de septiembre de 2015, titulada “Transformar nuestro mundo: la Agenda 2030 para el Desarrollo Sostenible”",
    citation_short: "su resolución 70/1, de 25 de septiembre de 2015",
    citation_sc: "la resolución 2334 (2016) del Consejo de Seguridad",
    crossref: "párrafo {} supra",
    crossref_annex: "párrafo {} del presente anexo",
    space: "",
    closing: "52ª sesión plenaria\n1 de diciembre de 2025",
    annex: "Anexo",
    annex_title: "Programa de acción sobre las ciencias oceánicas para el desarrollo sostenible, parte",
    annex_items: &[
        "Los Estados deberían designar centros nacionales de coordinación para los datos oceánicos y compartir sus datos",
        "La secretaría preparará cada dos años un resumen de las medidas adoptadas, incluso en Côte d’Ivoire y en Santo Tomé y Príncipe",
        "Se invita a las organizaciones regionales a que coordinen sus programas con los observatorios de la serie 𝔄",
        "La creación de capacidad responderá a las necesidades determinadas por los propios países en desarrollo",
        "Los datos se publicarán en formatos que permitan su reutilización por todas las partes interesadas de la región andina y del mar Caribe, en español y en los demás idiomas, con la señal ñ",
    ],
    footnotes: &[
        "A/RES/70/1.",
        "Véase A/80/72, párr. 15.",
        "Naciones Unidas, *Treaty Series*, vol. 1833, núm. 31363.",
        "S/RES/2334 (2016).",
        "*Documentos Oficiales de la Asamblea General, octogésimo período de sesiones, Suplemento núm. 53* (A/80/53), cap. V.",
        "Véase la resolución 70/1, anexo, párr. 14.",
    ],
    final_clause: "incluir en el programa provisional de su octogésimo segundo período de sesiones el tema titulado “Los océanos y el derecho del mar”",
};

fn vocab(lang: Lang) -> &'static Vocab {
    match lang {
        Lang::En => &EN,
        Lang::Fr => &FR,
        Lang::Es => &ES,
    }
}

const ROMAN: [(u32, &str); 9] =
    [(100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];

fn roman(mut n: u32) -> String {
    let mut out = String::new();
    for (v, s) in ROMAN {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

fn lower_roman(n: u32) -> String {
    roman(n).to_lowercase()
}

struct Writer {
    lang: Lang,
    v: &'static Vocab,
    rng: Rng,
    out: String,
    notes: Vec<String>,
    notes_len: usize,
}

impl Writer {
    /// `[^k]` with a body chosen now (bodies are written at the end, in order).
    fn footnote(&mut self) {
        let k = self.notes.len() + 1;
        let body = self.rng.pick(self.v.footnotes).to_string();
        self.notes_len += body.len() + 12;
        self.notes.push(body);
        let _ = write!(self.out, "[^{k}]");
    }

    /// Space before ; and : in French.
    fn punct(&mut self, c: char) {
        if matches!(c, ';' | ':') {
            self.out.push_str(self.v.space);
        }
        self.out.push(c);
    }

    fn clause(&mut self) -> &'static str {
        self.rng.pick_str(self.v.clauses)
    }

    /// Body text after an opener: one to three clauses, sometimes a citation or footnote.
    fn body(&mut self, citations: bool) {
        let c = self.clause();
        self.out.push_str(c);
        for _ in 0..self.rng.below(3) {
            let j = *self.rng.pick(self.v.joiners);
            let c = self.clause();
            let _ = write!(self.out, ", {j} {c}");
        }
        if citations && self.rng.chance(15) {
            let cite = if self.rng.chance(60) { self.v.citation_short } else { self.v.citation_sc };
            let _ = write!(self.out, ", {} {}", self.rng.pick(self.v.joiners), cite);
        }
        if self.rng.chance(35) {
            self.footnote();
        }
    }

    fn sub_items(&mut self, indent: &str, count: usize, roman_level: bool, last_end: char) {
        for i in 0..count {
            let label = if roman_level { lower_roman(i as u32 + 1) } else { ((b'a' + i as u8) as char).to_string() };
            let label = match self.lang {
                Lang::En => format!("({label})"),
                _ => format!("{label})"),
            };
            let item = *self.rng.pick(self.v.items);
            let _ = write!(self.out, "\n{indent}{label} {item}");
            let nested = !roman_level && i == 1 && count > 2 && self.rng.chance(40);
            if nested {
                self.punct(':');
                let count = 2 + self.rng.below(2);
                self.sub_items(&format!("{indent}   "), count, true, ';');
            } else if i + 1 == count {
                self.punct(last_end);
            } else {
                self.punct(';');
            }
        }
    }
}

/// A draft of at least `bytes` bytes.
pub fn draft(lang: Lang, bytes: usize, seed: u64) -> Draft {
    let v = vocab(lang);
    let mut w = Writer {
        lang,
        v,
        rng: Rng::new(seed),
        out: String::with_capacity(bytes + 64 * 1024),
        notes: Vec::new(),
        notes_len: 0,
    };
    let mut marks = Marks::default();
    let _ = write!(
        w.out,
        "---\nlang: {}\norgan: {}\nsymbol: A/RES/{}\n---\n{}. {}\n\n{}\n\n",
        lang.code(),
        v.front_organ,
        v.symbol_line,
        v.symbol_line,
        v.title,
        v.organ
    );

    // Preamble.
    let preamble = 12 + (bytes / 200_000).min(18);
    for i in 0..preamble {
        let opener = if i == 0 { v.preambular[0] } else { *w.rng.pick(v.preambular) };
        let _ = write!(w.out, "*{opener}* ");
        if i == 0 {
            w.out.push_str(v.citation_ga);
            marks.completion_citation = w.out.find("70/1").expect("citation") + 3;
            w.out.push_str(", ");
            let c = w.clause();
            let (head, tail) = c.split_at(c.find(' ').unwrap_or(0) + 1);
            w.out.push_str(head);
            marks.start_edit = w.out.len();
            w.out.push_str(tail);
        } else {
            w.body(true);
        }
        w.out.push_str(",\n\n");
    }

    // Operative part of the resolution: one numbering scope, at most 999 paragraphs.
    let main_paras = (bytes / 2_000).clamp(20, 150);
    let middle_target = bytes / 2;
    let mut middle_done = false;
    let paragraph = |w: &mut Writer, n: u32, last: bool, annex: bool, marks: &mut Marks, middle: bool| {
        let start = w.out.len();
        let _ = write!(w.out, "{n}. ");
        if middle {
            marks.para_number = start;
            marks.para_number_value = n;
        }
        if !annex {
            // Paragraph 3 always opens with the same verb ("Encourages"), for lexicon completion.
            let opener = if last {
                v.operative[0]
            } else if n == 3 {
                v.operative[3]
            } else {
                *w.rng.pick(v.operative)
            };
            let _ = write!(w.out, "*{opener}* ");
        }
        if last {
            w.out.push_str(v.final_clause);
            w.punct('.');
            return;
        }
        if middle {
            // é/ñ/« and 𝔄 before the edit point, a citation and a footnote indicator after it.
            let rich = *w.rng.pick(v.rich);
            let rich = if annex { capitalise(rich) } else { rich.to_string() };
            w.out.push_str(&rich);
            w.out.push(' ');
            marks.middle_edit = w.out.len();
            let _ = write!(w.out, "{} {}", v.joiners[0], v.citation_short);
            marks.hover_citation = w.out.len() - v.citation_short.len() + v.citation_short.find("70/1").unwrap() + 1;
            let fn_start = w.out.len();
            w.footnote();
            marks.hover_footnote = fn_start + 2;
        } else if annex {
            w.out.push_str(w.rng.pick_str(v.annex_items));
            if w.rng.chance(30) {
                w.footnote();
            }
        } else {
            w.body(true);
        }
        if n > 2 && w.rng.chance(12) {
            let k = 1 + w.rng.below(n as usize - 1);
            let pattern = if annex && w.rng.chance(50) { v.crossref_annex } else { v.crossref };
            let _ = write!(w.out, ", {} {}", v.joiners[1], pattern.replace("{}", &k.to_string()));
        }
        if !middle && w.rng.chance(25) {
            w.punct(':');
            let count = 2 + w.rng.below(3);
            w.sub_items("   ", count, false, if annex { '.' } else { ';' });
        } else {
            w.punct(if annex { '.' } else { ';' });
        }
    };

    for n in 1..=main_paras as u32 {
        let middle = !middle_done && w.out.len() >= middle_target && (n as usize) < main_paras;
        middle_done |= middle;
        if n == 3 {
            // Lexicon completion inside this paragraph's verb.
            let at = w.out.len() + format!("{n}. *").len();
            paragraph(&mut w, n, false, false, &mut marks, middle);
            marks.completion_lexicon_all = at;
            marks.completion_lexicon = at + 3;
        } else {
            paragraph(&mut w, n, n as usize == main_paras, false, &mut marks, middle);
        }
        w.out.push_str("\n\n");
    }
    let _ = write!(w.out, "{}\n\n", v.closing);

    // Annexes until the size is reached.
    let mut annexes = 0u32;
    let mut total_paras = main_paras;
    let per_annex = 150;
    while w.out.len() + w.notes_len < bytes {
        annexes += 1;
        let _ = write!(w.out, "{} {}\n\n{} {}\n\n", v.annex, roman(annexes), v.annex_title, roman(annexes));
        for n in 1..=per_annex {
            if w.out.len() + w.notes_len >= bytes && n > 3 {
                break;
            }
            let middle = !middle_done && w.out.len() >= middle_target;
            middle_done |= middle;
            paragraph(&mut w, n, false, true, &mut marks, middle);
            w.out.push_str("\n\n");
            total_paras += 1;
        }
    }
    if !middle_done {
        // A small draft: the middle paragraph is the resolution's second.
        let text = w.out.clone();
        marks.para_number = text.find("\n\n2. ").unwrap() + 2;
        marks.para_number_value = 2;
    }

    // Footnote bodies, the last one with a symbol for completion.
    if w.notes.is_empty() {
        w.out.truncate(w.out.len() - 2);
        w.footnote();
        w.out.push_str("\n\n");
    }
    w.notes.last_mut().unwrap().replace_range(.., "A/RES/70/1.");
    let count = w.notes.len();
    for (i, body) in w.notes.iter().enumerate() {
        let _ = writeln!(w.out, "[^{}]: {}", i + 1, body);
        if i + 1 == count {
            let line = w.out.len() - body.len() - 1;
            marks.completion_symbol = line + "A/RES/7".len();
            marks.end_edit = w.out.len() - 2;
        }
    }
    if marks.middle_edit == 0 {
        // No middle paragraph was written (tiny drafts): fall back to the start.
        marks.middle_edit = marks.start_edit;
        marks.hover_citation = marks.completion_citation - 1;
        marks.hover_footnote = marks.start_edit;
    }
    Draft { lang, text: w.out, marks, operative_paragraphs: total_paras, annexes: annexes as usize, footnotes: count }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The (line, UTF-16 column) of a byte offset, as an LSP client computes it.
pub fn utf16_position(text: &str, offset: usize) -> (u32, u32) {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.bytes().filter(|&b| b == b'\n').count();
    let col = before[line_start..].encode_utf16().count();
    (line as u32, col as u32)
}
