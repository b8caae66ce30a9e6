//! `crossref-missing`, `crossref-direction`: paragraph cross-references must point to a
//! paragraph (and sub-paragraph) that exists, in the direction they say.

use super::Ctx;
use crate::analysis::Diagnostic;

pub fn check(_acc: &mut Vec<Diagnostic>, _ctx: &Ctx) {}
