//! CSV for spreadsheets: every export (the Activity Log's, the reports') writes its fields here.

/// One CSV field, always quoted: spreadsheets in locales that separate with `;` (German, Spanish)
/// would otherwise split a field at a character nobody thought to quote. A value a spreadsheet
/// would run as a formula (`= + - @`, also after leading spaces or tabs) gets a leading `'`.
pub fn field(value: &str) -> String {
    let formula = value
        .trim_start_matches([' ', '\t'])
        .starts_with(['=', '+', '-', '@'])
        || value.starts_with(['\t', '\r']);
    let guarded = if formula {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    format!("\"{}\"", guarded.replace('"', "\"\""))
}

/// One CSV line of `fields`, ended by CRLF.
pub fn line<S: AsRef<str>>(fields: &[S]) -> String {
    let mut line = fields
        .iter()
        .map(|f| field(f.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(field("plain"), "\"plain\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        for formula in ["=1+1", "+1", "-1", "@SUM(A1)", "  =cmd", "\t=x"] {
            assert!(field(formula).starts_with("\"'"), "{formula}");
        }
        assert_eq!(line(&["a", "=b"]), "\"a\",\"'=b\"\r\n");
    }
}
