//! The reports: which exist, the parameters they take (a date range with presets, a department, an
//! admin), and what a report page shows.

#[cfg(feature = "ssr")]
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::kernel::validation::ValidationError;

/// The areas reports are grouped in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportGroup {
    Support,
    Clients,
    Billing,
    Staff,
}

impl ReportGroup {
    pub const ALL: [ReportGroup; 4] = [Self::Support, Self::Clients, Self::Billing, Self::Staff];

    pub fn label(self) -> String {
        crate::kernel::i18n::t(match self {
            Self::Support => "reports-group-support",
            Self::Clients => "reports-group-clients",
            Self::Billing => "reports-group-billing",
            Self::Staff => "reports-group-staff",
        })
    }
}

impl ReportGroup {
    /// What an area's reports need besides "View reports": a report shows nothing about an area
    /// its viewer could not see there (tickets, clients and invoices, the Activity Log).
    pub fn needs(self) -> crate::kernel::Permission {
        use crate::kernel::Permission;
        match self {
            Self::Support => Permission::ViewTickets,
            Self::Clients | Self::Billing => Permission::ViewClients,
            Self::Staff => Permission::ViewAuditLog,
        }
    }
}

/// Every report. Adding one means a variant here, its line in each `match` below, and its query
/// in `service::run`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReportKind {
    TicketsOpened,
    TicketsClosed,
    FirstResponseByDepartment,
    FirstResponseByAdmin,
    ResolutionByDepartment,
    ResolutionByAdmin,
    TicketsByStatus,
    RepliesPerAdmin,
    DeflectedTickets,
    NewClients,
    ClientsByStatus,
    ClientsByCountry,
    TopClients,
    Income,
    InvoicesByStatus,
    Aging,
    ServicesDue,
    RecurringRevenue,
    StaffActivity,
}

impl ReportKind {
    pub const ALL: [ReportKind; 19] = [
        Self::TicketsOpened,
        Self::TicketsClosed,
        Self::FirstResponseByDepartment,
        Self::FirstResponseByAdmin,
        Self::ResolutionByDepartment,
        Self::ResolutionByAdmin,
        Self::TicketsByStatus,
        Self::RepliesPerAdmin,
        Self::DeflectedTickets,
        Self::NewClients,
        Self::ClientsByStatus,
        Self::ClientsByCountry,
        Self::TopClients,
        Self::Income,
        Self::InvoicesByStatus,
        Self::Aging,
        Self::ServicesDue,
        Self::RecurringRevenue,
        Self::StaffActivity,
    ];

    /// The stable key in addresses and in a role's report list; never change one once released.
    pub fn key(self) -> &'static str {
        match self {
            Self::TicketsOpened => "tickets_opened",
            Self::TicketsClosed => "tickets_closed",
            Self::FirstResponseByDepartment => "first_response_department",
            Self::FirstResponseByAdmin => "first_response_admin",
            Self::ResolutionByDepartment => "resolution_department",
            Self::ResolutionByAdmin => "resolution_admin",
            Self::TicketsByStatus => "tickets_by_status",
            Self::RepliesPerAdmin => "replies_per_admin",
            Self::DeflectedTickets => "deflected_tickets",
            Self::NewClients => "new_clients",
            Self::ClientsByStatus => "clients_by_status",
            Self::ClientsByCountry => "clients_by_country",
            Self::TopClients => "top_clients",
            Self::Income => "income",
            Self::InvoicesByStatus => "invoices_by_status",
            Self::Aging => "aging",
            Self::ServicesDue => "services_due",
            Self::RecurringRevenue => "recurring_revenue",
            Self::StaffActivity => "staff_activity",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }

    pub fn group(self) -> ReportGroup {
        match self {
            Self::TicketsOpened
            | Self::TicketsClosed
            | Self::FirstResponseByDepartment
            | Self::FirstResponseByAdmin
            | Self::ResolutionByDepartment
            | Self::ResolutionByAdmin
            | Self::TicketsByStatus
            | Self::RepliesPerAdmin
            | Self::DeflectedTickets => ReportGroup::Support,
            Self::NewClients
            | Self::ClientsByStatus
            | Self::ClientsByCountry
            | Self::TopClients => ReportGroup::Clients,
            Self::Income
            | Self::InvoicesByStatus
            | Self::Aging
            | Self::ServicesDue
            | Self::RecurringRevenue => ReportGroup::Billing,
            Self::StaffActivity => ReportGroup::Staff,
        }
    }

    pub fn title(self) -> String {
        crate::kernel::i18n::t(match self {
            Self::TicketsOpened => "reports-tickets-opened",
            Self::TicketsClosed => "reports-tickets-closed",
            Self::FirstResponseByDepartment => "reports-first-response-department",
            Self::FirstResponseByAdmin => "reports-first-response-admin",
            Self::ResolutionByDepartment => "reports-resolution-department",
            Self::ResolutionByAdmin => "reports-resolution-admin",
            Self::TicketsByStatus => "reports-tickets-by-status",
            Self::RepliesPerAdmin => "reports-replies-per-admin",
            Self::DeflectedTickets => "reports-deflected-tickets",
            Self::NewClients => "reports-new-clients",
            Self::ClientsByStatus => "reports-clients-by-status",
            Self::ClientsByCountry => "reports-clients-by-country",
            Self::TopClients => "reports-top-clients",
            Self::Income => "reports-income",
            Self::InvoicesByStatus => "reports-invoices-by-status",
            Self::Aging => "reports-aging",
            Self::ServicesDue => "reports-services-due",
            Self::RecurringRevenue => "reports-recurring-revenue",
            Self::StaffActivity => "reports-staff-activity",
        })
    }

    pub fn description(self) -> String {
        crate::kernel::i18n::t(match self {
            Self::TicketsOpened => "reports-tickets-opened-about",
            Self::TicketsClosed => "reports-tickets-closed-about",
            Self::FirstResponseByDepartment => "reports-first-response-department-about",
            Self::FirstResponseByAdmin => "reports-first-response-admin-about",
            Self::ResolutionByDepartment => "reports-resolution-department-about",
            Self::ResolutionByAdmin => "reports-resolution-admin-about",
            Self::TicketsByStatus => "reports-tickets-by-status-about",
            Self::RepliesPerAdmin => "reports-replies-per-admin-about",
            Self::DeflectedTickets => "reports-deflected-tickets-about",
            Self::NewClients => "reports-new-clients-about",
            Self::ClientsByStatus => "reports-clients-by-status-about",
            Self::ClientsByCountry => "reports-clients-by-country-about",
            Self::TopClients => "reports-top-clients-about",
            Self::Income => "reports-income-about",
            Self::InvoicesByStatus => "reports-invoices-by-status-about",
            Self::Aging => "reports-aging-about",
            Self::ServicesDue => "reports-services-due-about",
            Self::RecurringRevenue => "reports-recurring-revenue-about",
            Self::StaffActivity => "reports-staff-activity-about",
        })
    }

    /// Whether `viewer` may open this report: "View reports", the report in the role's list, and
    /// the permission its area needs.
    pub fn may_open(self, viewer: &crate::kernel::CurrentAdmin) -> bool {
        viewer.can_report(self.key()) && viewer.can(self.group().needs())
    }

    /// Whether the report covers a date range (the others describe now).
    pub fn uses_range(self) -> bool {
        !matches!(
            self,
            Self::TicketsByStatus
                | Self::ClientsByStatus
                | Self::ClientsByCountry
                | Self::Aging
                | Self::ServicesDue
                | Self::RecurringRevenue
        )
    }

    /// Whether the report can be narrowed to one department (a suggestion is read before the
    /// ticket has one).
    pub fn uses_department(self) -> bool {
        matches!(self.group(), ReportGroup::Support) && self != Self::DeflectedTickets
    }

    /// Whether the report can be narrowed to one admin.
    pub fn uses_admin(self) -> bool {
        matches!(
            self,
            Self::RepliesPerAdmin
                | Self::StaffActivity
                | Self::FirstResponseByAdmin
                | Self::ResolutionByAdmin
        )
    }
}

/// The range presets of the parameters form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Preset {
    ThisMonth,
    LastMonth,
    Last12Months,
    Custom,
}

impl Preset {
    pub const ALL: [Preset; 4] = [
        Self::ThisMonth,
        Self::LastMonth,
        Self::Last12Months,
        Self::Custom,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Self::ThisMonth => "this_month",
            Self::LastMonth => "last_month",
            Self::Last12Months => "last_12_months",
            Self::Custom => "custom",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.key() == key)
    }

    pub fn label(self) -> String {
        crate::kernel::i18n::t(match self {
            Self::ThisMonth => "reports-preset-this-month",
            Self::LastMonth => "reports-preset-last-month",
            Self::Last12Months => "reports-preset-last-12-months",
            Self::Custom => "reports-preset-custom",
        })
    }
}

#[cfg(feature = "ssr")]
/// A range of whole UTC days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateRange {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

#[cfg(feature = "ssr")]
impl DateRange {
    /// The longest range a report covers: ten years of days.
    pub const MAX_DAYS: i64 = 3660;

    pub fn days(self) -> i64 {
        (self.to - self.from).num_days() + 1
    }
}

#[cfg(feature = "ssr")]
fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

#[cfg(feature = "ssr")]
/// The range a preset names on `today` (UTC), or the custom one the form gave.
pub fn parse_range(
    preset: &str,
    from: &str,
    to: &str,
    today: NaiveDate,
) -> Result<(Preset, DateRange), (&'static str, ValidationError)> {
    let preset = match preset.trim() {
        "" => Preset::ThisMonth,
        other => Preset::from_key(other).ok_or(("preset", ValidationError::UnknownChoice))?,
    };
    let this_month = first_of_month(today);
    let range = match preset {
        Preset::ThisMonth => DateRange {
            from: this_month,
            to: today,
        },
        Preset::LastMonth => {
            let from = this_month
                .checked_sub_months(Months::new(1))
                .unwrap_or(this_month);
            DateRange {
                from,
                to: this_month.pred_opt().unwrap_or(this_month),
            }
        }
        Preset::Last12Months => DateRange {
            from: this_month
                .checked_sub_months(Months::new(11))
                .unwrap_or(this_month),
            to: today,
        },
        Preset::Custom => {
            // Exactly `YYYY-MM-DD` (chrono alone would take `+262142-12-31`), from 1970 on.
            let day = |text: &str, field: &'static str| {
                let text = text.trim();
                NaiveDate::parse_from_str(text, "%Y-%m-%d")
                    .ok()
                    .filter(|d| text.len() == 10 && d.year() >= 1970)
                    .ok_or((field, ValidationError::DateFormat))
            };
            let range = DateRange {
                from: day(from, "from")?,
                to: day(to, "to")?,
            };
            if range.to < range.from {
                return Err(("to", ValidationError::EndBeforeStart));
            }
            if range.days() > DateRange::MAX_DAYS {
                return Err((
                    "from",
                    ValidationError::RangeTooLong {
                        max_days: DateRange::MAX_DAYS,
                    },
                ));
            }
            range
        }
    };
    Ok((preset, range))
}

#[cfg(feature = "ssr")]
/// How a range is cut into the periods a chart shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Period {
    Day,
    Week,
    Month,
}

#[cfg(feature = "ssr")]
impl Period {
    /// Days for up to two months, weeks for up to six, months beyond.
    pub fn for_range(range: DateRange) -> Self {
        match range.days() {
            0..=62 => Self::Day,
            63..=186 => Self::Week,
            _ => Self::Month,
        }
    }

    /// The start of the period `day` falls in (weeks start on Monday).
    pub fn start_of(self, day: NaiveDate) -> NaiveDate {
        match self {
            Self::Day => day,
            Self::Week => {
                day - chrono::Duration::days(i64::from(day.weekday().num_days_from_monday()))
            }
            Self::Month => first_of_month(day),
        }
    }

    /// Every period start in the range, in order: the chart's categories, empty ones included.
    pub fn starts(self, range: DateRange) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        let mut at = self.start_of(range.from);
        while at <= range.to && out.len() < 4000 {
            out.push(at);
            at = match self {
                Self::Day => at + chrono::Duration::days(1),
                Self::Week => at + chrono::Duration::days(7),
                Self::Month => at.checked_add_months(Months::new(1)).unwrap_or(range.to),
            };
        }
        out
    }

    /// How a period is written on the chart and in the table.
    pub fn label(self, start: NaiveDate) -> String {
        match self {
            Self::Day | Self::Week => start.format("%Y-%m-%d").to_string(),
            Self::Month => start.format("%Y-%m").to_string(),
        }
    }

    pub fn name(self) -> String {
        crate::kernel::i18n::t(match self {
            Self::Day => "reports-period-day",
            Self::Week => "reports-period-week",
            Self::Month => "reports-period-month",
        })
    }
}

/// The reports the viewer may open, for the list page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportLink {
    pub key: String,
    pub title: String,
    pub description: String,
    pub group: ReportGroup,
}

/// The parameters form as the page echoes it (and as the CSV link's query string carries it).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportQuery {
    pub preset: String,
    pub from: String,
    pub to: String,
    pub department: String,
    pub admin: String,
}

impl ReportQuery {
    /// The query string of this form, for the CSV link and the pager.
    pub fn query(&self) -> String {
        use crate::kernel::http::urlencode;
        [
            ("preset", &self.preset),
            ("from", &self.from),
            ("to", &self.to),
            ("department", &self.department),
            ("admin", &self.admin),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect::<Vec<_>>()
        .join("&")
    }
}

/// A report as its page shows it: the parameters, the chart (SVG drawn on the server), and the
/// same figures as a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportView {
    pub key: String,
    pub title: String,
    pub description: String,
    pub query: ReportQuery,
    pub uses_range: bool,
    /// "2026-11-01 – 2026-11-30", or "as of 2026-12-01".
    pub covers: String,
    pub departments: Option<Vec<(i32, String)>>,
    pub admins: Option<Vec<(i32, String)>>,
    pub chart_svg: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// The Dashboard's reports slot: two small charts, as SVG, each when the role sees its report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportGlance {
    pub tickets_week: Option<String>,
    pub income: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn keys_round_trip_and_every_report_has_a_group() {
        for k in ReportKind::ALL {
            assert_eq!(ReportKind::from_key(k.key()), Some(k));
        }
        let mut keys: Vec<_> = ReportKind::ALL.iter().map(|k| k.key()).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), ReportKind::ALL.len());
        for g in ReportGroup::ALL {
            assert!(ReportKind::ALL.iter().any(|k| k.group() == g), "{g:?}");
        }
    }

    #[test]
    fn presets_name_whole_months_in_utc_days() {
        let today = day("2026-03-15");
        let (_, r) = parse_range("this_month", "", "", today).unwrap();
        assert_eq!((r.from, r.to), (day("2026-03-01"), today));
        let (_, r) = parse_range("last_month", "", "", today).unwrap();
        assert_eq!((r.from, r.to), (day("2026-02-01"), day("2026-02-28")));
        let (_, r) = parse_range("last_12_months", "", "", today).unwrap();
        assert_eq!((r.from, r.to), (day("2025-04-01"), today));
        let (_, r) = parse_range("", "", "", today).unwrap();
        assert_eq!(r.from, day("2026-03-01"));
        // January: last month is December of the year before.
        let (_, r) = parse_range("last_month", "", "", day("2027-01-05")).unwrap();
        assert_eq!((r.from, r.to), (day("2026-12-01"), day("2026-12-31")));
    }

    #[test]
    fn a_custom_range_is_checked() {
        let today = day("2026-03-15");
        let (_, r) = parse_range("custom", "2026-01-01", "2026-01-31", today).unwrap();
        assert_eq!(r.days(), 31);
        assert_eq!(
            parse_range("custom", "2026-02-01", "2026-01-31", today).map_err(|e| e.0),
            Err("to")
        );
        assert_eq!(
            parse_range("custom", "yesterday", "2026-01-31", today).map_err(|e| e.0),
            Err("from")
        );
        assert_eq!(
            parse_range("whenever", "", "", today).map_err(|e| e.0),
            Err("preset")
        );
        assert!(parse_range("custom", "1990-01-01", "2026-01-01", today).is_err());
        // Dates a `+` or a sixth digit would carry past what a day can be are not dates here.
        assert_eq!(
            parse_range("custom", "+262142-12-01", "+262142-12-31", today).map_err(|e| e.0),
            Err("from")
        );
        assert_eq!(
            parse_range("custom", "1969-12-01", "1969-12-31", today).map_err(|e| e.0),
            Err("from")
        );
    }

    #[test]
    fn periods_cover_the_range_with_weeks_starting_on_monday() {
        let r = DateRange {
            from: day("2026-12-01"),
            to: day("2026-12-03"),
        };
        assert_eq!(Period::for_range(r), Period::Day);
        assert_eq!(Period::Day.starts(r).len(), 3);
        // A month that begins mid-week (2026-04-01 is a Wednesday).
        let april = DateRange {
            from: day("2026-04-01"),
            to: day("2026-08-31"),
        };
        assert_eq!(Period::for_range(april), Period::Week);
        let weeks = Period::Week.starts(april);
        assert_eq!(weeks[0], day("2026-03-30"));
        assert!(weeks.iter().all(|w| w.weekday() == chrono::Weekday::Mon));
        let year = DateRange {
            from: day("2026-01-15"),
            to: day("2026-12-31"),
        };
        assert_eq!(Period::for_range(year), Period::Month);
        let months = Period::Month.starts(year);
        assert_eq!(months.len(), 12);
        assert_eq!(Period::Month.label(months[0]), "2026-01");
    }
}
