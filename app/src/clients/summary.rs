//! The client Summary: one screen with who the client is, what they have, what they owe and what
//! they asked, each part only as the viewer's role allows. A fixed number of queries whatever the
//! client's history.

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

use super::model::{
    ContactView, InvoiceForm, InvoiceRow, InvoiceStatus, InvoiceView, ServiceView, Summary,
    TicketLink,
};
use super::service::{self, ClientError};
use crate::entities::client;
use crate::kernel::time::when;
use crate::kernel::{CurrentAdmin, Permission};

use super::model::RECENT_INVOICES as RECENT;

pub async fn load(
    db: &impl ConnectionTrait,
    viewer: &CurrentAdmin,
    id: i32,
) -> Result<Summary, ClientError> {
    use crate::tickets::model::Status;
    let owner = service::find(db, id).await?;
    let contacts = service::contacts_of(db, id).await?;
    let services = service::services_of(db, id).await?;
    let totals = service::totals_of(db, id).await?;
    let invoices = service::invoices_of(db, &owner, RECENT).await?;
    let invoice_count = service::invoice_count(db, id).await?;
    let tickets = if viewer.can(Permission::ViewTickets) {
        let scope = crate::tickets::service::scope_of(db, viewer).await?;
        Some(
            crate::tickets::service::of_client(db, &scope, id, RECENT)
                .await?
                .into_iter()
                .map(|t| {
                    let status = Status::from_key(&t.status).unwrap_or(Status::Open);
                    TicketLink {
                        reference: t.reference,
                        subject: t.subject,
                        status: status.label(),
                        status_css: status.css(),
                        last_reply: when(t.last_reply_at),
                    }
                })
                .collect(),
        )
    } else {
        None
    };
    let notes = if viewer.can(Permission::ViewClientNotes) {
        Some(service::notes_of(db, id, viewer).await?)
    } else {
        None
    };
    let log = if viewer.can(Permission::ViewAuditLog) {
        Some(service::log_of(db, id, 20).await?)
    } else {
        None
    };
    Ok(Summary {
        client: owner.into(),
        contacts: contacts.into_iter().map(ContactView::from).collect(),
        services: services.into_iter().map(ServiceView::from).collect(),
        totals,
        invoices,
        invoice_count,
        tickets,
        notes,
        log,
        can_manage: viewer.can(Permission::ManageClients),
        can_services: viewer.can(Permission::ManageServices),
        can_invoices: viewer.can(Permission::ManageInvoices),
        can_open_ticket: viewer.can(Permission::OpenTickets),
    })
}

/// A blank invoice for `owner`'s new-invoice form: dated today, due in 14 days, in the client's
/// currency, unpaid.
pub fn new_invoice(owner: &client::Model, now: DateTime<Utc>) -> InvoiceView {
    let today = now.date_naive();
    let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    InvoiceView {
        row: InvoiceRow {
            id: 0,
            client_id: owner.id,
            client: service::name_of(owner),
            issued_on: day(today),
            due_on: day(today + chrono::Duration::days(14)),
            total: String::new(),
            balance: String::new(),
            status: InvoiceStatus::Unpaid,
        },
        client_name: service::name_of(owner),
        form: InvoiceForm {
            issued_on: day(today),
            due_on: day(today + chrono::Duration::days(14)),
            currency: owner.currency.clone(),
            tax_rate: String::new(),
            status: InvoiceStatus::Unpaid.key().to_owned(),
            notes: String::new(),
            lines: Default::default(),
        },
        lines: Vec::new(),
        subtotal: String::new(),
        tax: String::new(),
        tax_rate: String::new(),
        paid: String::new(),
        balance_amount: String::new(),
        has_payments: false,
        refundable: false,
        payments: Vec::new(),
        can_manage: true,
        version: 0,
    }
}
