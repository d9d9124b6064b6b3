//! What the two-factor pages show. The code input rules are the kernel's (`kernel::codes`), as
//! client users will share them.

use serde::{Deserialize, Serialize};

pub use crate::kernel::codes::{RecoveryCode, SecondFactor, TotpCode};

/// The two-factor section of My Account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoFactorStatus {
    /// When enrolment was confirmed, as an ISO date; None when two-factor is off.
    pub enabled_at: Option<String>,
    pub recovery_codes_left: u64,
    /// The admin's role requires two-factor authentication.
    pub required_by_role: bool,
    /// An enrolment waiting for its first code.
    pub setup: Option<Enrolment>,
}

/// What an authenticator app needs to add the account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrolment {
    /// The `otpauth://` URL as a QR code: an SVG drawn by the server, no user text in it.
    pub qr_svg: String,
    /// The base32 secret, in groups of four, for typing in by hand.
    pub secret: String,
    /// The account name the app will show.
    pub account: String,
}
