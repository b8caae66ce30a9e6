//! The document-level pass: reads the block summaries in order and gives each block a role.

use super::{Block, Head, Lang, Organ};

/// What a block is in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    FrontMatter,
    /// A line before the organ formula (masthead, symbol, title, SC adoption line) or a `#` heading.
    Heading,
    OrganFormula,
    Preambular,
    /// A numbered (or "3 bis") paragraph. Scope 0 is the resolution, 1.. its annexes.
    Operative {
        scope: u32,
    },
    /// Unnumbered text after the preamble: a section heading ("Measures"), an unnumbered
    /// operative paragraph, annex prose.
    Unnumbered {
        scope: u32,
    },
    /// A block that starts with a sub-paragraph label: it continues the paragraph before it.
    SubParagraphs {
        scope: u32,
    },
    /// The "Annex" heading: opens a new paragraph-numbering scope.
    Annex {
        scope: u32,
    },
    /// Adoption lines, dates and votes after the operative part.
    Closing,
    Footnotes,
    /// HTML comments only (settings, drafting notes): no paragraph.
    Comment,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Structure {
    pub lang: Option<Lang>,
    pub organ: Option<Organ>,
    pub symbol: Option<String>,
    pub organ_block: Option<usize>,
    pub roles: Vec<Role>,
}

impl Structure {
    pub fn new(blocks: &[Block]) -> Structure {
        let mut s = Structure::default();
        let has_front = blocks.first().is_some_and(|b| b.start == 0 && b.data.head == Head::FrontMatter);
        if has_front {
            for e in &blocks[0].data.front_matter {
                match e.key.as_str() {
                    "lang" | "language" => s.lang = Lang::from_code(&e.value),
                    "organ" => s.organ = Organ::from_code(&e.value),
                    "symbol" => s.symbol = Some(e.value.clone()),
                    _ => {}
                }
            }
        }
        s.organ_block = blocks.iter().position(|b| matches!(b.data.head, Head::Organ { .. }));
        if let Some(i) = s.organ_block {
            if let Head::Organ { organ, lang } = blocks[i].data.head {
                s.lang = s.lang.or(Some(lang));
                s.organ = s.organ.or(Some(organ));
            }
        }
        let body_start = s.organ_block.map_or(usize::from(has_front), |i| i + 1);
        let mut scope = 0;
        let mut seen_numbered = false;
        let mut closing = false;
        for (i, b) in blocks.iter().enumerate() {
            let role = if i == 0 && has_front {
                Role::FrontMatter
            } else if b.data.head == Head::Comment {
                Role::Comment
            } else if Some(i) == s.organ_block {
                Role::OrganFormula
            } else if i < body_start {
                Role::Heading
            } else {
                match b.data.head {
                    Head::Comment => Role::Comment,
                    Head::FootnoteDef => Role::Footnotes,
                    Head::Annex => {
                        scope += 1;
                        closing = false;
                        Role::Annex { scope }
                    }
                    Head::Closing if scope == 0 => {
                        closing = true;
                        Role::Closing
                    }
                    _ if closing => Role::Closing,
                    Head::Numbered { .. } | Head::Insertion { .. } => {
                        seen_numbered = true;
                        Role::Operative { scope }
                    }
                    Head::SubParagraph => Role::SubParagraphs { scope },
                    Head::Heading => Role::Heading,
                    _ if scope == 0 && !seen_numbered => Role::Preambular,
                    _ => Role::Unnumbered { scope },
                }
            };
            s.roles.push(role);
        }
        s
    }
}
