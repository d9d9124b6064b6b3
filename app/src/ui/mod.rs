//! The admin layout and the small pieces every page shares.

mod layout;
mod pages;

pub use layout::Layout;
pub use pages::{ErrorPage, NotFound};

use leptos::prelude::*;

use crate::validation::ValidationError;

/// The live validation message for a field, shown only once the user has typed into it.
pub fn field_error(
    value: RwSignal<String>,
    check: impl Fn() -> Option<ValidationError>,
) -> Option<ValidationError> {
    if value.with(String::is_empty) {
        None
    } else {
        check()
    }
}

/// The error line under a form field, referenced by the field's `aria-describedby`.
#[component]
pub fn FieldMessage(id: &'static str, message: Signal<Option<String>>) -> impl IntoView {
    view! {
        <p id=id class="field-error" aria-live="polite">
            {move || message.get().unwrap_or_default()}
        </p>
    }
}
