//! The layers of `app/src`: the kernel (`kernel/`) and the tables (`entities/`) sit at the bottom
//! and import no feature; features import the kernel and, where they must, each other; the page
//! frame (`layout.rs`) and the route list (`lib.rs`) sit on top.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level modules of `app/src`: folders and files, without `.rs`.
fn top_level_modules() -> BTreeSet<String> {
    std::fs::read_dir(src())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?.to_owned();
            if p.is_dir() {
                Some(name)
            } else {
                name.strip_suffix(".rs").map(str::to_owned)
            }
        })
        .filter(|m| m != "lib")
        .collect()
}

/// Every top-level module `source` names through `crate::…`, including grouped imports such as
/// `use crate::{a::X, b};`. Comments are skipped.
fn crate_modules_named(source: &str) -> BTreeSet<String> {
    let code: String = source
        .lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n");
    let ident = |text: &str| -> String {
        text.trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut found = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let body = &group[..group.find('}').unwrap_or(group.len())];
            for item in body.split(',') {
                let name = ident(item);
                if !name.is_empty() {
                    found.insert(name);
                }
            }
        } else {
            found.insert(ident(rest));
        }
    }
    found
}

/// The modules a file in `layer` may name: its own layer and the layers below it.
fn violations(layer_root: &str, allowed: &[&str]) -> Vec<String> {
    let modules = top_level_modules();
    let mut files = Vec::new();
    rust_files(&src().join(layer_root), &mut files);
    assert!(!files.is_empty(), "no files under app/src/{layer_root}");
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for name in crate_modules_named(&text) {
            if modules.contains(&name) && !allowed.contains(&name.as_str()) {
                found.push(format!("{} names crate::{name}", file.display()));
            }
        }
    }
    found
}

#[test]
fn kernel_imports_no_feature() {
    let found = violations("kernel", &["kernel", "entities"]);
    assert!(
        found.is_empty(),
        "the kernel must not import features; move the shared piece into the kernel or pass it in:\n{}",
        found.join("\n")
    );
}

#[test]
fn tables_import_nothing_above_them() {
    let found = violations("entities", &["entities"]);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_scan_sees_plain_grouped_and_nested_paths_but_not_comments() {
    let source = "use crate::kernel::AppError;\n\
                  use crate::{admins::api::X, roles};\n\
                  let x = crate::departments::service::list();\n\
                  // crate::invitations is only mentioned here\n";
    let named = crate_modules_named(source);
    let expected: BTreeSet<String> = ["kernel", "admins", "roles", "departments"]
        .into_iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(named, expected);
    // The features really are top-level modules, so a kernel file naming one would be caught.
    let modules = top_level_modules();
    for feature in [
        "admins",
        "auth",
        "departments",
        "invitations",
        "login",
        "two_factor",
    ] {
        assert!(modules.contains(feature), "{feature}");
    }
    assert!(modules.contains("kernel") && modules.contains("entities"));
}
