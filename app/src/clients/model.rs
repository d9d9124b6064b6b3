//! Client input rules, the statuses of clients, services and invoices, invoice arithmetic, and
//! what the clients pages show.

use serde::{Deserialize, Serialize};

use crate::kernel::i18n::t;
use crate::kernel::money::{Currency, parse_amount};
use crate::kernel::names::PersonName;
use crate::kernel::validation::{Email, ValidationError, clean_text, multiline_text};

/// An enum stored by key, with a translated label: `<prefix>-<key with dashes>`.
macro_rules! choice {
    ($(#[$doc:meta])* $name:ident, $prefix:literal, { $($variant:ident => $key:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$(Self::$variant),+];

            /// The stored value; never change one once released.
            pub fn key(self) -> &'static str {
                match self { $(Self::$variant => $key),+ }
            }

            pub fn from_key(key: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|s| s.key() == key)
            }

            /// As typed in a form or a file: a listed key, or unknown.
            pub fn parse(input: &str) -> Result<Self, ValidationError> {
                match input.trim() {
                    "" => Err(ValidationError::Required),
                    key => Self::from_key(&key.to_ascii_lowercase()).ok_or(ValidationError::UnknownChoice),
                }
            }

            pub fn label(self) -> String {
                t(&format!(concat!($prefix, "-{}"), self.key().replace('_', "-")))
            }

            /// The CSS class giving the status its colour.
            pub fn css(self) -> String {
                format!("status status-{}", self.key().replace('_', "-"))
            }
        }
    };
}

choice!(
    /// Closed clients keep their history and leave the default list.
    ClientStatus, "clients-status", { Active => "active", Inactive => "inactive", Closed => "closed" }
);
choice!(ServiceStatus, "clients-service-status", {
    Pending => "pending", Active => "active", Suspended => "suspended",
    Terminated => "terminated", Cancelled => "cancelled",
});
choice!(BillingCycle, "clients-cycle", {
    Free => "free", OneTime => "one_time", Monthly => "monthly", Quarterly => "quarterly",
    SemiAnnually => "semi_annually", Annually => "annually", Biennially => "biennially",
    Triennially => "triennially",
});
choice!(
    /// As in WHMCS. `Paid`, `Refunded` and `Cancelled` invoices are no longer edited.
    InvoiceStatus, "clients-invoice-status", {
    Draft => "draft", Unpaid => "unpaid", Paid => "paid", Overdue => "overdue",
    Cancelled => "cancelled", Refunded => "refunded",
});

impl InvoiceStatus {
    /// Lines, dates and tax can still change: nothing was settled on it yet.
    pub fn editable(self) -> bool {
        matches!(self, Self::Draft | Self::Unpaid | Self::Overdue)
    }

    /// Payments can be recorded against it.
    pub fn payable(self) -> bool {
        matches!(self, Self::Unpaid | Self::Overdue)
    }

    /// The status a form may choose; the others follow from payments and dates.
    pub const CHOSEN: [InvoiceStatus; 3] = [Self::Draft, Self::Unpaid, Self::Cancelled];

    /// Where an invoice in `self` stands once its figures and the date are known: the one rule for
    /// Unpaid, Overdue and Paid. Drafts, cancelled and refunded invoices stay as they are.
    pub fn settle(self, total: i64, paid: i64, overdue: bool) -> Self {
        match self {
            Self::Draft | Self::Cancelled | Self::Refunded => self,
            _ if paid >= total => Self::Paid,
            _ if overdue => Self::Overdue,
            _ => Self::Unpaid,
        }
    }
}

/// An ISO 3166-1 alpha-2 country code that exists, upper case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Country(String);

impl Country {
    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        let code = input.trim();
        if code.is_empty() {
            return Err(ValidationError::Required);
        }
        isocountry::CountryCode::for_alpha2_caseless(code)
            .map(|c| Self(c.alpha2().to_owned()))
            .map_err(|_| ValidationError::UnknownCountry)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// (code, English name) of every country, by name.
    pub fn choices() -> Vec<(&'static str, &'static str)> {
        let mut all: Vec<_> = isocountry::CountryCode::as_array()
            .iter()
            .map(|c| (c.alpha2(), c.name()))
            .collect();
        all.sort_by_key(|(_, name)| *name);
        all
    }

    pub fn name_of(code: &str) -> String {
        isocountry::CountryCode::for_alpha2(code)
            .map_or_else(|_| code.to_owned(), |c| c.name().to_owned())
    }
}

/// Optional short text (company, street, city, …): blank allowed.
pub fn optional_text(input: &str, max_chars: usize) -> Result<String, ValidationError> {
    if input.trim().is_empty() {
        Ok(String::new())
    } else {
        clean_text(input, max_chars)
    }
}

/// An optional phone number: digits, spaces and `+ - ( ) .`, at most 40 characters.
pub fn phone(input: &str) -> Result<String, ValidationError> {
    let value = optional_text(input, 40)?;
    if value
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')' | '.'))
    {
        Ok(value)
    } else {
        Err(ValidationError::PhoneFormat)
    }
}

/// An optional domain name, lower-cased: dotted labels of letters, digits and hyphens.
pub fn domain(input: &str) -> Result<String, ValidationError> {
    let value = optional_text(input, 253)?.to_lowercase();
    if value.is_empty() {
        return Ok(value);
    }
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.chars().count() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    if value.contains('.') && value.split('.').all(label_ok) {
        Ok(value)
    } else {
        Err(ValidationError::DomainFormat)
    }
}

/// A calendar date as forms send it: `YYYY-MM-DD`.
#[cfg(feature = "ssr")]
pub fn date(input: &str) -> Result<chrono::NaiveDate, ValidationError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(ValidationError::Required);
    }
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|d| (1900..=9999).contains(&chrono::Datelike::year(d)))
        .ok_or(ValidationError::DateFormat)
}

/// A tax rate typed as a percentage ("20", "7.25"), as basis points (0 to 10,000).
pub fn tax_rate(input: &str) -> Result<i32, ValidationError> {
    if input.trim().is_empty() {
        return Ok(0);
    }
    let two_decimals = Currency::parse("USD")?;
    let points = parse_amount(input, two_decimals)?;
    i32::try_from(points)
        .ok()
        .filter(|p| *p <= 10_000)
        .ok_or(ValidationError::OutOfRange { min: 0, max: 100 })
}

/// Basis points as the percentage a form shows: 725 → "7.25".
pub fn percent_text(points: i32) -> String {
    format!("{}.{:02}", points / 100, (points % 100).abs())
}

/// Which field failed and why.
pub type FieldError = (&'static str, ValidationError);

fn field<T>(name: &'static str, r: Result<T, ValidationError>) -> Result<T, FieldError> {
    r.map_err(|e| (name, e))
}

/// A checkbox as a form posts it: present ("on", "true") or absent.
pub fn checked(value: &Option<String>) -> bool {
    value.as_deref().is_some_and(is_on)
}

/// A checkbox's posted value that means ticked.
fn is_on(value: &str) -> bool {
    matches!(value.trim(), "on" | "true" | "1" | "yes")
}

/// The client form as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientForm {
    pub first_name: String,
    pub last_name: String,
    pub company: String,
    pub email: String,
    pub phone: String,
    pub street: String,
    pub city: String,
    pub state: String,
    pub postcode: String,
    pub country: String,
    pub status: String,
    pub language: String,
    pub currency: String,
    pub tax_exempt: Option<String>,
    pub no_late_fees: Option<String>,
    pub no_overdue_notices: Option<String>,
    pub marketing_opt_in: Option<String>,
}

/// A validated client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientInput {
    pub first_name: String,
    pub last_name: String,
    pub company: String,
    pub email: Email,
    pub phone: String,
    pub street: String,
    pub city: String,
    pub state: String,
    pub postcode: String,
    pub country: Country,
    pub status: ClientStatus,
    pub language: crate::kernel::i18n::Lang,
    pub currency: Currency,
    pub tax_exempt: bool,
    pub no_late_fees: bool,
    pub no_overdue_notices: bool,
    pub marketing_opt_in: bool,
}

impl ClientInput {
    pub fn parse(f: &ClientForm) -> Result<Self, FieldError> {
        let status = if f.status.trim().is_empty() {
            ClientStatus::Active
        } else {
            field("status", ClientStatus::parse(&f.status))?
        };
        let language = match f.language.trim() {
            "" => crate::kernel::i18n::Lang::En,
            code => field(
                "language",
                crate::kernel::i18n::Lang::from_code(code).ok_or(ValidationError::UnknownChoice),
            )?,
        };
        Ok(Self {
            first_name: field("first_name", PersonName::parse(&f.first_name))?
                .as_str()
                .to_owned(),
            last_name: field("last_name", PersonName::parse(&f.last_name))?
                .as_str()
                .to_owned(),
            company: field("company", optional_text(&f.company, 200))?,
            email: field("email", Email::parse(&f.email))?,
            phone: field("phone", phone(&f.phone))?,
            street: field("street", optional_text(&f.street, 200))?,
            city: field("city", optional_text(&f.city, 100))?,
            state: field("state", optional_text(&f.state, 100))?,
            postcode: field("postcode", optional_text(&f.postcode, 20))?,
            country: field("country", Country::parse(&f.country))?,
            status,
            language,
            currency: field("currency", Currency::parse(&f.currency))?,
            tax_exempt: checked(&f.tax_exempt),
            no_late_fees: checked(&f.no_late_fees),
            no_overdue_notices: checked(&f.no_overdue_notices),
            marketing_opt_in: checked(&f.marketing_opt_in),
        })
    }
}

/// A contact as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactForm {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: String,
    pub email_general: Option<String>,
    pub email_invoice: Option<String>,
    pub email_support: Option<String>,
    pub email_product: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactInput {
    pub first_name: String,
    pub last_name: String,
    pub email: Email,
    pub phone: String,
    pub email_general: bool,
    pub email_invoice: bool,
    pub email_support: bool,
    pub email_product: bool,
}

impl ContactInput {
    pub fn parse(f: &ContactForm) -> Result<Self, FieldError> {
        Ok(Self {
            first_name: field("first_name", PersonName::parse(&f.first_name))?
                .as_str()
                .to_owned(),
            last_name: field("last_name", PersonName::parse(&f.last_name))?
                .as_str()
                .to_owned(),
            email: field("email", Email::parse(&f.email))?,
            phone: field("phone", phone(&f.phone))?,
            email_general: checked(&f.email_general),
            email_invoice: checked(&f.email_invoice),
            email_support: checked(&f.email_support),
            email_product: checked(&f.email_product),
        })
    }
}

/// A service as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceForm {
    pub product: String,
    pub domain: String,
    pub billing_cycle: String,
    pub amount: String,
    pub currency: String,
    pub next_due: String,
    pub status: String,
}

#[cfg(feature = "ssr")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceInput {
    pub product: String,
    pub domain: String,
    pub billing_cycle: BillingCycle,
    pub amount: i64,
    pub currency: Currency,
    pub next_due: Option<chrono::NaiveDate>,
    pub status: ServiceStatus,
}

#[cfg(feature = "ssr")]
impl ServiceInput {
    pub fn parse(f: &ServiceForm) -> Result<Self, FieldError> {
        let currency = field("currency", Currency::parse(&f.currency))?;
        let billing_cycle = field("billing_cycle", BillingCycle::parse(&f.billing_cycle))?;
        let amount = if billing_cycle == BillingCycle::Free && f.amount.trim().is_empty() {
            0
        } else {
            field("amount", parse_amount(&f.amount, currency))?
        };
        Ok(Self {
            product: field("product", clean_text(&f.product, 200))?,
            domain: field("domain", domain(&f.domain))?,
            billing_cycle,
            amount,
            currency,
            next_due: if f.next_due.trim().is_empty() {
                None
            } else {
                Some(field("next_due", date(&f.next_due))?)
            },
            status: field("status", ServiceStatus::parse(&f.status))?,
        })
    }
}

/// How many lines an invoice can have.
pub const MAX_LINES: usize = 50;

/// One line of an invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub description: String,
    pub amount: i64,
    pub taxed: bool,
}

/// An invoice's figures, computed here and nowhere else.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    pub subtotal: i64,
    pub tax: i64,
    pub total: i64,
}

/// Subtotal, tax and total of `lines` at `tax_rate` basis points on the taxed lines (none for a
/// tax-exempt client). Tax rounds half up to the minor unit. Amounts are bounded (`MAX_MINOR`
/// each, `MAX_LINES` lines), so nothing here can overflow.
pub fn invoice_totals(lines: &[Line], tax_rate: i32, tax_exempt: bool) -> Totals {
    let subtotal: i64 = lines.iter().map(|l| l.amount).sum();
    let taxed: i128 = lines
        .iter()
        .filter(|l| l.taxed)
        .map(|l| i128::from(l.amount))
        .sum();
    let tax = if tax_exempt {
        0
    } else {
        let raw = taxed * i128::from(tax_rate);
        i64::try_from((raw + 5_000) / 10_000).unwrap_or(i64::MAX)
    };
    Totals {
        subtotal,
        tax,
        total: subtotal + tax,
    }
}

/// An invoice as posted: dates, currency, tax, status, notes and lines keyed `d<i>` (description),
/// `a<i>` (amount) and `t<i>` (taxed) for line `i`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceForm {
    pub issued_on: String,
    pub due_on: String,
    pub currency: String,
    pub tax_rate: String,
    pub status: String,
    pub notes: String,
    pub lines: std::collections::HashMap<String, String>,
}

#[cfg(feature = "ssr")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceInput {
    pub issued_on: chrono::NaiveDate,
    pub due_on: chrono::NaiveDate,
    pub currency: Currency,
    pub tax_rate: i32,
    pub status: InvoiceStatus,
    pub notes: String,
    pub lines: Vec<Line>,
}

#[cfg(feature = "ssr")]
impl InvoiceInput {
    pub fn parse(f: &InvoiceForm) -> Result<Self, FieldError> {
        let issued_on = field("issued_on", date(&f.issued_on))?;
        let due_on = field("due_on", date(&f.due_on))?;
        if due_on < issued_on {
            return Err(("due_on", ValidationError::DueBeforeIssue));
        }
        let currency = field("currency", Currency::parse(&f.currency))?;
        let status = field("status", InvoiceStatus::parse(&f.status))?;
        if !InvoiceStatus::CHOSEN.contains(&status) {
            return Err(("status", ValidationError::UnknownChoice));
        }
        let mut lines = Vec::new();
        for i in 0..MAX_LINES {
            let get = |k: &str| {
                f.lines
                    .get(&format!("{k}{i}"))
                    .map(String::as_str)
                    .unwrap_or("")
            };
            let (description, amount) = (get("d"), get("a"));
            if description.trim().is_empty() && amount.trim().is_empty() {
                continue;
            }
            lines.push(Line {
                description: field("lines", clean_text(description, 500))?,
                amount: field("lines", parse_amount(amount, currency))?,
                taxed: is_on(get("t")),
            });
        }
        if lines.is_empty() {
            return Err(("lines", ValidationError::Required));
        }
        let total = invoice_totals(&lines, 10_000, false).total;
        if total > crate::kernel::money::MAX_MINOR {
            return Err(("lines", ValidationError::AmountTooLarge));
        }
        Ok(Self {
            issued_on,
            due_on,
            currency,
            tax_rate: field("tax_rate", tax_rate(&f.tax_rate))?,
            status,
            notes: field("notes", multiline_text(&f.notes, 2000))?,
            lines,
        })
    }
}

/// A payment or refund as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentForm {
    pub paid_on: String,
    pub amount: String,
    pub method: String,
    pub reference: String,
}

#[cfg(feature = "ssr")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentInput {
    pub paid_on: chrono::NaiveDate,
    /// None: the whole balance ("Mark paid"), or everything paid (a full refund).
    pub amount: Option<i64>,
    pub method: String,
    pub reference: String,
}

#[cfg(feature = "ssr")]
impl PaymentInput {
    pub fn parse(f: &PaymentForm, currency: Currency) -> Result<Self, FieldError> {
        let amount = if f.amount.trim().is_empty() {
            None
        } else {
            let minor = field("amount", parse_amount(&f.amount, currency))?;
            if minor == 0 {
                return Err(("amount", ValidationError::ZeroAmount));
            }
            Some(minor)
        };
        Ok(Self {
            paid_on: field("paid_on", date(&f.paid_on))?,
            amount,
            method: field("method", clean_text(&f.method, 50))?,
            reference: field("reference", optional_text(&f.reference, 100))?,
        })
    }
}

/// A staff note about a client.
pub fn note_body(input: &str) -> Result<String, ValidationError> {
    let body = multiline_text(input, 5000)?;
    if body.is_empty() {
        Err(ValidationError::Required)
    } else {
        Ok(body)
    }
}

/// The label of each form field, for messages that name the field.
pub fn field_label(field: &str) -> String {
    t(&format!("clients-field-{}", field.replace('_', "-")))
}

/// The list's filters, as the query string carries them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientFilter {
    pub status: String,
    pub country: String,
    pub q: String,
}

impl ClientFilter {
    /// The filter as a query string (without `after`), empty when nothing is chosen.
    pub fn query(&self) -> String {
        [
            ("status", &self.status),
            ("country", &self.country),
            ("q", &self.q),
        ]
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{k}={}", crate::kernel::http::urlencode(v.trim())))
        .collect::<Vec<_>>()
        .join("&")
    }
}

/// A client in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientRow {
    pub id: i32,
    pub name: String,
    pub company: String,
    pub email: String,
    pub country: String,
    pub status: ClientStatus,
    pub created: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientPage {
    pub rows: Vec<ClientRow>,
    /// The cursor of the next page, if there is one.
    pub next: Option<String>,
    pub can_manage: bool,
}

/// A client's profile, as the Summary and the edit form show it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientView {
    pub id: i32,
    pub form: ClientForm,
    pub created: String,
    pub version: i32,
}

impl ClientView {
    pub fn name(&self) -> String {
        format!("{} {}", self.form.first_name, self.form.last_name)
    }

    pub fn status(&self) -> ClientStatus {
        ClientStatus::from_key(&self.form.status).unwrap_or(ClientStatus::Active)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactView {
    pub id: i32,
    pub client_id: i32,
    pub form: ContactForm,
    pub version: i32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceView {
    pub id: i32,
    pub client_id: i32,
    pub form: ServiceForm,
    /// "12.00 USD".
    pub price: String,
    pub version: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceRow {
    pub id: i32,
    pub client_id: i32,
    pub client: String,
    pub issued_on: String,
    pub due_on: String,
    pub total: String,
    pub balance: String,
    pub status: InvoiceStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentView {
    pub refund: bool,
    pub paid_on: String,
    pub amount: String,
    pub method: String,
    pub reference: String,
}

/// An invoice with its lines, figures and payments; `form` and `lines` fill the edit form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceView {
    pub row: InvoiceRow,
    pub client_name: String,
    pub form: InvoiceForm,
    /// (description, amount as text, taxed).
    pub lines: Vec<(String, String, bool)>,
    pub subtotal: String,
    pub tax: String,
    pub tax_rate: String,
    pub paid: String,
    /// The balance as an amount a form may post back ("12.50").
    pub balance_amount: String,
    pub has_payments: bool,
    /// Something paid is not yet refunded.
    pub refundable: bool,
    pub payments: Vec<PaymentView>,
    pub can_manage: bool,
    pub version: i32,
}

/// One page of a client's invoices, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceList {
    pub client_id: i32,
    pub client_name: String,
    pub rows: Vec<InvoiceRow>,
    /// The cursor of the next page, if there is one.
    pub next: Option<String>,
    pub can_create: bool,
}

/// One currency's invoice figures on a Summary: (count, total) per standing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceTotals {
    pub currency: String,
    pub paid: (i64, String),
    pub unpaid: (i64, String),
    pub overdue: (i64, String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteView {
    pub id: i32,
    pub author: String,
    pub at: String,
    pub edited: Option<String>,
    pub body: String,
    pub sticky: bool,
    pub can_edit: bool,
    pub version: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketLink {
    pub reference: String,
    pub subject: String,
    pub status: String,
    pub status_css: String,
    pub last_reply: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogLine {
    pub at: String,
    pub actor: String,
    pub action: String,
}

/// How many of the newest invoices and tickets the Summary lists.
pub const RECENT_INVOICES: u64 = 10;

/// Everything the Summary page shows, each part only when the viewer may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub client: ClientView,
    pub contacts: Vec<ContactView>,
    pub services: Vec<ServiceView>,
    pub totals: Vec<InvoiceTotals>,
    pub invoices: Vec<InvoiceRow>,
    pub invoice_count: u64,
    /// None: the viewer may not see tickets.
    pub tickets: Option<Vec<TicketLink>>,
    /// None: the viewer may not see notes.
    pub notes: Option<Vec<NoteView>>,
    /// None: the viewer may not see the activity log.
    pub log: Option<Vec<LogLine>>,
    pub can_manage: bool,
    pub can_services: bool,
    pub can_invoices: bool,
    pub can_open_ticket: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(amount: i64, taxed: bool) -> Line {
        Line {
            description: "x".into(),
            amount,
            taxed,
        }
    }

    #[test]
    fn tax_applies_to_taxed_lines_only_and_rounds_half_up() {
        // 19% of 10.50 is 1.995, which rounds to 2.00; the untaxed 5.00 adds no tax.
        let totals = invoice_totals(&[line(1050, true), line(500, false)], 1900, false);
        assert_eq!(
            totals,
            Totals {
                subtotal: 1550,
                tax: 200,
                total: 1750
            }
        );
        // 7.25% of 1.00 is 0.0725: rounds down to 0.07.
        assert_eq!(invoice_totals(&[line(100, true)], 725, false).tax, 7);
    }

    #[test]
    fn a_tax_exempt_client_pays_no_tax() {
        let totals = invoice_totals(&[line(1000, true)], 2000, true);
        assert_eq!((totals.tax, totals.total), (0, 1000));
    }

    #[test]
    fn an_invoice_settles_by_what_was_paid_and_the_date() {
        use InvoiceStatus::*;
        assert_eq!(Unpaid.settle(1000, 400, false), Unpaid);
        assert_eq!(Unpaid.settle(1000, 400, true), Overdue);
        assert_eq!(Overdue.settle(1000, 1000, true), Paid);
        assert_eq!(Paid.settle(1000, 0, false), Unpaid);
        assert_eq!(Draft.settle(1000, 1000, true), Draft);
        assert_eq!(Refunded.settle(1000, 0, false), Refunded);
        assert!(!Paid.editable());
        assert!(!Refunded.editable());
        assert!(Overdue.payable() && !Draft.payable());
    }

    #[test]
    fn unknown_statuses_countries_and_currencies_are_refused() {
        assert_eq!(ClientStatus::parse("Active"), Ok(ClientStatus::Active));
        assert_eq!(
            ClientStatus::parse("gone"),
            Err(ValidationError::UnknownChoice)
        );
        assert_eq!(Country::parse("de").unwrap().as_str(), "DE");
        assert_eq!(Country::parse("XX"), Err(ValidationError::UnknownCountry));
        let form = ClientForm {
            first_name: "Ada".into(),
            last_name: "Lovelace".into(),
            email: "ada@example.com".into(),
            country: "GB".into(),
            currency: "GBP".into(),
            ..Default::default()
        };
        assert!(ClientInput::parse(&form).is_ok());
        let bad = ClientForm {
            currency: "ABC".into(),
            ..form.clone()
        };
        assert_eq!(
            ClientInput::parse(&bad),
            Err(("currency", ValidationError::UnknownCurrency))
        );
        let bad = ClientForm {
            phone: "call me".into(),
            ..form
        };
        assert_eq!(
            ClientInput::parse(&bad),
            Err(("phone", ValidationError::PhoneFormat))
        );
    }

    #[test]
    fn tax_rates_are_percentages_up_to_one_hundred() {
        assert_eq!(tax_rate("20"), Ok(2000));
        assert_eq!(tax_rate("7.25"), Ok(725));
        assert_eq!(tax_rate(""), Ok(0));
        assert!(tax_rate("100.01").is_err());
        assert_eq!(tax_rate("-5"), Err(ValidationError::NegativeAmount));
    }

    #[test]
    fn domains_are_dotted_labels() {
        assert_eq!(domain("Example.COM"), Ok("example.com".into()));
        assert_eq!(domain(""), Ok(String::new()));
        assert_eq!(domain("no_dots"), Err(ValidationError::DomainFormat));
        assert_eq!(domain("-bad.com"), Err(ValidationError::DomainFormat));
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn an_invoice_due_before_it_was_issued_is_refused() {
        let mut lines = std::collections::HashMap::new();
        lines.insert("d0".to_owned(), "Hosting".to_owned());
        lines.insert("a0".to_owned(), "10".to_owned());
        let form = InvoiceForm {
            issued_on: "2026-05-10".into(),
            due_on: "2026-05-09".into(),
            currency: "USD".into(),
            status: "unpaid".into(),
            lines,
            ..Default::default()
        };
        assert_eq!(
            InvoiceInput::parse(&form),
            Err(("due_on", ValidationError::DueBeforeIssue))
        );
        let ok = InvoiceInput::parse(&InvoiceForm {
            due_on: "2026-05-24".into(),
            ..form.clone()
        })
        .unwrap();
        assert_eq!(ok.lines, vec![line_named("Hosting", 1000)]);
        let negative = InvoiceForm {
            due_on: "2026-05-24".into(),
            lines: [("d0", "Refund"), ("a0", "-3")]
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
            ..form
        };
        assert_eq!(
            InvoiceInput::parse(&negative),
            Err(("lines", ValidationError::NegativeAmount))
        );
    }

    #[cfg(feature = "ssr")]
    fn line_named(description: &str, amount: i64) -> Line {
        Line {
            description: description.into(),
            amount,
            taxed: false,
        }
    }
}
