//! The ticket page's watch: while an admin has a ticket open, their unsent reply is kept as a
//! server-side draft every few seconds, and the page tells them, live, when someone else wrote on
//! the ticket and who else has it open (the ticket's event stream, `/events/tickets/<ref>`).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::model::MessageView;

/// Translated text the island shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WatchText {
    pub moved: String,
    pub present: String,
    pub note: String,
}

/// How often the reply box is looked at for changes to save.
#[cfg(feature = "hydrate")]
const SAVE_EVERY: std::time::Duration = std::time::Duration::from_secs(3);

#[island(lazy)]
pub fn TicketWatch(
    reference: String,
    seen: i64,
    present: Vec<String>,
    text: WatchText,
) -> impl IntoView {
    let newer = RwSignal::new(Vec::<MessageView>::new());
    let present = RwSignal::new(present);
    #[cfg(feature = "hydrate")]
    Effect::new({
        let reference = reference.clone();
        move |_| watch::start(reference.clone(), seen, newer, present)
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (&reference, seen);
    let text = StoredValue::new(text);
    // Kept plain: every element here is code in the page's WASM.
    view! {
        <div class="ticket-watch" aria-live="polite">
            <p class="presence" hidden=move || present.with(Vec::is_empty)>
                {text.with_value(|t| t.present.clone())} " " {move || present.get().join(", ")}
            </p>
            <div class="alert alert-warn thread-moved" role="alert" hidden=move || newer.with(Vec::is_empty)>
                <p><strong>{text.with_value(|t| t.moved.clone())}</strong></p>
                <ul class="plain-list">
                    {move || newer.get().into_iter().map(|m| {
                        let note = if m.note { text.with_value(|t| format!(" ({})", t.note)) } else { String::new() };
                        view! {
                            <li><strong>{m.author}</strong>{note} " · " <span class="muted small">{m.at}</span>
                                <div class="message-body">{m.body}</div></li>
                        }
                    }).collect_view()}
                </ul>
            </div>
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod watch {
    use std::time::Duration;

    use futures::StreamExt;
    use gloo_net::eventsource::futures::EventSource;
    use leptos::prelude::*;
    use leptos::wasm_bindgen::JsCast;

    use super::super::model::{Activity, MessageView};
    use super::SAVE_EVERY;

    fn reply_area() -> Option<leptos::web_sys::HtmlTextAreaElement> {
        document()
            .get_element_by_id("ticket-reply")
            .and_then(|e| e.dyn_into::<leptos::web_sys::HtmlTextAreaElement>().ok())
    }

    fn reply_box() -> Option<String> {
        reply_area().map(|area| area.value())
    }

    /// Follows the ticket's event stream (`/events/tickets/<reference>`): what is new since the
    /// page was loaded, and who else has it open. After a drop, tries again after 5 seconds.
    fn follow(url: String, newer: RwSignal<Vec<MessageView>>, present: RwSignal<Vec<String>>) {
        let again = {
            let url = url.clone();
            move || set_timeout(move || follow(url, newer, present), Duration::from_secs(5))
        };
        let Ok(mut source) = EventSource::new(&url) else {
            again();
            return;
        };
        let Ok(mut updates) = source.subscribe("activity") else {
            source.close();
            again();
            return;
        };
        leptos::task::spawn_local(async move {
            while let Some(Ok((_, message))) = updates.next().await {
                let Some(json) = message.data().as_string() else {
                    continue;
                };
                if let Ok(activity) = serde_json::from_str::<Activity>(&json) {
                    newer.set(activity.messages);
                    present.set(activity.present);
                }
            }
            source.close();
            again();
        });
    }

    pub fn start(
        reference: String,
        seen: i64,
        newer: RwSignal<Vec<MessageView>>,
        present: RwSignal<Vec<String>>,
    ) {
        follow(
            format!("/events/tickets/{reference}?seen={seen}"),
            newer,
            present,
        );
        // The reply box, whenever it changed, is kept on the server as the draft. A beacon: it
        // also goes out when the page is being closed. Compared with the text the page came
        // with, so what was typed before this code loaded is saved too.
        let saved = StoredValue::new(
            reply_area()
                .and_then(|a| a.default_value().ok())
                .unwrap_or_default(),
        );
        let url = format!("/tickets/{reference}/draft?seen={seen}");
        let _ = set_interval_with_handle(
            move || {
                let Some(body) = reply_box() else { return };
                if saved.with_value(|s| *s != body) {
                    saved.set_value(body.clone());
                    if let Some(window) = leptos::web_sys::window() {
                        let _ = window
                            .navigator()
                            .send_beacon_with_opt_str(&url, Some(&body));
                    }
                }
            },
            SAVE_EVERY,
        );
    }
}
