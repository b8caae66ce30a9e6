//! Values of sub-paragraph labels: letters `(a)`…`(z)`, then `(aa)`, `(bb)` … or `(za)`, `(zb)` …,
//! and lower-case roman numerals `(i)`, `(ii)` …

/// How letters continue after (z).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlphaStyle {
    /// a … z
    Single,
    /// aa, bb, cc …
    Doubled,
    /// za, zb, zc …
    ZPrefix,
    /// zz: the 52nd label in both styles
    Either,
}

/// The 1-based position of a letter label, with the style it implies.
pub fn alpha_value(label: &str) -> Option<(u32, AlphaStyle)> {
    let b = label.as_bytes();
    let idx = |c: u8| (c.is_ascii_lowercase()).then(|| u32::from(c - b'a') + 1);
    match b {
        [c] => Some((idx(*c)?, AlphaStyle::Single)),
        [b'z', b'z'] => Some((52, AlphaStyle::Either)),
        [x, y] if x == y => Some((26 + idx(*y)?, AlphaStyle::Doubled)),
        [b'z', y] => Some((26 + idx(*y)?, AlphaStyle::ZPrefix)),
        _ => None,
    }
}

/// The label for the n-th letter (1-based) in a style.
pub fn alpha_label(n: u32, style: AlphaStyle) -> String {
    let letter = |i: u32| char::from(b'a' + ((i - 1) % 26) as u8);
    match n {
        0 => String::new(),
        1..=26 => letter(n).to_string(),
        _ if style == AlphaStyle::ZPrefix => format!("z{}", letter(n - 26)),
        _ => letter(n - 26).to_string().repeat(2),
    }
}

/// The value of a canonical lower-case roman numeral (1..=89), else `None`.
pub fn roman_value(label: &str) -> Option<u32> {
    if label.is_empty() || label.len() > 8 {
        return None;
    }
    let digit = |c| match c {
        'i' => Some(1),
        'v' => Some(5),
        'x' => Some(10),
        'l' => Some(50),
        _ => None,
    };
    let values: Option<Vec<u32>> = label.chars().map(digit).collect();
    let values = values?;
    let mut total = 0i64;
    for (i, v) in values.iter().enumerate() {
        match values.get(i + 1) {
            Some(next) if next > v => total -= i64::from(*v),
            _ => total += i64::from(*v),
        }
    }
    let total = u32::try_from(total).ok().filter(|t| (1..90).contains(t))?;
    (roman_label(total) == label).then_some(total)
}

/// The canonical lower-case roman numeral for 1..=89.
pub fn roman_label(mut n: u32) -> String {
    let table = [(50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")];
    let mut out = String::new();
    for (v, s) in table {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters() {
        assert_eq!(alpha_value("a"), Some((1, AlphaStyle::Single)));
        assert_eq!(alpha_value("z"), Some((26, AlphaStyle::Single)));
        assert_eq!(alpha_value("aa"), Some((27, AlphaStyle::Doubled)));
        assert_eq!(alpha_value("za"), Some((27, AlphaStyle::ZPrefix)));
        assert_eq!(alpha_value("zz"), Some((52, AlphaStyle::Either)));
        assert_eq!(alpha_value("ab"), None);
        assert_eq!(alpha_value("aaa"), None);
        assert_eq!(alpha_label(27, AlphaStyle::Doubled), "aa");
        assert_eq!(alpha_label(28, AlphaStyle::ZPrefix), "zb");
        for n in 1..=52 {
            for style in [AlphaStyle::Doubled, AlphaStyle::ZPrefix] {
                assert_eq!(alpha_value(&alpha_label(n, style)).unwrap().0, n);
            }
        }
    }

    #[test]
    fn romans() {
        for n in 1..90 {
            assert_eq!(roman_value(&roman_label(n)), Some(n), "{n}");
        }
        assert_eq!(roman_value("xxviii"), Some(28));
        assert_eq!(roman_value("iiii"), None);
        assert_eq!(roman_value("vx"), None);
        assert_eq!(roman_value("c"), None);
    }
}
