//! The clients pages: the list (`/clients`), a new client, the Summary (`/clients/<id>`) with its
//! sections, and the forms for the profile, contacts, services, invoices, payments and notes.
//! Every form is a plain post that works before (and without) the WASM.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use server_fn::ServerFn;

use super::api::{
    CloseClient, CreateClient, DeleteClientNote, DeleteContact, RecordPayment, RefundPayment,
    SaveClientNote, SaveContact, SaveInvoice, SaveService, UpdateClient, get_client,
    get_client_summary, get_contact, get_invoice, get_service, list_client_invoices, list_clients,
};
use super::model::{
    BillingCycle, ClientFilter, ClientPage, ClientStatus, ClientView, ContactView, Country,
    InvoiceStatus, InvoiceView, MAX_LINES, NoteView, ServiceStatus, ServiceView, Summary,
};
use crate::kernel::error::AppError;
use crate::kernel::i18n::{Lang, t, t_args};
use crate::kernel::money::Currency;
use crate::kernel::ui::form::{
    Field, FieldSpec, FormAlert, LanguageSelect, Rule, SmartForm, submit_error,
};
use crate::kernel::ui::{ErrorPage, Pager};
use crate::kernel::validation::Email;

fn loading() -> impl IntoView {
    view! { <p class="muted">{t("common-loading")}</p> }
}

fn title(text: String) -> impl IntoView {
    view! { <Title text=format!("{text} — Staffdesk")/> }
}

fn param(name: &'static str) -> String {
    use_params_map().with_untracked(|p| p.get(name).unwrap_or_default())
}

fn field_error(error: &Option<AppError>, name: &str) -> Option<String> {
    error
        .as_ref()
        .filter(|e| e.is_for(name))
        .map(|e| e.message.clone())
}

/// A labelled `<select>` whose error, after a refused post, is tied to it.
#[component]
pub(crate) fn Choice(
    id: &'static str,
    name: &'static str,
    label: String,
    options: Vec<(String, String)>,
    selected: String,
    blank: Option<String>,
    error: Option<String>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=name aria-describedby=error_id.clone() aria-invalid=error.is_some().to_string()>
                {blank.map(|b| view! { <option value="">{b}</option> })}
                {options.into_iter().map(|(value, text)| {
                    let chosen = value == selected;
                    view! { <option value=value selected=chosen>{text}</option> }
                }).collect_view()}
            </select>
            <p id=error_id class="field-error" aria-live="polite">{error}</p>
        </div>
    }
}

#[component]
pub(crate) fn Check(
    id: &'static str,
    name: &'static str,
    label: String,
    checked: bool,
) -> impl IntoView {
    view! {
        <div class="field checkbox-field">
            <input type="checkbox" id=id name=name value="on" checked=checked/>
            <label for=id>{label}</label>
        </div>
    }
}

pub(crate) fn country_options() -> Vec<(String, String)> {
    Country::choices()
        .into_iter()
        .map(|(code, name)| (code.to_owned(), format!("{name} ({code})")))
        .collect()
}

fn currency_options() -> Vec<(String, String)> {
    Currency::choices()
        .into_iter()
        .map(|c| (c.to_owned(), c.to_owned()))
        .collect()
}

fn status_options<S: Copy>(
    all: &[S],
    key: fn(S) -> &'static str,
    label: fn(S) -> String,
) -> Vec<(String, String)> {
    all.iter()
        .map(|s| (key(*s).to_owned(), label(*s)))
        .collect()
}

/// A text field of a clients form.
pub(crate) fn text(
    id: &str,
    name: &str,
    label_key: &str,
    value: &str,
    max: usize,
    required: bool,
    error: &Option<AppError>,
) -> FieldSpec {
    let spec = FieldSpec::new(
        id,
        name,
        &t(label_key),
        "text",
        if required { Rule::Text } else { Rule::None },
    )
    .max(max)
    .value(value)
    .error_from(error);
    if required { spec } else { spec.optional() }
}

// The list.

#[component]
pub fn ClientsPage() -> impl IntoView {
    let query = use_query_map();
    let (filter, after) = query.with_untracked(|q| {
        let get = |k: &str| q.get(k).unwrap_or_default();
        (
            ClientFilter {
                status: get("status"),
                country: get("country"),
                q: get("q"),
            },
            q.get("after"),
        )
    });
    let paged = after.is_some();
    let args = (filter.clone(), after);
    let page = Resource::new_blocking(
        move || args.clone(),
        |(f, after)| list_clients(f.status, f.country, f.q, after),
    );
    view! {
        {title(t("clients-title"))}
        <Suspense fallback=loading>
            {move || {
                let filter = filter.clone();
                Suspend::new(async move {
                    match page.await {
                        Ok(page) => view! { <ClientList page filter paged/> }.into_any(),
                        Err(error) => view! { <ErrorPage error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn ClientList(page: ClientPage, filter: ClientFilter, paged: bool) -> impl IntoView {
    let ClientPage {
        rows,
        next,
        can_manage,
    } = page;
    let base = filter.query();
    let link = |extra: Option<String>| match (base.is_empty(), extra) {
        (true, None) => "/clients".to_owned(),
        (true, Some(e)) => format!("/clients?{e}"),
        (false, None) => format!("/clients?{base}"),
        (false, Some(e)) => format!("/clients?{base}&{e}"),
    };
    let next = next.map(|cursor| link(Some(format!("after={cursor}"))));
    let first = paged.then(|| link(None));
    let mut statuses = status_options(ClientStatus::ALL, ClientStatus::key, ClientStatus::label);
    statuses.push(("all".to_owned(), t("clients-any-status")));
    view! {
        <div class="page-head">
            <h1>{t("clients-title")}</h1>
            {can_manage.then(|| view! { <div class="actions"><a class="button primary" href="/clients/new">{t("clients-add")}</a></div> })}
        </div>
        <form class="card filters" method="get" action="/clients" role="search">
            <Choice id="filter-status" name="status" label=t("clients-field-status") options=statuses
                selected=filter.status.clone() blank=Some(t("clients-not-closed")) error=None/>
            <Choice id="filter-country" name="country" label=t("clients-field-country") options=country_options()
                selected=filter.country.to_uppercase() blank=Some(t("clients-any-country")) error=None/>
            <div class="field">
                <label for="filter-q">{t("clients-keyword")}</label>
                <input id="filter-q" name="q" type="search" value=filter.q.clone() maxlength="200"/>
            </div>
            <div class="actions"><button type="submit" class="button">{t("clients-filter")}</button></div>
        </form>
        <section class="card" aria-labelledby="clients-heading">
            <h2 id="clients-heading" class="visually-hidden">{t("clients-title")}</h2>
            {if rows.is_empty() {
                view! { <p class="empty">{t("clients-empty")}</p> }.into_any()
            } else {
                view! {
                    <table class="data">
                        <thead><tr>
                            <th scope="col">{t("clients-name")}</th>
                            <th scope="col">{t("clients-field-company")}</th>
                            <th scope="col">{t("clients-field-email")}</th>
                            <th scope="col">{t("clients-field-country")}</th>
                            <th scope="col">{t("clients-field-status")}</th>
                            <th scope="col">{t("clients-created")}</th>
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().map(|c| view! {
                                <tr>
                                    <td><a href=format!("/clients/{}", c.id)>{c.name}</a></td>
                                    <td>{c.company}</td>
                                    <td>{c.email}</td>
                                    <td>{c.country}</td>
                                    <td><span class=c.status.css()>{c.status.label()}</span></td>
                                    <td class="nowrap">{c.created}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            <Pager next first/>
        </section>
    }
}

// The profile form.

#[component]
fn ProfileForm(client: Option<ClientView>, error: Option<AppError>) -> impl IntoView {
    let editing = client.is_some();
    let c = client.unwrap_or_default();
    let f = c.form.clone();
    let action = if editing {
        UpdateClient::PATH
    } else {
        CreateClient::PATH
    };
    let language = Lang::from_code(&f.language).unwrap_or_default();
    let currency = if f.currency.is_empty() {
        "USD".to_owned()
    } else {
        f.currency.clone()
    };
    view! {
        <SmartForm action=action.to_owned()>
            <FormAlert error=error.clone()/>
            {editing.then(|| view! {
                <input type="hidden" name="client_id" value=c.id/>
                <input type="hidden" name="version" value=c.version/>
            })}
            <div class="field-row">
                <Field spec=text("client-first-name", "first_name", "clients-field-first-name", &f.first_name, 100, true, &error)/>
                <Field spec=text("client-last-name", "last_name", "clients-field-last-name", &f.last_name, 100, true, &error)/>
            </div>
            <div class="field-row">
                <Field spec=text("client-company", "company", "clients-field-company", &f.company, 200, false, &error)/>
                <Field spec=FieldSpec::new("client-email", "email", &t("clients-field-email"), "email", Rule::Email)
                    .max(Email::MAX_CHARS).value(&f.email).error_from(&error)/>
                <Field spec=text("client-phone", "phone", "clients-field-phone", &f.phone, 40, false, &error)/>
            </div>
            <Field spec=text("client-street", "street", "clients-field-street", &f.street, 200, false, &error)/>
            <div class="field-row">
                <Field spec=text("client-city", "city", "clients-field-city", &f.city, 100, false, &error)/>
                <Field spec=text("client-state", "state", "clients-field-state", &f.state, 100, false, &error)/>
                <Field spec=text("client-postcode", "postcode", "clients-field-postcode", &f.postcode, 20, false, &error)/>
            </div>
            <div class="field-row">
                <Choice id="client-country" name="country" label=t("clients-field-country") options=country_options()
                    selected=f.country.clone() blank=Some(t("clients-choose-country")) error=field_error(&error, "country")/>
                <Choice blank=None id="client-currency" name="currency" label=t("clients-field-currency") options=currency_options()
                    selected=currency error=field_error(&error, "currency")/>
                <LanguageSelect id="client-language" selected=language/>
                {editing.then(|| view! {
                    <Choice blank=None id="client-status" name="status" label=t("clients-field-status")
                        options=status_options(ClientStatus::ALL, ClientStatus::key, ClientStatus::label)
                        selected=f.status.clone() error=field_error(&error, "status")/>
                })}
            </div>
            <fieldset class="field">
                <legend>{t("clients-options")}</legend>
                <Check id="client-tax-exempt" name="tax_exempt" label=t("clients-field-tax-exempt") checked=f.tax_exempt.is_some()/>
                <Check id="client-no-late-fees" name="no_late_fees" label=t("clients-field-no-late-fees") checked=f.no_late_fees.is_some()/>
                <Check id="client-no-overdue-notices" name="no_overdue_notices" label=t("clients-field-no-overdue-notices") checked=f.no_overdue_notices.is_some()/>
                <Check id="client-marketing" name="marketing_opt_in" label=t("clients-field-marketing-opt-in") checked=f.marketing_opt_in.is_some()/>
            </fieldset>
            <button type="submit" class="button primary">{t(if editing { "clients-save" } else { "clients-add-submit" })}</button>
        </SmartForm>
    }
}

#[component]
pub fn NewClientPage() -> impl IntoView {
    let error = submit_error::<CreateClient>();
    view! {
        {title(t("clients-add"))}
        <h1>{t("clients-add")}</h1>
        <p><a href="/clients">{t("clients-back-to-list")}</a></p>
        <section class="card"><ProfileForm client=None error/></section>
    }
}

#[component]
pub fn ClientEditPage() -> impl IntoView {
    let id = param("id");
    let client = Resource::new_blocking(move || id.clone(), get_client);
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match client.await {
                    Ok(client) => {
                        let error = submit_error::<UpdateClient>();
                        let close_error = submit_error::<CloseClient>();
                        let heading = t_args("clients-edit-heading", &[("name", client.name().into())]);
                        let closed = client.status() == ClientStatus::Closed;
                        let (id, version) = (client.id, client.version);
                        view! {
                            {title(heading.clone())}
                            <h1>{heading}</h1>
                            <p><a href=format!("/clients/{id}")>{t("clients-back-to-summary")}</a></p>
                            <section class="card"><ProfileForm client=Some(client) error/></section>
                            {(!closed).then(|| view! {
                                <section class="card" aria-labelledby="close-heading">
                                    <h2 id="close-heading">{t("clients-close-heading")}</h2>
                                    <p class="muted">{t("clients-close-lead")}</p>
                                    <FormAlert error=close_error/>
                                    <form method="post" action=CloseClient::PATH>
                                        <input type="hidden" name="client_id" value=id/>
                                        <input type="hidden" name="version" value=version/>
                                        <button type="submit" class="button">{t("clients-close")}</button>
                                    </form>
                                </section>
                            })}
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

// The Summary.

#[component]
pub fn ClientSummaryPage() -> impl IntoView {
    let id = param("id");
    let saved = use_query_map().with_untracked(|q| q.get("saved"));
    let summary = Resource::new_blocking(move || id.clone(), get_client_summary);
    view! {
        <Suspense fallback=loading>
            {move || {
                let saved = saved.clone();
                Suspend::new(async move {
                    match summary.await {
                        Ok(summary) => view! { <SummaryView summary saved/> }.into_any(),
                        Err(error) => view! { <ErrorPage error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn SummaryView(summary: Summary, saved: Option<String>) -> impl IntoView {
    let Summary {
        client,
        contacts,
        services,
        totals,
        invoices,
        invoice_count,
        tickets,
        notes,
        log,
        can_manage,
        can_services,
        can_invoices,
        can_open_ticket,
    } = summary;
    let id = client.id;
    let name = client.name();
    let status = client.status();
    let notice = saved.map(|what| {
        t(match what.as_str() {
            "created" => "clients-saved-created",
            "closed" => "clients-saved-closed",
            "contact" => "clients-saved-contact",
            "contact_deleted" => "clients-saved-contact-deleted",
            "service" => "clients-saved-service",
            "note" => "clients-saved-note",
            "note_deleted" => "clients-saved-note-deleted",
            "user_invited" => "users-saved-invited",
            "user_cancelled" => "users-saved-cancelled",
            "user_saved" => "users-saved-permissions",
            "user_removed" => "users-saved-removed",
            _ => "clients-saved-profile",
        })
    });
    let note_error = submit_error::<SaveClientNote>().or_else(submit_error::<DeleteClientNote>);
    let f = client.form.clone();
    let yes_no = |v: &Option<String>| {
        t(if v.is_some() {
            "common-yes"
        } else {
            "common-no"
        })
    };
    let address: Vec<String> = [
        f.street.clone(),
        format!("{} {}", f.postcode, f.city).trim().to_owned(),
        f.state.clone(),
        Country::name_of(&f.country),
    ]
    .into_iter()
    .filter(|s| !s.trim().is_empty())
    .collect();
    let language = Lang::from_code(&f.language)
        .unwrap_or_default()
        .native_name();
    let tabs = [
        ("profile", "clients-tab-profile"),
        ("contacts", "clients-tab-contacts"),
        ("services", "clients-tab-services"),
        ("invoices", "clients-tab-invoices"),
        ("tickets", "clients-tab-tickets"),
        ("users", "users-title"),
        ("notes", "clients-tab-notes"),
        ("log", "clients-tab-log"),
    ];
    let shown = |tab: &str| match tab {
        "tickets" => tickets.is_some(),
        "notes" => notes.is_some(),
        "log" => log.is_some(),
        _ => true,
    };
    let tab_links: Vec<_> = tabs.into_iter().filter(|(tab, _)| shown(tab)).collect();
    view! {
        {title(name.clone())}
        <div class="page-head">
            <h1>{name.clone()} " " <span class=status.css()>{status.label()}</span></h1>
            <div class="actions">
                {can_manage.then(|| view! { <a class="button" href=format!("/clients/{id}/edit")>{t("clients-edit")}</a> })}
                {can_invoices.then(|| view! { <a class="button primary" href=format!("/clients/{id}/invoices/new")>{t("clients-new-invoice")}</a> })}
            </div>
        </div>
        {notice.map(|n| view! { <p class="alert alert-ok" role="status">{n}</p> })}
        <nav class="status-tabs" aria-label=t("clients-sections")>
            {tab_links.into_iter().map(|(tab, key)| view! { <a href=format!("#{tab}")>{t(key)}</a> }).collect_view()}
        </nav>

        <section class="card" id="profile" aria-labelledby="profile-heading">
            <h2 id="profile-heading">{t("clients-tab-profile")}</h2>
            <dl class="facts">
                <dt>{t("clients-field-company")}</dt><dd>{f.company.clone()}</dd>
                <dt>{t("clients-field-email")}</dt><dd><a href=format!("mailto:{}", f.email)>{f.email.clone()}</a></dd>
                <dt>{t("clients-field-phone")}</dt><dd>{f.phone.clone()}</dd>
                <dt>{t("clients-address")}</dt><dd>{address.join(", ")}</dd>
                <dt>{t("clients-field-currency")}</dt><dd>{f.currency.clone()}</dd>
                <dt>{t("field-language")}</dt><dd>{language}</dd>
                <dt>{t("clients-created")}</dt><dd>{client.created.clone()}</dd>
                <dt>{t("clients-field-tax-exempt")}</dt><dd>{yes_no(&f.tax_exempt)}</dd>
                <dt>{t("clients-field-no-late-fees")}</dt><dd>{yes_no(&f.no_late_fees)}</dd>
                <dt>{t("clients-field-no-overdue-notices")}</dt><dd>{yes_no(&f.no_overdue_notices)}</dd>
                <dt>{t("clients-field-marketing-opt-in")}</dt><dd>{yes_no(&f.marketing_opt_in)}</dd>
            </dl>
        </section>

        <section class="card" id="contacts" aria-labelledby="contacts-heading">
            <div class="page-head">
                <h2 id="contacts-heading">{t("clients-tab-contacts")}</h2>
                {can_manage.then(|| view! { <a class="button small-button" href=format!("/clients/{id}/contacts/new")>{t("clients-add-contact")}</a> })}
            </div>
            {if contacts.is_empty() {
                view! { <p class="empty">{t("clients-no-contacts")}</p> }.into_any()
            } else {
                view! {
                    <table class="data">
                        <thead><tr>
                            <th scope="col">{t("clients-name")}</th><th scope="col">{t("clients-field-email")}</th>
                            <th scope="col">{t("clients-field-phone")}</th><th scope="col">{t("clients-contact-emails")}</th>
                        </tr></thead>
                        <tbody>{contacts.into_iter().map(|c| {
                            let f = c.form;
                            let gets: Vec<String> = [
                                (&f.email_general, "clients-field-email-general"),
                                (&f.email_invoice, "clients-field-email-invoice"),
                                (&f.email_support, "clients-field-email-support"),
                                (&f.email_product, "clients-field-email-product"),
                            ].into_iter().filter(|(on, _)| on.is_some()).map(|(_, k)| t(k)).collect();
                            let name = format!("{} {}", f.first_name, f.last_name);
                            view! {
                                <tr>
                                    <td>{if can_manage {
                                        view! { <a href=format!("/clients/{id}/contacts/{}", c.id)>{name}</a> }.into_any()
                                    } else { name.into_any() }}</td>
                                    <td>{f.email}</td><td>{f.phone}</td><td>{gets.join(", ")}</td>
                                </tr>
                            }
                        }).collect_view()}</tbody>
                    </table>
                }.into_any()
            }}
        </section>

        <section class="card" id="services" aria-labelledby="services-heading">
            <div class="page-head">
                <h2 id="services-heading">{t("clients-tab-services")}</h2>
                {can_services.then(|| view! { <a class="button small-button" href=format!("/clients/{id}/services/new")>{t("clients-add-service")}</a> })}
            </div>
            {if services.is_empty() {
                view! { <p class="empty">{t("clients-no-services")}</p> }.into_any()
            } else {
                view! {
                    <table class="data">
                        <thead><tr>
                            <th scope="col">{t("clients-field-product")}</th><th scope="col">{t("clients-field-domain")}</th>
                            <th scope="col">{t("clients-field-billing-cycle")}</th><th scope="col">{t("clients-field-amount")}</th>
                            <th scope="col">{t("clients-field-next-due")}</th><th scope="col">{t("clients-field-status")}</th>
                        </tr></thead>
                        <tbody>{services.into_iter().map(|s| {
                            let status = ServiceStatus::from_key(&s.form.status).unwrap_or(ServiceStatus::Active);
                            let cycle = BillingCycle::from_key(&s.form.billing_cycle).map(BillingCycle::label).unwrap_or_default();
                            let product = s.form.product.clone();
                            view! {
                                <tr>
                                    <td>{if can_services {
                                        view! { <a href=format!("/clients/{id}/services/{}", s.id)>{product}</a> }.into_any()
                                    } else { product.into_any() }}</td>
                                    <td>{s.form.domain}</td><td>{cycle}</td><td class="nowrap">{s.price}</td>
                                    <td class="nowrap">{s.form.next_due}</td>
                                    <td><span class=status.css()>{status.label()}</span></td>
                                </tr>
                            }
                        }).collect_view()}</tbody>
                    </table>
                }.into_any()
            }}
        </section>

        <section class="card" id="invoices" aria-labelledby="invoices-heading">
            <div class="page-head">
                <h2 id="invoices-heading">{t("clients-tab-invoices")}</h2>
                {can_invoices.then(|| view! { <a class="button small-button" href=format!("/clients/{id}/invoices/new")>{t("clients-new-invoice")}</a> })}
            </div>
            {(!totals.is_empty()).then(|| view! {
                <table class="data invoice-totals">
                    <caption class="visually-hidden">{t("clients-invoice-totals")}</caption>
                    <thead><tr>
                        <th scope="col">{t("clients-field-currency")}</th>
                        <th scope="col">{t("clients-invoice-status-paid")}</th>
                        <th scope="col">{t("clients-invoice-status-unpaid")}</th>
                        <th scope="col">{t("clients-invoice-status-overdue")}</th>
                    </tr></thead>
                    <tbody>{totals.into_iter().map(|t| view! {
                        <tr>
                            <th scope="row">{t.currency}</th>
                            <td>{format!("{} ({})", t.paid.1, t.paid.0)}</td>
                            <td>{format!("{} ({})", t.unpaid.1, t.unpaid.0)}</td>
                            <td>{format!("{} ({})", t.overdue.1, t.overdue.0)}</td>
                        </tr>
                    }).collect_view()}</tbody>
                </table>
            })}
            {if invoices.is_empty() {
                view! { <p class="empty">{t("clients-no-invoices")}</p> }.into_any()
            } else {
                view! {
                    <InvoiceTable rows=invoices/>
                    <p class="muted small">
                        {t_args("clients-invoices-shown", &[("shown", (invoice_count.min(super::model::RECENT_INVOICES)).into()), ("count", invoice_count.into())])}
                        " " <a href=format!("/clients/{id}/invoices")>{t("clients-all-invoices")}</a>
                    </p>
                }.into_any()
            }}
        </section>

        {tickets.map(|tickets| view! {
            <section class="card" id="tickets" aria-labelledby="tickets-heading">
                <div class="page-head">
                    <h2 id="tickets-heading">{t("clients-tab-tickets")}</h2>
                    {can_open_ticket.then(|| view! { <a class="button small-button" href=format!("/tickets/new?client={id}")>{t("clients-open-ticket")}</a> })}
                </div>
                {if tickets.is_empty() {
                    view! { <p class="empty">{t("clients-no-tickets")}</p> }.into_any()
                } else {
                    view! {
                        <table class="data">
                            <thead><tr>
                                <th scope="col">{t("clients-ticket")}</th><th scope="col">{t("clients-subject")}</th>
                                <th scope="col">{t("clients-field-status")}</th><th scope="col">{t("clients-last-reply")}</th>
                            </tr></thead>
                            <tbody>{tickets.into_iter().map(|tk| view! {
                                <tr>
                                    <td><a href=format!("/tickets/{}", tk.reference)>{tk.reference.clone()}</a></td>
                                    <td>{tk.subject}</td>
                                    <td><span class=tk.status_css>{tk.status}</span></td>
                                    <td class="nowrap">{tk.last_reply}</td>
                                </tr>
                            }).collect_view()}</tbody>
                        </table>
                    }.into_any()
                }}
            </section>
        })}

        <crate::users::pages::ClientUsers client_id=id/>

        {notes.map(|notes| view! {
            <section class="card" id="notes" aria-labelledby="notes-heading">
                <h2 id="notes-heading">{t("clients-tab-notes")}</h2>
                <FormAlert error=note_error.clone()/>
                <form method="post" action=SaveClientNote::PATH class="note-form">
                    <input type="hidden" name="client_id" value=id/>
                    <div class="field">
                        <label for="note-body">{t("clients-note-new")}</label>
                        <textarea id="note-body" name="body" rows="3" maxlength="5000" required
                            aria-describedby="note-body-error">{String::new()}</textarea>
                        <p id="note-body-error" class="field-error">{field_error(&note_error, "body")}</p>
                    </div>
                    <Check id="note-sticky" name="sticky" label=t("clients-note-sticky") checked=false/>
                    <button type="submit" class="button">{t("clients-note-add")}</button>
                </form>
                {if notes.is_empty() {
                    view! { <p class="empty">{t("clients-no-notes")}</p> }.into_any()
                } else {
                    view! { <div class="thread">{notes.into_iter().map(|n| view! { <NoteCard note=n client_id=id/> }).collect_view()}</div> }.into_any()
                }}
            </section>
        })}

        {log.map(|log| view! {
            <section class="card" id="log" aria-labelledby="log-heading">
                <h2 id="log-heading">{t("clients-tab-log")}</h2>
                {if log.is_empty() {
                    view! { <p class="empty">{t("clients-no-log")}</p> }.into_any()
                } else {
                    view! {
                        <table class="data">
                            <thead><tr><th scope="col">{t("clients-when")}</th><th scope="col">{t("clients-who")}</th><th scope="col">{t("clients-what")}</th></tr></thead>
                            <tbody>{log.into_iter().map(|l| view! {
                                <tr><td class="nowrap">{l.at}</td><td>{l.actor}</td><td>{l.action}</td></tr>
                            }).collect_view()}</tbody>
                        </table>
                    }.into_any()
                }}
            </section>
        })}
    }
}

#[component]
fn InvoiceTable(rows: Vec<super::model::InvoiceRow>) -> impl IntoView {
    view! {
        <table class="data">
            <thead><tr>
                <th scope="col">{t("clients-invoice-number")}</th><th scope="col">{t("clients-field-issued-on")}</th>
                <th scope="col">{t("clients-field-due-on")}</th><th scope="col">{t("clients-total")}</th>
                <th scope="col">{t("clients-balance")}</th><th scope="col">{t("clients-field-status")}</th>
            </tr></thead>
            <tbody>{rows.into_iter().map(|i| view! {
                <tr>
                    <td><a href=format!("/clients/{}/invoices/{}", i.client_id, i.id)>{format!("#{}", i.id)}</a></td>
                    <td class="nowrap">{i.issued_on}</td><td class="nowrap">{i.due_on}</td>
                    <td class="nowrap">{i.total}</td><td class="nowrap">{i.balance}</td>
                    <td><span class=i.status.css()>{i.status.label()}</span></td>
                </tr>
            }).collect_view()}</tbody>
        </table>
    }
}

#[component]
fn NoteCard(note: NoteView, client_id: i32) -> impl IntoView {
    let editor_id = format!("note-{}-body", note.id);
    let sticky_id = format!("note-{}-sticky", note.id);
    view! {
        <article class="message note-card" aria-label=t_args("clients-note-by", &[("author", note.author.clone().into())])>
            <p class="small muted">
                {note.sticky.then(|| view! { <span class="badge note-badge">{t("clients-note-sticky-badge")}</span> " " })}
                <strong>{note.author.clone()}</strong> " · " {note.at.clone()}
                {note.edited.clone().map(|e| format!(" · {}", t_args("clients-note-edited", &[("at", e.into())])))}
            </p>
            <div class="message-body pre">{note.body.clone()}</div>
            {note.can_edit.then(|| view! {
                <details>
                    <summary>{t("clients-note-edit")}</summary>
                    <form method="post" action=SaveClientNote::PATH>
                        <input type="hidden" name="client_id" value=client_id/>
                        <input type="hidden" name="note_id" value=note.id/>
                        <input type="hidden" name="version" value=note.version/>
                        <div class="field">
                            <label for=editor_id.clone()>{t("clients-note-text")}</label>
                            <textarea id=editor_id name="body" rows="3" maxlength="5000" required>{note.body.clone()}</textarea>
                        </div>
                        <div class="field checkbox-field">
                            <input type="checkbox" id=sticky_id.clone() name="sticky" value="on" checked=note.sticky/>
                            <label for=sticky_id>{t("clients-note-sticky")}</label>
                        </div>
                        <button type="submit" class="button small-button">{t("clients-note-save")}</button>
                    </form>
                    <form method="post" action=DeleteClientNote::PATH>
                        <input type="hidden" name="client_id" value=client_id/>
                        <input type="hidden" name="note_id" value=note.id/>
                        <input type="hidden" name="version" value=note.version/>
                        <button type="submit" class="button small-button">{t("clients-note-delete")}</button>
                    </form>
                </details>
            })}
        </article>
    }
}

// A client's invoices.

#[component]
pub fn ClientInvoicesPage() -> impl IntoView {
    let id = param("id");
    let after = use_query_map().with_untracked(|q| q.get("after"));
    let paged = after.is_some();
    let list = Resource::new_blocking(
        move || (id.clone(), after.clone()),
        |(id, after)| list_client_invoices(id, after),
    );
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => {
                        let heading = t_args("clients-invoices-of", &[("name", list.client_name.clone().into())]);
                        let base = format!("/clients/{}/invoices", list.client_id);
                        let next = list.next.map(|cursor| format!("{base}?after={cursor}"));
                        let first = paged.then(|| base.clone());
                        view! {
                            {title(heading.clone())}
                            <div class="page-head">
                                <h1>{heading}</h1>
                                {list.can_create.then(|| view! {
                                    <div class="actions"><a class="button primary" href=format!("{base}/new")>{t("clients-new-invoice")}</a></div>
                                })}
                            </div>
                            <p><a href=format!("/clients/{}#invoices", list.client_id)>{t_args("clients-back-to", &[("name", list.client_name.into())])}</a></p>
                            <section class="card">
                                {if list.rows.is_empty() {
                                    view! { <p class="empty">{t("clients-no-invoices")}</p> }.into_any()
                                } else {
                                    view! { <InvoiceTable rows=list.rows/> }.into_any()
                                }}
                                <Pager next first/>
                            </section>
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

// Contacts.

#[component]
pub fn ContactPage() -> impl IntoView {
    let args = (param("id"), param("contact"));
    let data = Resource::new_blocking(move || args.clone(), |(c, k)| get_contact(c, k));
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((client, contact)) => view! { <ContactEditor client contact/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A contact's fields: names, email, phone, and the emails they get. Shared with the Client Area.
#[component]
pub fn ContactFields(form: super::model::ContactForm, error: Option<AppError>) -> impl IntoView {
    let f = form;
    view! {
        <div class="field-row">
            <Field spec=text("contact-first-name", "first_name", "clients-field-first-name", &f.first_name, 100, true, &error)/>
            <Field spec=text("contact-last-name", "last_name", "clients-field-last-name", &f.last_name, 100, true, &error)/>
        </div>
        <div class="field-row">
            <Field spec=FieldSpec::new("contact-email", "email", &t("clients-field-email"), "email", Rule::Email)
                .max(Email::MAX_CHARS).value(&f.email).error_from(&error)/>
            <Field spec=text("contact-phone", "phone", "clients-field-phone", &f.phone, 40, false, &error)/>
        </div>
        <fieldset class="field">
            <legend>{t("clients-contact-emails")}</legend>
            <Check id="contact-email-general" name="email_general" label=t("clients-field-email-general") checked=f.email_general.is_some()/>
            <Check id="contact-email-invoice" name="email_invoice" label=t("clients-field-email-invoice") checked=f.email_invoice.is_some()/>
            <Check id="contact-email-support" name="email_support" label=t("clients-field-email-support") checked=f.email_support.is_some()/>
            <Check id="contact-email-product" name="email_product" label=t("clients-field-email-product") checked=f.email_product.is_some()/>
        </fieldset>
    }
}

#[component]
fn ContactEditor(client: String, contact: ContactView) -> impl IntoView {
    let error = submit_error::<SaveContact>();
    let delete_error = submit_error::<DeleteContact>();
    let new = contact.id == 0;
    let heading = if new {
        t_args(
            "clients-add-contact-for",
            &[("name", client.clone().into())],
        )
    } else {
        t_args(
            "clients-edit-contact",
            &[(
                "name",
                format!("{} {}", contact.form.first_name, contact.form.last_name).into(),
            )],
        )
    };
    let f = contact.form.clone();
    let client_id = contact.client_id;
    view! {
        {title(heading.clone())}
        <h1>{heading}</h1>
        <p><a href=format!("/clients/{client_id}#contacts")>{t_args("clients-back-to", &[("name", client.into())])}</a></p>
        <section class="card">
            <SmartForm action=SaveContact::PATH.to_owned()>
                <FormAlert error=error.clone()/>
                <input type="hidden" name="client_id" value=client_id/>
                <input type="hidden" name="contact_id" value=if new { String::new() } else { contact.id.to_string() }/>
                <input type="hidden" name="version" value=if new { String::new() } else { contact.version.to_string() }/>
                <ContactFields form=f error=error.clone()/>
                <button type="submit" class="button primary">{t(if new { "clients-add-contact" } else { "clients-save" })}</button>
            </SmartForm>
        </section>
        {(!new).then(|| view! {
            <section class="card">
                <FormAlert error=delete_error/>
                <form method="post" action=DeleteContact::PATH>
                    <input type="hidden" name="client_id" value=client_id/>
                    <input type="hidden" name="contact_id" value=contact.id/>
                    <input type="hidden" name="version" value=contact.version/>
                    <button type="submit" class="button">{t("clients-delete-contact")}</button>
                </form>
            </section>
        })}
    }
}

// Services.

#[component]
pub fn ServicePage() -> impl IntoView {
    let args = (param("id"), param("service"));
    let data = Resource::new_blocking(move || args.clone(), |(c, s)| get_service(c, s));
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((client, service)) => view! { <ServiceEditor client service/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ServiceEditor(client: String, service: ServiceView) -> impl IntoView {
    let error = submit_error::<SaveService>();
    let new = service.id == 0;
    let heading = if new {
        t_args(
            "clients-add-service-for",
            &[("name", client.clone().into())],
        )
    } else {
        t_args(
            "clients-edit-service",
            &[("name", service.form.product.clone().into())],
        )
    };
    let f = service.form.clone();
    let client_id = service.client_id;
    view! {
        {title(heading.clone())}
        <h1>{heading}</h1>
        <p><a href=format!("/clients/{client_id}#services")>{t_args("clients-back-to", &[("name", client.into())])}</a></p>
        <section class="card">
            <SmartForm action=SaveService::PATH.to_owned()>
                <FormAlert error=error.clone()/>
                <input type="hidden" name="client_id" value=client_id/>
                <input type="hidden" name="service_id" value=if new { String::new() } else { service.id.to_string() }/>
                <input type="hidden" name="version" value=if new { String::new() } else { service.version.to_string() }/>
                <div class="field-row">
                    <Field spec=text("service-product", "product", "clients-field-product", &f.product, 200, true, &error)/>
                    <Field spec=text("service-domain", "domain", "clients-field-domain", &f.domain, 253, false, &error)/>
                </div>
                <div class="field-row">
                    <Choice blank=None id="service-cycle" name="billing_cycle" label=t("clients-field-billing-cycle")
                        options=status_options(BillingCycle::ALL, BillingCycle::key, BillingCycle::label)
                        selected=f.billing_cycle.clone() error=field_error(&error, "billing_cycle")/>
                    <Field spec=text("service-amount", "amount", "clients-field-amount", &f.amount, 20, false, &error)/>
                    <Choice blank=None id="service-currency" name="currency" label=t("clients-field-currency") options=currency_options()
                        selected=f.currency.clone() error=field_error(&error, "currency")/>
                </div>
                <div class="field-row">
                    <Field spec=FieldSpec::new("service-next-due", "next_due", &t("clients-field-next-due"), "date", Rule::None)
                        .optional().value(&f.next_due).error_from(&error)/>
                    <Choice blank=None id="service-status" name="status" label=t("clients-field-status")
                        options=status_options(ServiceStatus::ALL, ServiceStatus::key, ServiceStatus::label)
                        selected=f.status.clone() error=field_error(&error, "status")/>
                </div>
                <button type="submit" class="button primary">{t(if new { "clients-add-service" } else { "clients-save" })}</button>
            </SmartForm>
        </section>
    }
}

// Invoices.

#[component]
pub fn InvoicePage() -> impl IntoView {
    let args = (param("id"), param("invoice"));
    let saved = use_query_map().with_untracked(|q| q.get("saved"));
    let data = Resource::new_blocking(move || args.clone(), |(c, i)| get_invoice(c, i));
    view! {
        <Suspense fallback=loading>
            {move || {
                let saved = saved.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(invoice) => view! { <InvoiceScreen invoice saved/> }.into_any(),
                        Err(error) => view! { <ErrorPage error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn InvoiceScreen(invoice: InvoiceView, saved: Option<String>) -> impl IntoView {
    let new = invoice.row.id == 0;
    let row = invoice.row.clone();
    let client_id = row.client_id;
    let heading = if new {
        t_args(
            "clients-new-invoice-for",
            &[("name", invoice.client_name.clone().into())],
        )
    } else {
        t_args("clients-invoice-heading", &[("number", row.id.into())])
    };
    let notice = saved.map(|s| {
        t(match s.as_str() {
            "payment" => "clients-saved-payment",
            "refund" => "clients-saved-refund",
            _ => "clients-saved-invoice",
        })
    });
    let editable = invoice.can_manage && (new || row.status.editable());
    let payable = invoice.can_manage && !new && row.status.payable();
    let refundable = invoice.can_manage && !new && invoice.refundable;
    view! {
        {title(heading.clone())}
        <div class="page-head">
            <h1>{heading} {(!new).then(|| view! { " " <span class=row.status.css()>{row.status.label()}</span> })}</h1>
        </div>
        <p><a href=format!("/clients/{client_id}#invoices")>{t_args("clients-back-to", &[("name", invoice.client_name.clone().into())])}</a></p>
        {notice.map(|n| view! { <p class="alert alert-ok" role="status">{n}</p> })}
        {(!new).then(|| view! { <InvoiceDocument invoice=invoice.clone()/> })}
        {payable.then(|| view! { <PaymentForms invoice=invoice.clone()/> })}
        {refundable.then(|| view! { <RefundForm invoice=invoice.clone()/> })}
        {editable.then(|| view! { <InvoiceEditor invoice=invoice.clone()/> })}
        {(!new && !editable && invoice.can_manage).then(|| view! {
            <p class="muted">{t("clients-invoice-locked")}</p>
        })}
    }
}

#[component]
pub fn InvoiceDocument(invoice: InvoiceView) -> impl IntoView {
    let row = invoice.row;
    view! {
        <section class="card invoice" aria-labelledby="invoice-doc-heading">
            <h2 id="invoice-doc-heading" class="visually-hidden">{t("clients-invoice-details")}</h2>
            <dl class="facts">
                <dt>{t("clients-client")}</dt><dd>{invoice.client_name}</dd>
                <dt>{t("clients-field-issued-on")}</dt><dd>{row.issued_on}</dd>
                <dt>{t("clients-field-due-on")}</dt><dd>{row.due_on}</dd>
                <dt>{t("clients-field-currency")}</dt><dd>{invoice.form.currency.clone()}</dd>
            </dl>
            <table class="data">
                <thead><tr><th scope="col">{t("clients-line-description")}</th><th scope="col">{t("clients-line-taxed")}</th><th scope="col">{t("clients-field-amount")}</th></tr></thead>
                <tbody>{invoice.lines.into_iter().map(|(d, a, taxed)| view! {
                    <tr><td>{d}</td><td>{t(if taxed { "common-yes" } else { "common-no" })}</td><td class="nowrap">{a}</td></tr>
                }).collect_view()}</tbody>
                <tfoot>
                    <tr><th scope="row" colspan="2">{t("clients-subtotal")}</th><td class="nowrap">{invoice.subtotal}</td></tr>
                    <tr><th scope="row" colspan="2">{t_args("clients-tax-at", &[("rate", invoice.tax_rate.into())])}</th><td class="nowrap">{invoice.tax}</td></tr>
                    <tr><th scope="row" colspan="2">{t("clients-total")}</th><td class="nowrap"><strong>{row.total}</strong></td></tr>
                    <tr><th scope="row" colspan="2">{t("clients-paid")}</th><td class="nowrap">{invoice.paid}</td></tr>
                    <tr><th scope="row" colspan="2">{t("clients-balance")}</th><td class="nowrap"><strong>{row.balance}</strong></td></tr>
                </tfoot>
            </table>
            {(!invoice.form.notes.is_empty()).then(|| view! { <p class="pre">{invoice.form.notes.clone()}</p> })}
            <h3>{t("clients-payments")}</h3>
            {if invoice.payments.is_empty() {
                view! { <p class="empty">{t("clients-no-payments")}</p> }.into_any()
            } else {
                view! {
                    <table class="data">
                        <thead><tr>
                            <th scope="col">{t("clients-field-paid-on")}</th><th scope="col">{t("clients-payment-kind")}</th>
                            <th scope="col">{t("clients-field-amount")}</th><th scope="col">{t("clients-field-method")}</th>
                            <th scope="col">{t("clients-field-reference")}</th>
                        </tr></thead>
                        <tbody>{invoice.payments.into_iter().map(|p| view! {
                            <tr>
                                <td class="nowrap">{p.paid_on}</td>
                                <td>{t(if p.refund { "clients-refund" } else { "clients-payment" })}</td>
                                <td class="nowrap">{p.amount}</td><td>{p.method}</td><td>{p.reference}</td>
                            </tr>
                        }).collect_view()}</tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

/// Date, method and reference of a payment or refund, with the amount when `amount` is set.
fn payment_fields(
    prefix: &'static str,
    amount: Option<String>,
    error: Option<AppError>,
) -> impl IntoView {
    let error = &error;
    let today = today_text();
    let paid_on = FieldSpec::new(
        &format!("{prefix}-paid-on"),
        "paid_on",
        &t("clients-field-paid-on"),
        "date",
        Rule::None,
    )
    .value(&today)
    .error_from(error);
    let amount = amount.map(|a| {
        FieldSpec::new(
            &format!("{prefix}-amount"),
            "amount",
            &t("clients-field-amount"),
            "text",
            Rule::None,
        )
        .optional()
        .max(20)
        .value(&a)
        .error_from(error)
    });
    let method = FieldSpec::new(
        &format!("{prefix}-method"),
        "method",
        &t("clients-field-method"),
        "text",
        Rule::Text,
    )
    .max(50)
    .error_from(error);
    let reference = FieldSpec::new(
        &format!("{prefix}-reference"),
        "reference",
        &t("clients-field-reference"),
        "text",
        Rule::None,
    )
    .optional()
    .max(100)
    .error_from(error);
    view! {
        <div class="field-row">
            <Field spec=paid_on/>
            {amount.map(|spec| view! { <Field spec/> })}
            <Field spec=method/>
            <Field spec=reference/>
        </div>
    }
}

fn today_text() -> String {
    #[cfg(feature = "ssr")]
    {
        chrono::Utc::now().format("%Y-%m-%d").to_string()
    }
    #[cfg(not(feature = "ssr"))]
    {
        String::new()
    }
}

#[component]
fn PaymentForms(invoice: InvoiceView) -> impl IntoView {
    let error = submit_error::<RecordPayment>();
    let row = invoice.row;
    let fields = payment_fields(
        "payment",
        Some(invoice.balance_amount.clone()),
        error.clone(),
    );
    view! {
        <section class="card" aria-labelledby="payment-heading">
            <h2 id="payment-heading">{t("clients-record-payment")}</h2>
            <p class="muted">{t_args("clients-payment-lead", &[("balance", row.balance.clone().into())])}</p>
            <SmartForm action=RecordPayment::PATH.to_owned()>
                <FormAlert error=error.clone()/>
                <input type="hidden" name="client_id" value=row.client_id/>
                <input type="hidden" name="invoice_id" value=row.id/>
                <input type="hidden" name="version" value=invoice.version/>
                {fields}
                <button type="submit" class="button primary">{t("clients-record-payment")}</button>
            </SmartForm>
        </section>
    }
}

#[component]
fn RefundForm(invoice: InvoiceView) -> impl IntoView {
    let error = submit_error::<RefundPayment>();
    let row = invoice.row;
    let fields = payment_fields("refund", Some(String::new()), error.clone());
    view! {
        <section class="card" aria-labelledby="refund-heading">
            <h2 id="refund-heading">{t("clients-refund-heading")}</h2>
            <p class="muted">{t_args("clients-refund-lead", &[("paid", invoice.paid.clone().into())])}</p>
            <SmartForm action=RefundPayment::PATH.to_owned()>
                <FormAlert error=error.clone()/>
                <input type="hidden" name="client_id" value=row.client_id/>
                <input type="hidden" name="invoice_id" value=row.id/>
                <input type="hidden" name="version" value=invoice.version/>
                {fields}
                <button type="submit" class="button">{t("clients-refund")}</button>
            </SmartForm>
        </section>
    }
}

#[component]
fn InvoiceEditor(invoice: InvoiceView) -> impl IntoView {
    let error = submit_error::<SaveInvoice>();
    let new = invoice.row.id == 0;
    let f = invoice.form.clone();
    let rows = (invoice.lines.len() + 3).min(MAX_LINES);
    let existing = f.lines.clone();
    let line = move |k: &str, i: usize| {
        existing
            .get(&format!("{k}{i}"))
            .cloned()
            .unwrap_or_default()
    };
    let line_count = invoice.lines.len();
    let lines_error = field_error(&error, "lines");
    view! {
        <section class="card" aria-labelledby="invoice-edit-heading">
            <h2 id="invoice-edit-heading">{t(if new { "clients-new-invoice" } else { "clients-edit-invoice" })}</h2>
            <SmartForm action=SaveInvoice::PATH.to_owned()>
                <FormAlert error=error.clone()/>
                <input type="hidden" name="client_id" value=invoice.row.client_id/>
                <input type="hidden" name="invoice_id" value=if new { String::new() } else { invoice.row.id.to_string() }/>
                <input type="hidden" name="version" value=if new { String::new() } else { invoice.version.to_string() }/>
                <div class="field-row">
                    <Field spec=FieldSpec::new("invoice-issued-on", "issued_on", &t("clients-field-issued-on"), "date", Rule::None)
                        .value(&f.issued_on).error_from(&error)/>
                    <Field spec=FieldSpec::new("invoice-due-on", "due_on", &t("clients-field-due-on"), "date", Rule::None)
                        .value(&f.due_on).error_from(&error)/>
                    <Choice blank=None id="invoice-currency" name="currency" label=t("clients-field-currency") options=currency_options()
                        selected=f.currency.clone() error=field_error(&error, "currency")/>
                    <Field spec=FieldSpec::new("invoice-tax-rate", "tax_rate", &t("clients-field-tax-rate"), "text", Rule::None)
                        .optional().max(6).value(&f.tax_rate).error_from(&error)/>
                    <Choice blank=None id="invoice-status" name="status" label=t("clients-field-status")
                        options=status_options(&InvoiceStatus::CHOSEN, InvoiceStatus::key, InvoiceStatus::label)
                        selected=f.status.clone() error=field_error(&error, "status")/>
                </div>
                <fieldset class="field">
                    <legend>{t("clients-lines")}</legend>
                    <p id="lines-error" class="field-error" aria-live="polite">{lines_error}</p>
                    <table class="data lines">
                        <thead><tr>
                            <th scope="col">{t("clients-line-description")}</th>
                            <th scope="col">{t("clients-field-amount")}</th>
                            <th scope="col">{t("clients-line-taxed")}</th>
                        </tr></thead>
                        <tbody>{(0..rows).map(|i| {
                            let n = i + 1;
                            let taxed = if i < line_count { !line("t", i).is_empty() } else { true };
                            view! {
                                <tr>
                                    <td><input type="text" name=format!("lines[d{i}]") value=line("d", i) maxlength="500"
                                        aria-label=t_args("clients-line-description-n", &[("n", n.into())]) aria-describedby="lines-error"/></td>
                                    <td><input type="text" name=format!("lines[a{i}]") value=line("a", i) maxlength="20" inputmode="decimal"
                                        aria-label=t_args("clients-line-amount-n", &[("n", n.into())])/></td>
                                    <td><input type="checkbox" name=format!("lines[t{i}]") value="on" checked=taxed
                                        aria-label=t_args("clients-line-taxed-n", &[("n", n.into())])/></td>
                                </tr>
                            }
                        }).collect_view()}</tbody>
                    </table>
                </fieldset>
                <Field spec=FieldSpec::new("invoice-notes", "notes", &t("clients-field-notes"), "textarea", Rule::MultilineText)
                    .optional().max(2000).value(&f.notes).error_from(&error)/>
                <button type="submit" class="button primary">{t(if new { "clients-create-invoice" } else { "clients-save" })}</button>
            </SmartForm>
        </section>
    }
}
