//! Invitation and password-reset token decoding on arbitrary input: no panic, and only what the
//! server generates is accepted.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        app::fuzz_checks::check_token_decoding(text);
    }
});
