//! The ticket page's watch: while an admin has a ticket open, their unsent reply is kept as a
//! server-side draft every few seconds, and the page tells them, live, when someone else wrote on
//! the ticket (it listens to the dashboard's event stream) and who else has it open.

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
/// How many looks without a change before a sign of life is sent anyway (presence).
#[cfg(feature = "hydrate")]
const HEARTBEAT_TICKS: u32 = 3;

#[island]
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
    view! {
        <div class="ticket-watch" aria-live="polite">
            {move || {
                let names = present.get();
                (!names.is_empty()).then(|| view! {
                    <p class="presence">{text.with_value(|t| t.present.clone())} " " {names.join(", ")}</p>
                })
            }}
            {move || {
                let messages = newer.get();
                (!messages.is_empty()).then(|| view! {
                    <div class="alert alert-warn thread-moved" role="alert">
                        <p><strong>{text.with_value(|t| t.moved.clone())}</strong></p>
                        {messages.into_iter().map(|m| view! {
                            <article class=if m.note { "message note" } else { "message staff" }>
                                <header>
                                    <strong>{m.author}</strong>
                                    {m.note.then(|| view! { " " <span class="badge note-badge">{text.with_value(|t| t.note.clone())}</span> })}
                                    " " <span class="muted small">{m.at}</span>
                                </header>
                                <div class="message-body">{m.body}</div>
                            </article>
                        }).collect_view()}
                    </div>
                })
            }}
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod watch {
    use futures::StreamExt;
    use gloo_net::eventsource::futures::EventSource;
    use leptos::prelude::*;
    use leptos::wasm_bindgen::JsCast;

    use super::super::api::ticket_activity;
    use super::super::model::MessageView;
    use super::{HEARTBEAT_TICKS, SAVE_EVERY};

    fn reply_box() -> Option<String> {
        document()
            .get_element_by_id("ticket-reply")
            .and_then(|e| e.dyn_into::<leptos::web_sys::HtmlTextAreaElement>().ok())
            .map(|area| area.value())
    }

    pub fn start(
        reference: String,
        seen: i64,
        newer: RwSignal<Vec<MessageView>>,
        present: RwSignal<Vec<String>>,
    ) {
        let saved = StoredValue::new(reply_box().unwrap_or_default());
        let idle = StoredValue::new(0u32);
        let refresh = move |reference: String, body: Option<String>| {
            leptos::task::spawn_local(async move {
                if let Ok(activity) = ticket_activity(reference, seen, body).await {
                    newer.set(activity.messages);
                    present.set(activity.present);
                }
            });
        };
        {
            let reference = reference.clone();
            let _ = set_interval_with_handle(
                move || {
                    let body = reply_box();
                    let changed = body.as_ref().is_some_and(|b| saved.with_value(|s| s != b));
                    if changed {
                        saved.set_value(body.clone().unwrap_or_default());
                        idle.set_value(0);
                        refresh(reference.clone(), body);
                    } else {
                        idle.update_value(|n| *n += 1);
                        if idle.get_value() >= HEARTBEAT_TICKS {
                            idle.set_value(0);
                            refresh(reference.clone(), None);
                        }
                    }
                },
                SAVE_EVERY,
            );
        }
        // Anything recorded anywhere wakes the check at once: the dashboard's stream says so.
        refresh(reference.clone(), None);
        if let Ok(mut source) = EventSource::new("/events/dashboard")
            && let Ok(mut updates) = source.subscribe("dashboard")
        {
            leptos::task::spawn_local(async move {
                while let Some(Ok(_)) = updates.next().await {
                    refresh(reference.clone(), None);
                }
                source.close();
            });
        }
    }
}
