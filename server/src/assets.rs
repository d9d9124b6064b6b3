//! The compiled site under `/pkg/`: content-hashed names, precompressed files and cache headers.
//!
//! A release build (`cargo leptos build --release --precompress`) writes `staffdesk.<hash>.js`,
//! `.wasm` and `.css` with a brotli (`.br`) and a gzip (`.gz`) copy of each, and lists the hashes
//! in `hash.txt` beside the server binary. A hashed file never changes, so browsers keep it for a
//! year without asking again; an upgrade brings new names, so old WASM never meets new HTML.

use std::path::{Path, PathBuf};

use axum::Router;
use axum::http::{HeaderValue, Request, header};
use axum::middleware::Next;
use axum::response::Response;
use tower_http::services::ServeDir;

/// The hash list cargo-leptos writes.
const HASH_FILE: &str = "hash.txt";

/// Where the hash list is: in the site root (where a deployment may copy it), else beside the
/// server binary (where cargo-leptos writes it). None when the site was built without hashes.
pub fn hash_file(site_root: &Path) -> Option<PathBuf> {
    let in_site = site_root.join(HASH_FILE);
    let beside_binary = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(HASH_FILE)));
    std::iter::once(in_site)
        .chain(beside_binary)
        .find(|path| path.is_file())
        .and_then(|path| std::path::absolute(path).ok())
}

/// The stylesheet's address: `/pkg/staffdesk.<hash>.css`, or `/pkg/staffdesk.css` unhashed.
pub fn stylesheet_href(hash_file: Option<&Path>, output_name: &str) -> String {
    let hash = hash_file
        .and_then(|path| std::fs::read_to_string(path).ok())
        .and_then(|list| {
            list.lines().find_map(|line| {
                let (kind, hash) = line.split_once(':')?;
                (kind.trim() == "css").then(|| hash.trim().to_owned())
            })
        });
    match hash {
        Some(hash) => format!("/pkg/{output_name}.{hash}.css"),
        None => format!("/pkg/{output_name}.css"),
    }
}

/// `/pkg/`: precompressed copies by content negotiation, and long-lived caching for hashed names.
pub fn pkg_routes<S: Clone + Send + Sync + 'static>(site_root: &Path) -> Router<S> {
    let dir = ServeDir::new(site_root.join("pkg"))
        .precompressed_br()
        .precompressed_gzip();
    Router::new()
        .nest_service("/pkg", dir)
        .layer(axum::middleware::from_fn(
            |req: Request<axum::body::Body>, next: Next| {
                let hashed = is_hashed(req.uri().path());
                async move { with_cache_headers(next.run(req).await, hashed) }
            },
        ))
}

/// The length of cargo-leptos's hashes: an MD5 in unpadded URL-safe base64.
const HASH_LEN: usize = 22;

/// `staffdesk.<hash>.wasm`, `__wasm_split.<hash>.js` and the lazy islands' chunks are hashed;
/// `staffdesk.wasm` (a build without hashes) is not.
fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let mut parts = name.rsplit('.');
    let (Some(_extension), Some(hash)) = (parts.next(), parts.next()) else {
        return false;
    };
    hash.len() == HASH_LEN
        && hash
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn with_cache_headers(mut res: Response, hashed: bool) -> Response {
    if !res.status().is_success() && res.status() != axum::http::StatusCode::NOT_MODIFIED {
        return res;
    }
    let value = if hashed {
        "public, max-age=31536000, immutable"
    } else {
        // An unhashed name can change under the same address: ask again every time.
        "no-cache"
    };
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_with_a_hash_count_as_hashed() {
        assert!(is_hashed("/pkg/staffdesk.uX_yEhLOMpg93qiJ2d9bzQ.wasm"));
        assert!(is_hashed("/pkg/__wasm_split.QyKyPy28cvAGy4WJRR0a9Q.js"));
        assert!(is_hashed("/pkg/chunk_10.5vJKeh33vD2xz3rZyug36Q.wasm"));
        assert!(!is_hashed("/pkg/staffdesk.wasm"));
        assert!(!is_hashed("/pkg/staffdesk.css"));
        assert!(!is_hashed("/pkg/staffdesk.short.js"));
        assert!(!is_hashed("/pkg/staffdesk.uX_yEhLOMpg93qiJ2d9b!Q.wasm"));
    }

    #[test]
    fn the_stylesheet_takes_its_hash_from_the_list() {
        let dir = tempfile::tempdir().unwrap();
        let list = dir.path().join(HASH_FILE);
        std::fs::write(&list, "js: AAA\nwasm: BBB\ncss: CcC_9\n").unwrap();
        assert_eq!(
            stylesheet_href(Some(&list), "staffdesk"),
            "/pkg/staffdesk.CcC_9.css"
        );
        assert_eq!(stylesheet_href(None, "staffdesk"), "/pkg/staffdesk.css");
    }
}
