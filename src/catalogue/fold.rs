//! Accent and case folding for search keys, and the word splitting used by the index.

/// Lower-cases `c` and strips the accents of Latin letters (é → e, ñ → n, œ → oe, ß → ss).
/// Characters outside the Latin ranges are lower-cased and kept.
fn fold_char(c: char, out: &mut String) {
    let base = match c {
        'À'..='Å' | 'à'..='å' | 'Ā' | 'ā' | 'Ă' | 'ă' | 'Ą' | 'ą' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Č' | 'č' => "c",
        'Ð' | 'ð' | 'Ď' | 'ď' | 'Đ' | 'đ' => "d",
        'È'..='Ë' | 'è'..='ë' | 'Ē' | 'ē' | 'Ė' | 'ė' | 'Ę' | 'ę' | 'Ě' | 'ě' => "e",
        'Ì'..='Ï' | 'ì'..='ï' | 'Ī' | 'ī' | 'Į' | 'į' | 'İ' | 'ı' => "i",
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ň' | 'ň' => "n",
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō' | 'ō' | 'Ő' | 'ő' => "o",
        'Œ' | 'œ' => "oe",
        'Ř' | 'ř' => "r",
        'Ś' | 'ś' | 'Š' | 'š' | 'Ş' | 'ş' => "s",
        'ß' => "ss",
        'Ť' | 'ť' | 'Ţ' | 'ţ' => "t",
        'Ù'..='Ü' | 'ù'..='ü' | 'Ū' | 'ū' | 'Ů' | 'ů' | 'Ű' | 'ű' => "u",
        'Ý' | 'ý' | 'ÿ' | 'Ÿ' => "y",
        'Ź' | 'ź' | 'Ż' | 'ż' | 'Ž' | 'ž' => "z",
        // Apostrophes and quotes all fold to the ASCII apostrophe.
        '’' | '‘' | 'ʼ' | '`' | '´' => "'",
        _ => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push_str(base);
}

/// The folded form of `s`: lower case, without accents.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// The folded words of `s`: runs of letters and digits, folded. "l’homme" gives "l" and
/// "homme"; "2030" is a word.
pub(crate) fn words(s: &str) -> Vec<String> {
    let folded = fold(s);
    folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// Collapses every run of Unicode white space to one ASCII space and trims.
pub(crate) fn squash_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.trim().chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// The largest char boundary of `s` not above `i`.
pub(crate) fn floor_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding() {
        assert_eq!(
            fold("Déclaration Universelle des Droits de l’Homme"),
            "declaration universelle des droits de l'homme"
        );
        assert_eq!(fold("Niño Œuvre Straße"), "nino oeuvre strasse");
        assert_eq!(
            words("Transformer notre monde : le Programme… 2030"),
            ["transformer", "notre", "monde", "le", "programme", "2030"]
        );
        assert_eq!(squash_spaces("  A/RES/217\u{a0} A\n(III) "), "A/RES/217 A (III)");
        assert_eq!(floor_boundary("é", 1), 0);
    }
}
