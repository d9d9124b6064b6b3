//! Server functions for clients, one per user action. Each checks its permission, parses its
//! input, calls the service and maps its error; `done` and `refused` hold the plumbing they share.

// Forms post every field as an argument of its own.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use super::model::{
    ClientPage, ClientView, ContactView, InvoiceList, InvoiceView, ServiceView, Summary,
};
use crate::kernel::error::AppError;

#[cfg(feature = "ssr")]
pub(crate) mod plumbing {
    use super::super::model::{FieldError, field_label};
    use super::super::service::ClientError;
    use crate::kernel::error::AppError;
    use crate::kernel::i18n::{t, t_args};

    pub fn refused((field, err): FieldError) -> AppError {
        AppError::invalid_field(field, &field_label(field), &err)
    }

    pub fn failed(err: ClientError) -> AppError {
        match err {
            ClientError::NotFound => AppError::not_found(),
            ClientError::EmailTaken(email) => AppError::conflict(t_args(
                "clients-error-email-taken",
                &[("email", email.into())],
            ))
            .with_field("email"),
            ClientError::ChangedMeanwhile => AppError::changed_meanwhile(),
            ClientError::NotEditable(_) => AppError::conflict(t("clients-error-not-editable")),
            ClientError::NotPayable(_) => AppError::conflict(t("clients-error-not-payable")),
            ClientError::MoreThanBalance => AppError::new(
                crate::kernel::ErrorCode::Validation,
                t("clients-error-more-than-balance"),
                422,
            )
            .with_field("amount"),
            ClientError::MoreThanPaid => AppError::new(
                crate::kernel::ErrorCode::Validation,
                t("clients-error-more-than-paid"),
                422,
            )
            .with_field("amount"),
            ClientError::NotYourNote => AppError::new(
                crate::kernel::ErrorCode::Forbidden,
                t("clients-error-not-your-note"),
                403,
            ),
            ClientError::BelowPaid => AppError::conflict(t("clients-error-below-paid")),
            ClientError::HasPayments => AppError::conflict(t("clients-error-has-payments")),
            ClientError::Invalid(field, err) => refused((field, err)),
            ClientError::Db(err) => err.into(),
        }
    }

    /// An id from a form: a positive number, or the record does not exist.
    pub fn id(text: &str) -> Result<i32, AppError> {
        text.trim()
            .parse::<i32>()
            .ok()
            .filter(|id| *id > 0)
            .ok_or_else(AppError::not_found)
    }

    /// "new" (or blank) for a record not yet saved, else its id.
    pub fn optional_id(text: &str) -> Result<Option<i32>, AppError> {
        match text.trim() {
            "" | "new" => Ok(None),
            other => id(other).map(Some),
        }
    }

    pub fn version(text: &str) -> Result<crate::kernel::concurrency::Expected, AppError> {
        crate::kernel::concurrency::Expected::parse(text)
            .map_err(|err| AppError::validation("version", &err))
    }
}

#[cfg(feature = "ssr")]
use plumbing::{failed, id, optional_id, refused, version as parse_version};

/// One page of the client list.
#[server]
pub async fn list_clients(
    #[server(default)] status: String,
    #[server(default)] country: String,
    #[server(default)] q: String,
    #[server(default)] after: Option<String>,
) -> Result<ClientPage, AppError> {
    use crate::kernel::{Permission, guard::require};
    let viewer = require(Permission::ViewClients)?;
    let ctx = crate::kernel::context::server_context()?;
    let filter = super::model::ClientFilter { status, country, q };
    let after = after.and_then(|a| a.trim().parse::<i32>().ok());
    let (rows, next) = super::service::list(&ctx.db, &filter, after).await?;
    Ok(ClientPage {
        rows,
        next,
        can_manage: viewer.can(Permission::ManageClients),
    })
}

/// A client's profile for its edit form.
#[server]
pub async fn get_client(client_id: String) -> Result<ClientView, AppError> {
    use crate::kernel::{Permission, guard::require};
    require(Permission::ManageClients)?;
    let ctx = crate::kernel::context::server_context()?;
    super::service::find(&ctx.db, id(&client_id)?)
        .await
        .map(ClientView::from)
        .map_err(failed)
}

/// Everything the Summary page shows, each part as the viewer's role allows.
#[server]
pub async fn get_client_summary(client_id: String) -> Result<Summary, AppError> {
    use crate::kernel::{Permission, guard::require};
    let viewer = require(Permission::ViewClients)?;
    let ctx = crate::kernel::context::server_context()?;
    super::summary::load(&ctx.db, &viewer, id(&client_id)?)
        .await
        .map_err(failed)
}

#[server]
pub async fn create_client(
    first_name: String,
    last_name: String,
    #[server(default)] company: String,
    email: String,
    #[server(default)] phone: String,
    #[server(default)] street: String,
    #[server(default)] city: String,
    #[server(default)] state: String,
    #[server(default)] postcode: String,
    country: String,
    #[server(default)] status: String,
    #[server(default)] language: String,
    currency: String,
    #[server(default)] tax_exempt: Option<String>,
    #[server(default)] no_late_fees: Option<String>,
    #[server(default)] no_overdue_notices: Option<String>,
    #[server(default)] marketing_opt_in: Option<String>,
) -> Result<(), AppError> {
    use super::model::ClientInput;
    use crate::kernel::{Permission, guard::require};
    let viewer = require(Permission::ManageClients)?;
    let form = super::model::ClientForm {
        first_name,
        last_name,
        company,
        email,
        phone,
        street,
        city,
        state,
        postcode,
        country,
        status,
        language,
        currency,
        tax_exempt,
        no_late_fees,
        no_overdue_notices,
        marketing_opt_in,
    };
    let input = ClientInput::parse(&form).map_err(refused)?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::audit_actor(&viewer).await;
    let created = super::service::create(&ctx.db, chrono::Utc::now(), &actor, input)
        .await
        .map_err(failed)?;
    leptos_axum::redirect(&format!("/clients/{}?saved=created", created.id));
    Ok(())
}

#[server]
pub async fn update_client(
    client_id: String,
    first_name: String,
    last_name: String,
    #[server(default)] company: String,
    email: String,
    #[server(default)] phone: String,
    #[server(default)] street: String,
    #[server(default)] city: String,
    #[server(default)] state: String,
    #[server(default)] postcode: String,
    country: String,
    status: String,
    #[server(default)] language: String,
    currency: String,
    #[server(default)] tax_exempt: Option<String>,
    #[server(default)] no_late_fees: Option<String>,
    #[server(default)] no_overdue_notices: Option<String>,
    #[server(default)] marketing_opt_in: Option<String>,
    #[server(default)] version: String,
) -> Result<(), AppError> {
    use super::model::ClientInput;
    use crate::kernel::{Permission, guard::require};
    let viewer = require(Permission::ManageClients)?;
    let client_id = id(&client_id)?;
    let form = super::model::ClientForm {
        first_name,
        last_name,
        company,
        email,
        phone,
        street,
        city,
        state,
        postcode,
        country,
        status,
        language,
        currency,
        tax_exempt,
        no_late_fees,
        no_overdue_notices,
        marketing_opt_in,
    };
    let input = ClientInput::parse(&form).map_err(refused)?;
    let version = parse_version(&version)?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::audit_actor(&viewer).await;
    super::service::update(
        &ctx.db,
        chrono::Utc::now(),
        &actor,
        client_id,
        input,
        version,
    )
    .await
    .map_err(failed)?;
    leptos_axum::redirect(&format!("/clients/{client_id}?saved=profile"));
    Ok(())
}

/// Closes a client; its history stays.
#[server]
pub async fn close_client(
    client_id: String,
    #[server(default)] version: String,
) -> Result<(), AppError> {
    use crate::kernel::{Permission, guard::require};
    let viewer = require(Permission::ManageClients)?;
    let client_id = id(&client_id)?;
    let version = parse_version(&version)?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::audit_actor(&viewer).await;
    super::service::close(&ctx.db, chrono::Utc::now(), &actor, client_id, version)
        .await
        .map_err(failed)?;
    leptos_axum::redirect(&format!("/clients/{client_id}?saved=closed"));
    Ok(())
}

/// The client's name and the contact for its form (a blank one for `new`).
#[server]
pub async fn get_contact(
    client_id: String,
    contact_id: String,
) -> Result<(String, ContactView), AppError> {
    use crate::kernel::{Permission, guard::require};
    require(Permission::ManageClients)?;
    let ctx = crate::kernel::context::server_context()?;
    let owner = super::service::find(&ctx.db, id(&client_id)?)
        .await
        .map_err(failed)?;
    let contact = match optional_id(&contact_id)? {
        None => ContactView {
            client_id: owner.id,
            ..Default::default()
        },
        Some(contact) => super::service::find_contact(&ctx.db, owner.id, contact)
            .await
            .map(ContactView::from)
            .map_err(failed)?,
    };
    Ok((super::service::name_of(&owner), contact))
}

#[server]
pub async fn save_contact(
    client_id: String,
    #[server(default)] contact_id: String,
    first_name: String,
    last_name: String,
    email: String,
    #[server(default)] phone: String,
    #[server(default)] email_general: Option<String>,
    #[server(default)] email_invoice: Option<String>,
    #[server(default)] email_support: Option<String>,
    #[server(default)] email_product: Option<String>,
    #[server(default)] version: String,
) -> Result<(), AppError> {
    use super::model::ContactInput;
    use crate::kernel::{Permission, guard::require};
    let viewer = require(Permission::ManageClients)?;
    let client_id = id(&client_id)?;
    let contact_id = optional_id(&contact_id)?;
    let form = super::model::ContactForm {
        first_name,
        last_name,
        email,
        phone,
        email_general,
        email_invoice,
        email_support,
        email_product,
    };
    let input = ContactInput::parse(&form).map_err(refused)?;
    let version = parse_version(&version)?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::audit_actor(&viewer).await;
    super::service::save_contact(
        &ctx.db,
        chrono::Utc::now(),
        &actor,
        client_id,
        contact_id,
        input,
        version,
    )
    .await
    .map_err(failed)?;
    leptos_axum::redirect(&format!("/clients/{client_id}?saved=contact#contacts"));
    Ok(())
}

#[server]
pub async fn delete_contact(
    client_id: String,
    contact_id: String,
    #[server(default)] version: String,
) -> Result<(), AppError> {
    use crate::kernel::{Permission, guard::require};
    let viewer = require(Permission::ManageClients)?;
    let client_id = id(&client_id)?;
    let contact_id = id(&contact_id)?;
    let version = parse_version(&version)?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::audit_actor(&viewer).await;
    super::service::delete_contact(
        &ctx.db,
        chrono::Utc::now(),
        &actor,
        client_id,
        contact_id,
        version,
    )
    .await
    .map_err(failed)?;
    leptos_axum::redirect(&format!(
        "/clients/{client_id}?saved=contact_deleted#contacts"
    ));
    Ok(())
}

/// The client's name and the service for its form (a new one in the client's currency for `new`).
#[server]
pub async fn get_service(
    client_id: String,
    service_id: String,
) -> Result<(String, ServiceView), AppError> {
    use crate::kernel::{Permission, guard::require};
    require(Permission::ManageServices)?;
    let ctx = crate::kernel::context::server_context()?;
    let owner = super::service::find(&ctx.db, id(&client_id)?)
        .await
        .map_err(failed)?;
    let service = match optional_id(&service_id)? {
        None => ServiceView {
            client_id: owner.id,
            form: super::model::ServiceForm {
                currency: owner.currency.clone(),
                billing_cycle: "monthly".into(),
                status: "active".into(),
                ..Default::default()
            },
            ..Default::default()
        },
        Some(service) => super::service::find_service(&ctx.db, owner.id, service)
            .await
            .map(ServiceView::from)
            .map_err(failed)?,
    };
    Ok((super::service::name_of(&owner), service))
}

#[server]
pub async fn save_service(
    client_id: String,
    #[server(default)] service_id: String,
    product: String,
    #[server(default)] domain: String,
    billing_cycle: String,
    #[server(default)] amount: String,
    currency: String,
    #[server(default)] next_due: String,
    status: String,
    #[server(default)] version: String,
) -> Result<(), AppError> {
    use super::model::ServiceInput;
    use crate::kernel::{Permission, guard::require};
    let viewer = require(Permission::ManageServices)?;
    let client_id = id(&client_id)?;
    let service_id = optional_id(&service_id)?;
    let form = super::model::ServiceForm {
        product,
        domain,
        billing_cycle,
        amount,
        currency,
        next_due,
        status,
    };
    let input = ServiceInput::parse(&form).map_err(refused)?;
    let version = parse_version(&version)?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::audit_actor(&viewer).await;
    super::service::save_service(
        &ctx.db,
        chrono::Utc::now(),
        &actor,
        client_id,
        service_id,
        input,
        version,
    )
    .await
    .map_err(failed)?;
    leptos_axum::redirect(&format!("/clients/{client_id}?saved=service#services"));
    Ok(())
}

/// One page of a client's invoices, newest first.
#[server]
pub async fn list_client_invoices(
    client_id: String,
    #[server(default)] after: Option<String>,
) -> Result<InvoiceList, AppError> {
    use crate::kernel::{Permission, guard::require};
    let viewer = require(Permission::ViewClients)?;
    let ctx = crate::kernel::context::server_context()?;
    let owner = super::service::find(&ctx.db, id(&client_id)?)
        .await
        .map_err(failed)?;
    let after = after.and_then(|a| a.trim().parse::<i32>().ok());
    let (rows, next) = super::service::invoice_page(&ctx.db, &owner, after, false).await?;
    Ok(InvoiceList {
        client_id: owner.id,
        client_name: super::service::name_of(&owner),
        rows,
        next,
        can_create: viewer.can(Permission::ManageInvoices),
    })
}

/// An invoice with its lines and payments (a new draft in the client's currency for `new`).
#[server]
pub async fn get_invoice(client_id: String, invoice_id: String) -> Result<InvoiceView, AppError> {
    use crate::kernel::{Permission, guard::require};
    let viewer = require(Permission::ViewClients)?;
    let can_manage = viewer.can(Permission::ManageInvoices);
    let ctx = crate::kernel::context::server_context()?;
    let client_id = id(&client_id)?;
    match optional_id(&invoice_id)? {
        None => {
            require(Permission::ManageInvoices)?;
            let owner = super::service::find(&ctx.db, client_id)
                .await
                .map_err(failed)?;
            Ok(super::summary::new_invoice(&owner, chrono::Utc::now()))
        }
        Some(invoice) => super::service::invoice_view(&ctx.db, client_id, invoice, can_manage)
            .await
            .map_err(failed),
    }
}

/// Creates or edits an invoice. Lines come as `lines[d<i>]`, `lines[a<i>]` and `lines[t<i>]`.
#[server]
pub async fn save_invoice(
    client_id: String,
    #[server(default)] invoice_id: String,
    issued_on: String,
    due_on: String,
    currency: String,
    #[server(default)] tax_rate: String,
    status: String,
    #[server(default)] notes: String,
    #[server(default)] lines: std::collections::HashMap<String, String>,
    #[server(default)] version: String,
) -> Result<(), AppError> {
    use super::model::InvoiceInput;
    use crate::kernel::{Permission, guard::require};
    let viewer = require(Permission::ManageInvoices)?;
    let client_id = id(&client_id)?;
    let invoice_id = optional_id(&invoice_id)?;
    let form = super::model::InvoiceForm {
        issued_on,
        due_on,
        currency,
        tax_rate,
        status,
        notes,
        lines,
    };
    let input = InvoiceInput::parse(&form).map_err(refused)?;
    let version = parse_version(&version)?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::audit_actor(&viewer).await;
    let saved = super::service::save_invoice(
        &ctx.db,
        chrono::Utc::now(),
        &actor,
        client_id,
        invoice_id,
        input,
        version,
    )
    .await
    .map_err(failed)?;
    leptos_axum::redirect(&format!("/clients/{client_id}/invoices/{saved}?saved=1"));
    Ok(())
}

#[cfg(feature = "ssr")]
async fn payment(
    client_id: String,
    invoice_id: String,
    form: super::model::PaymentForm,
    version: String,
    refund: bool,
) -> Result<(), AppError> {
    use crate::kernel::{Permission, guard::require};
    let viewer = require(Permission::ManageInvoices)?;
    let client_id = id(&client_id)?;
    let invoice_id = id(&invoice_id)?;
    let version = parse_version(&version)?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::audit_actor(&viewer).await;
    super::service::record_payment(
        &ctx.db,
        chrono::Utc::now(),
        &actor,
        Some(viewer.id),
        client_id,
        invoice_id,
        &form,
        refund,
        version,
    )
    .await
    .map_err(failed)?;
    leptos_axum::redirect(&format!(
        "/clients/{client_id}/invoices/{invoice_id}?saved={}",
        if refund { "refund" } else { "payment" }
    ));
    Ok(())
}

/// Records a payment; without an amount it pays the balance ("Mark paid").
#[server]
pub async fn record_payment(
    client_id: String,
    invoice_id: String,
    paid_on: String,
    #[server(default)] amount: String,
    method: String,
    #[server(default)] reference: String,
    #[server(default)] version: String,
) -> Result<(), AppError> {
    let form = super::model::PaymentForm {
        paid_on,
        amount,
        method,
        reference,
    };
    payment(client_id, invoice_id, form, version, false).await
}

/// Records a refund; without an amount it refunds everything paid.
#[server]
pub async fn refund_payment(
    client_id: String,
    invoice_id: String,
    paid_on: String,
    #[server(default)] amount: String,
    method: String,
    #[server(default)] reference: String,
    #[server(default)] version: String,
) -> Result<(), AppError> {
    let form = super::model::PaymentForm {
        paid_on,
        amount,
        method,
        reference,
    };
    payment(client_id, invoice_id, form, version, true).await
}

/// Adds a note, or edits one (its author or a manager).
#[server]
pub async fn save_client_note(
    client_id: String,
    #[server(default)] note_id: String,
    body: String,
    #[server(default)] sticky: Option<String>,
    #[server(default)] version: String,
) -> Result<(), AppError> {
    use crate::kernel::{Permission, guard::require};
    let viewer = require(Permission::ViewClientNotes)?;
    let client_id = id(&client_id)?;
    let note_id = optional_id(&note_id)?;
    let body = super::model::note_body(&body).map_err(|e| refused(("body", e)))?;
    let sticky = super::model::checked(&sticky);
    let version = parse_version(&version)?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::audit_actor(&viewer).await;
    super::service::save_note(
        &ctx.db,
        chrono::Utc::now(),
        &actor,
        &viewer,
        client_id,
        note_id,
        body,
        sticky,
        version,
    )
    .await
    .map_err(failed)?;
    leptos_axum::redirect(&format!("/clients/{client_id}?saved=note#notes"));
    Ok(())
}

#[server]
pub async fn delete_client_note(
    client_id: String,
    note_id: String,
    #[server(default)] version: String,
) -> Result<(), AppError> {
    use crate::kernel::{Permission, guard::require};
    let viewer = require(Permission::ViewClientNotes)?;
    let client_id = id(&client_id)?;
    let note_id = id(&note_id)?;
    let version = parse_version(&version)?;
    let ctx = crate::kernel::context::server_context()?;
    let actor = crate::kernel::guard::audit_actor(&viewer).await;
    super::service::delete_note(
        &ctx.db,
        chrono::Utc::now(),
        &actor,
        &viewer,
        client_id,
        note_id,
        version,
    )
    .await
    .map_err(failed)?;
    leptos_axum::redirect(&format!("/clients/{client_id}?saved=note_deleted#notes"));
    Ok(())
}
