//! Every shared input parser (usernames, emails, passwords, names, descriptions, codes) on
//! arbitrary bytes: no panic, and whatever is accepted keeps its rule.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    app::fuzz_checks::check_bytes(data);
});
