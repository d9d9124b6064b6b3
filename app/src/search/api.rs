//! The search's server functions: the results page's, and the header box's suggestions.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::kernel::error::AppError;

/// One thing found: where it leads, what it is called, and a line about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hit {
    /// What kind of thing it is, in the viewer's language.
    pub kind: String,
    pub href: String,
    pub title: String,
    pub detail: String,
}

/// What a search found, by kind; a kind the viewer may not see is `None` and was never queried.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResults {
    pub q: String,
    pub clients: Option<Vec<Hit>>,
    pub contacts: Option<Vec<Hit>>,
    pub invoices: Option<Vec<Hit>>,
    pub tickets: Option<Vec<Hit>>,
}

impl SearchResults {
    pub fn is_empty(&self) -> bool {
        [&self.clients, &self.contacts, &self.invoices, &self.tickets]
            .into_iter()
            .all(|hits| hits.as_ref().is_none_or(Vec::is_empty))
    }
}

/// How many of each kind the results page lists.
pub const PAGE_HITS: u64 = 20;
/// How many suggestions of each kind the header box shows.
pub const SUGGESTED_HITS: u64 = 4;

#[cfg(feature = "ssr")]
async fn find(q: &str, per_kind: u64) -> Result<SearchResults, AppError> {
    use crate::clients::service as clients;
    use crate::kernel::i18n::t;
    use crate::kernel::{Permission, guard::current_admin};
    use crate::tickets::model::QueueFilter;
    use crate::tickets::service as desk;

    let viewer = current_admin()?;
    let ctx = crate::kernel::context::server_context()?;
    // Control characters can be in no stored text, and PostgreSQL refuses a NUL in a parameter.
    let q: String = q.chars().filter(|c| !c.is_control()).take(200).collect();
    let q = q.trim().to_owned();
    let mut results = SearchResults {
        q: q.clone(),
        ..Default::default()
    };
    if q.is_empty() {
        return Ok(results);
    }
    let limit = usize::try_from(per_kind).unwrap_or(usize::MAX);
    if viewer.can(Permission::ViewClients) {
        results.clients = Some(
            clients::search(&ctx.db, &q, per_kind)
                .await?
                .into_iter()
                .map(|c| Hit {
                    kind: t("search-kind-client"),
                    href: format!("/clients/{}", c.id),
                    detail: [c.company, c.email]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join(" · "),
                    title: c.name,
                })
                .collect(),
        );
        results.contacts = Some(
            clients::search_contacts(&ctx.db, &q, per_kind)
                .await?
                .into_iter()
                .map(|(client_id, name, email, client)| Hit {
                    kind: t("search-kind-contact"),
                    href: format!("/clients/{client_id}#contacts"),
                    title: name,
                    detail: format!("{email} · {client}"),
                })
                .collect(),
        );
        results.invoices = Some(
            clients::invoice_by_number(&ctx.db, &q)
                .await?
                .into_iter()
                .map(|i| Hit {
                    kind: t("search-kind-invoice"),
                    href: format!("/clients/{}/invoices/{}", i.client_id, i.id),
                    title: format!("#{}", i.id),
                    detail: format!("{} · {} · {}", i.client, i.total, i.status.label()),
                })
                .collect(),
        );
    }
    if viewer.can(Permission::ViewTickets) {
        let scope = desk::scope_of(&ctx.db, &viewer).await?;
        let mut hits = Vec::new();
        // A reference names one ticket outright.
        if let Ok(ticket) = desk::find(&ctx.db, &scope, &q.to_uppercase()).await {
            hits.push(Hit {
                kind: t("search-kind-ticket"),
                href: format!("/tickets/{}", ticket.reference),
                title: format!("{} — {}", ticket.reference, ticket.subject),
                detail: ticket.requester_name,
            });
        }
        let filter = QueueFilter {
            status: "all".into(),
            q: q.clone(),
            ..Default::default()
        };
        let (rows, _) = desk::queue(&ctx.db, &viewer, &scope, &filter, None).await?;
        for row in rows {
            if hits.len() >= limit {
                break;
            }
            if hits.iter().any(|h| h.href.ends_with(&row.reference)) {
                continue;
            }
            hits.push(Hit {
                kind: t("search-kind-ticket"),
                href: format!("/tickets/{}", row.reference),
                title: format!("{} — {}", row.reference, row.subject),
                detail: format!("{} · {}", row.status.label(), row.requester),
            });
        }
        results.tickets = Some(hits);
    }
    Ok(results)
}

/// The results page: up to `PAGE_HITS` of each kind.
#[server]
pub async fn search_admin_area(#[server(default)] q: String) -> Result<SearchResults, AppError> {
    find(&q, PAGE_HITS).await
}

/// The header box's suggestions as you type: a few of each kind, in one list, as the list's
/// items in HTML with every text escaped (the island places them as they are).
#[server]
pub async fn suggest_search(#[server(default)] q: String) -> Result<String, AppError> {
    use crate::kernel::ui::escape_html as e;
    let found = find(&q, SUGGESTED_HITS).await?;
    Ok([found.clients, found.contacts, found.invoices, found.tickets]
        .into_iter()
        .flatten()
        .flatten()
        .map(|h| {
            format!(
                "<li><a href=\"{}\"><span class=\"small muted\">{}</span> {} <span class=\"small muted\">{}</span></a></li>",
                e(&h.href),
                e(&h.kind),
                e(&h.title),
                e(&h.detail)
            )
        })
        .collect())
}
