//! The browser entry point: hydrates the islands that the server rendered.

// Referencing `app` keeps the island exports from being dropped by the linker.
pub use app::*;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
