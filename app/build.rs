//! Rebuilds the crate when a translation changes: the Fluent files are read at compile time by a
//! macro, and cargo does not see what a macro reads.
fn main() {
    println!("cargo::rerun-if-changed=locales");
}
