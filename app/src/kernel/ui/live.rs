//! Live fragments: a field whose text the server turns into HTML as you type (after a pause, and
//! only the answer to the latest text is shown). The server renders and escapes the fragment; the
//! island only places it, which keeps it small. Without JavaScript the field is an ordinary field
//! of its form.

use leptos::prelude::*;

/// A text field (or, `multiline`, a text area) with a region under it that shows what the server
/// function at `path` answers for the field's text (posted as `q`), once it has `min_chars`.
#[island(lazy)]
pub fn LiveField(
    id: String,
    name: String,
    label: String,
    value: String,
    help: String,
    path: String,
    /// The region's accessible name.
    region: String,
    multiline: bool,
    required: bool,
    min_chars: usize,
    max_chars: usize,
) -> impl IntoView {
    let output = NodeRef::<leptos::html::Div>::new();
    let typed = StoredValue::new(0u32);
    let show = move |html: &str| {
        if let Some(div) = output.get_untracked() {
            div.set_inner_html(html);
            div.set_hidden(html.is_empty());
        }
    };
    let on_input = move |ev| {
        let q = event_target_value(&ev);
        typed.update_value(|n| *n = n.wrapping_add(1));
        let mine = typed.get_value();
        if q.trim().chars().count() < min_chars {
            show("");
            return;
        }
        let path = path.clone();
        set_timeout(
            move || {
                if typed.get_value() != mine {
                    return;
                }
                leptos::task::spawn_local(async move {
                    let html = fetch_fragment(&path, &q).await.unwrap_or_default();
                    if typed.get_value() == mine {
                        show(&html);
                    }
                });
            },
            std::time::Duration::from_millis(250),
        );
    };
    let help_id = format!("{id}-help");
    let region_id = format!("{id}-live");
    let described = (!help.is_empty()).then(|| help_id.clone());
    let field = if multiline {
        view! {
            <textarea id=id.clone() name=name rows="16" maxlength=max_chars.to_string() required=required
                aria-describedby=described.clone() aria-controls=region_id.clone() on:input=on_input>{super::escape_html(&value)}</textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id.clone() name=name type="text" value=value autocomplete="off" maxlength=max_chars.to_string()
                required=required aria-describedby=described.clone() aria-controls=region_id.clone() on:input=on_input/>
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {(!help.is_empty()).then(|| view! { <p class="help" id=help_id>{help}</p> })}
            {field}
        </div>
        <div id=region_id class="live-fragment" role="region" aria-label=region aria-live="polite" hidden node_ref=output></div>
    }
}

/// Posts `q` to the server function at `path` as a form, and reads its answer: HTML in a JSON
/// string.
#[cfg(feature = "hydrate")]
pub async fn fetch_fragment(path: &str, q: &str) -> Option<String> {
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window()?;
    let headers = web_sys::Headers::new().ok()?;
    headers
        .set("Content-Type", "application/x-www-form-urlencoded")
        .ok()?;
    headers.set("Accept", "application/json").ok()?;
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(&format!(
        "q={}",
        crate::kernel::http::urlencode(q)
    )));
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(path, &init))
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    if !response.ok() {
        return None;
    }
    let text = JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()?;
    serde_json::from_str(&text).ok()
}

/// Fragments come from the browser only.
#[cfg(not(feature = "hydrate"))]
pub async fn fetch_fragment(_path: &str, _q: &str) -> Option<String> {
    None
}
