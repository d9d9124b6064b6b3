//! What the login flow shares between the browser and the server.

/// Where to go after login: only a local path of this site, never another host.
pub fn safe_next(next: &str) -> &str {
    let local = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.starts_with("/login")
        && next.len() <= 2048
        && !next
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || c == '\\');
    if !local {
        return "/";
    }
    // Parameters Leptos reserves for itself (`__err`, `__path`, and the server's `__errsig`) are
    // not carried along: a login link must not bring an error of its author's choosing with it.
    match next.split_once('?') {
        Some((path, query)) if query.split('&').any(|pair| pair.starts_with("__")) => path,
        _ => next,
    }
}

#[cfg(test)]
mod next_tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed_after_login() {
        assert_eq!(safe_next("/departments?x=1"), "/departments?x=1");
        assert_eq!(
            safe_next("/account?__path=/api/x&__err=ZXZpbA&__errsig=abc"),
            "/account"
        );
        assert_eq!(safe_next("/account?x=1&__err=ZXZpbA"), "/account");
        for bad in [
            "https://evil.example/",
            "//evil.example",
            "/\\evil.example",
            "javascript:alert(1)",
            "",
            "/login",
            "/a b",
            "/a\r\nSet-Cookie: x",
        ] {
            assert_eq!(safe_next(bad), "/", "{bad:?}");
        }
    }
}
