//! RFC 6238 codes (30-second steps, 6 digits, HMAC-SHA-1, as common authenticator apps expect),
//! the `otpauth://` URL and its QR code. The clock is always passed in.

use chrono::{DateTime, Utc};
use rand_core::{OsRng, RngCore};
use totp_rs::{Algorithm, TOTP};

use super::model::TotpCode;

pub const STEP_SECONDS: u64 = 30;
/// Codes from one step before and one after the current step are accepted, for clock drift.
pub const SKEW_STEPS: u64 = 1;
/// 160 bits, RFC 4226's recommended secret length.
pub const SECRET_BYTES: usize = 20;

/// A raw TOTP secret. `Debug` is redacted.
#[derive(Clone, PartialEq, Eq)]
pub struct TotpSecret(Vec<u8>);

impl TotpSecret {
    pub fn generate() -> Self {
        let mut bytes = vec![0u8; SECRET_BYTES];
        OsRng.fill_bytes(&mut bytes);
        Self(bytes)
    }

    pub fn from_bytes(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    fn totp(&self) -> Option<TOTP> {
        // Skew 0: each step is checked on its own, so the matching step is known (replay guard).
        TOTP::new(
            Algorithm::SHA1,
            TotpCode::DIGITS,
            0,
            STEP_SECONDS,
            self.0.clone(),
        )
        .ok()
    }

    /// Base32 without padding, as authenticator apps take it.
    pub fn base32(&self) -> String {
        self.totp()
            .map(|t| t.get_secret_base32())
            .unwrap_or_default()
    }

    /// The code an app shows at `now`.
    pub fn code_at(&self, now: DateTime<Utc>) -> String {
        self.totp()
            .map(|t| t.generate(unix(now)))
            .unwrap_or_default()
    }

    /// The step whose code `code` is, among the steps around `now`; None if it matches none.
    /// Every candidate is compared in constant time.
    pub fn matching_step(&self, code: &TotpCode, now: DateTime<Utc>) -> Option<u64> {
        let totp = self.totp()?;
        let current = unix(now) / STEP_SECONDS;
        let mut found = None;
        for step in current.saturating_sub(SKEW_STEPS)..=current + SKEW_STEPS {
            if totp.check(code.as_str(), step * STEP_SECONDS) && found.is_none() {
                found = Some(step);
            }
        }
        found
    }
}

impl std::fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TotpSecret([redacted])")
    }
}

fn unix(now: DateTime<Utc>) -> u64 {
    u64::try_from(now.timestamp()).unwrap_or(0)
}

/// The key URI format authenticator apps read from the QR code.
pub fn otpauth_url(issuer: &str, account: &str, secret: &TotpSecret) -> String {
    let enc = |s: &str| url_escape(s);
    format!(
        "otpauth://totp/{}:{}?secret={}&issuer={}&algorithm=SHA1&digits={}&period={}",
        enc(issuer),
        enc(account),
        secret.base32(),
        enc(issuer),
        TotpCode::DIGITS,
        STEP_SECONDS
    )
}

fn url_escape(text: &str) -> String {
    crate::kernel::http::urlencode(text)
}

/// The QR code of `data` as an SVG element (without the XML prolog), or None if it is too long.
pub fn qr_svg(data: &str) -> Option<String> {
    let code = qrcode::QrCode::with_error_correction_level(data, qrcode::EcLevel::M).ok()?;
    let svg = code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    svg.find("<svg").map(|at| svg[at..].to_owned())
}

/// Groups of four for reading and typing: `ABCD EFGH ...`.
pub fn grouped(text: &str) -> String {
    text.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    /// RFC 6238 appendix B's SHA-1 secret, truncated to 6 digits.
    fn rfc_secret() -> TotpSecret {
        TotpSecret::from_bytes(b"12345678901234567890".to_vec())
    }

    fn at(seconds: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(seconds, 0).single().unwrap_or_default()
    }

    fn code(text: &str) -> TotpCode {
        TotpCode::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn codes_match_the_rfc_test_vectors() {
        // RFC 6238: 94287082 at T=59 and 07081804 at T=1111111109 (8 digits; we keep the last 6).
        assert_eq!(rfc_secret().code_at(at(59)), "287082");
        assert_eq!(rfc_secret().code_at(at(1_111_111_109)), "081804");
    }

    #[test]
    fn a_code_is_accepted_one_step_either_side_and_no_further() {
        let secret = rfc_secret();
        // The code of step 40 (seconds 1200..=1229).
        let c = code(&secret.code_at(at(1200)));
        assert_eq!(secret.matching_step(&c, at(1200)), Some(40));
        assert_eq!(secret.matching_step(&c, at(1229)), Some(40));
        // One step late and one step early, to the very edge of each.
        assert_eq!(secret.matching_step(&c, at(1259)), Some(40));
        assert_eq!(secret.matching_step(&c, at(1170)), Some(40));
        // Two steps away: refused.
        assert_eq!(secret.matching_step(&c, at(1260)), None);
        assert_eq!(secret.matching_step(&c, at(1169)), None);
    }

    #[test]
    fn a_wrong_code_matches_no_step() {
        let secret = rfc_secret();
        let right = secret.code_at(at(1200));
        let wrong = if right == "000000" {
            "000001"
        } else {
            "000000"
        };
        assert_eq!(secret.matching_step(&code(wrong), at(1200)), None);
    }

    #[test]
    fn generated_secrets_are_160_bits_and_distinct() {
        let a = TotpSecret::generate();
        assert_eq!(a.as_bytes().len(), 20);
        assert_eq!(a.base32().len(), 32);
        assert_ne!(a, TotpSecret::generate());
    }

    #[test]
    fn otpauth_url_names_issuer_and_account() {
        let url = otpauth_url("Acme Hosting", "jane@example.com", &rfc_secret());
        assert!(url.starts_with("otpauth://totp/Acme%20Hosting:jane%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&"));
        assert!(url.contains("issuer=Acme%20Hosting"));
        assert!(url.contains("digits=6&period=30"));
        let svg = qr_svg(&url).unwrap_or_default();
        assert!(svg.starts_with("<svg"));
        assert!(!svg.contains("jane"));
    }
}
