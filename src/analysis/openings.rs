//! The opening phrase of a paragraph, recognised with the lexicon and cached in the block (so a
//! block that an edit does not touch is not matched again).

use crate::lexicon::{self, Concept, Form, Kind};
use crate::syntax::{Block, Lang, OpeningSummary, Role, Span, Structure};

fn slot(lang: Lang, kind: Kind) -> usize {
    let l = match lang {
        Lang::En => 0,
        Lang::Fr => 1,
        Lang::Es => 2,
    };
    l * 2 + usize::from(kind == Kind::Operative)
}

/// The opening phrase of a paragraph block for a language and kind (absolute span).
pub fn opening(block: &Block, lang: Lang, kind: Kind) -> Option<OpeningSummary> {
    let lead = block.data.lead.as_ref()?;
    let cached = block.data.openings.0[slot(lang, kind)].get_or_init(|| {
        let o = lexicon::lexicon().match_opening(&lead.text, lang, kind)?;
        let form = o.concept.forms(lang).iter().position(|f| std::ptr::eq(f, o.form))?;
        Some(OpeningSummary {
            concept_id: o.concept.id.clone(),
            form,
            span: o.span.shift(lead.offset),
            italic: o.italic,
        })
    });
    cached.clone().map(|mut o| {
        o.span = block.abs(o.span);
        o
    })
}

/// The concept and form of a summary.
pub fn resolve(o: &OpeningSummary, lang: Lang) -> Option<(&'static Concept, &'static Form)> {
    let c = lexicon::lexicon().concept(&o.concept_id)?;
    Some((c, c.forms(lang).get(o.form)?))
}

/// The kind of opener a block's role calls for, if any.
pub fn kind_of(role: Role) -> Option<Kind> {
    match role {
        Role::Preambular => Some(Kind::Preambular),
        Role::Operative { scope: 0 } | Role::Unnumbered { scope: 0 } => Some(Kind::Operative),
        _ => None,
    }
}

/// Roles as the drafting rules see them: a document whose operative part is one unnumbered
/// paragraph (ECOSOC 2022/16: "*Fait* les recommandations suivantes … :") has its last
/// "preambular" block opening with an operative verb and no preambular one; that block is the
/// operative part.
///
/// A short unpunctuated line in the preamble that opens with no known phrase ("Mesures"
/// before paragraph 1) is a section heading, not a preambular paragraph.
pub fn drafting_roles(blocks: &[Block], structure: &Structure) -> Vec<Role> {
    let mut roles = structure.roles.clone();
    for (b, r) in blocks.iter().zip(roles.iter_mut()) {
        *r = drafting_role(b, *r, structure);
    }
    let has_numbered = roles.iter().any(|r| matches!(r, Role::Operative { scope: 0 }));
    if has_numbered {
        return roles;
    }
    let Some(lang) = structure.lang else { return roles };
    if let Some(i) = roles.iter().rposition(|r| *r == Role::Preambular) {
        let b = &blocks[i];
        if opening(b, lang, Kind::Operative).is_some() && opening(b, lang, Kind::Preambular).is_none() {
            roles[i] = Role::Unnumbered { scope: 0 };
        }
    }
    roles
}

/// A block's role as the drafting rules see it, but for the one-unnumbered-paragraph case of
/// [`drafting_roles`]: a heading-like line in the preamble that opens with no preambular
/// phrase is a heading.
pub fn drafting_role(b: &Block, role: Role, structure: &Structure) -> Role {
    if role == Role::Preambular
        && b.data.heading_like
        && structure.lang.is_none_or(|l| opening(b, l, Kind::Preambular).is_none())
    {
        Role::Heading
    } else {
        role
    }
}

/// The span of a block's lead text: where an unknown opening is reported.
pub fn lead_words(block: &Block, words: usize) -> Option<Span> {
    let lead = block.data.lead.as_ref()?;
    let text = &lead.text;
    let start = text.len() - text.trim_start_matches([' ', '\t', '\u{a0}', '*', '_']).len();
    let mut end = start;
    for (n, w) in text[start..].split_inclusive(char::is_whitespace).enumerate() {
        if n == words {
            break;
        }
        end += w.len();
    }
    let trimmed = text[..end].trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | ',' | ';' | ':'));
    (trimmed.len() > start).then(|| block.abs(Span::new(lead.offset + start, lead.offset + trimmed.len())))
}
