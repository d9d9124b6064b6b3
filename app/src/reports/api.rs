//! Server functions of the reports: the list the viewer may open, and one report.

use leptos::prelude::*;

use super::model::{ReportLink, ReportView};
use crate::kernel::error::AppError;

/// The reports the viewer's role sees.
#[server]
pub async fn list_reports() -> Result<Vec<ReportLink>, AppError> {
    use super::model::ReportKind;
    use crate::kernel::{Permission, guard::require};
    let viewer = require(Permission::ViewReports)?;
    Ok(ReportKind::ALL
        .into_iter()
        .filter(|k| k.may_open(&viewer))
        .map(|k| ReportLink {
            key: k.key().to_owned(),
            title: k.title(),
            description: k.description(),
            group: k.group(),
        })
        .collect())
}

/// One report, for the range and filters the form chose.
#[server]
pub async fn get_report(
    report: String,
    #[server(default)] preset: String,
    #[server(default)] from: String,
    #[server(default)] to: String,
    #[server(default)] department: String,
    #[server(default)] admin: String,
) -> Result<ReportView, AppError> {
    use super::model::ReportQuery;
    use crate::kernel::{Permission, guard::require};
    let viewer = require(Permission::ViewReports)?;
    let ctx = crate::kernel::context::server_context()?;
    let query = ReportQuery {
        preset,
        from,
        to,
        department,
        admin,
    };
    let prepared = prepared::prepare(&ctx.db, &viewer, &report, &query).await?;
    let output = super::service::run(&ctx.db, prepared.kind, &prepared.params).await?;
    let (departments, admins) =
        super::service::choices(&ctx.db, &prepared.params.departments_seen).await?;
    let kind = prepared.kind;
    let range = prepared.params.range;
    Ok(ReportView {
        key: kind.key().to_owned(),
        title: kind.title(),
        description: kind.description(),
        uses_range: kind.uses_range(),
        covers: if kind.uses_range() {
            format!("{} – {}", range.from, range.to)
        } else {
            crate::kernel::i18n::t_args(
                "reports-as-of",
                &[("day", prepared.params.today.to_string().into())],
            )
        },
        query: prepared.query,
        departments: kind.uses_department().then_some(departments),
        admins: kind.uses_admin().then_some(admins),
        chart_svg: output.chart.svg(
            &format!("chart-{}", kind.key()),
            &crate::kernel::i18n::t("reports-empty"),
        ),
        columns: output.columns,
        rows: output.rows,
    })
}

/// The checks and parameters every way of opening a report shares (its page, its function, its
/// CSV): the role sees it, and the form's values are valid.
#[cfg(feature = "ssr")]
pub mod prepared {
    use super::super::model::{ReportKind, ReportQuery, parse_range};
    use super::super::service::Params;
    use crate::kernel::CurrentAdmin;
    use crate::kernel::error::AppError;

    pub struct Prepared {
        pub kind: ReportKind,
        pub params: Params,
        /// The form as it applies (the preset filled in).
        pub query: ReportQuery,
    }

    fn optional_id(text: &str, field: &str) -> Result<Option<i32>, AppError> {
        match text.trim() {
            "" => Ok(None),
            t => t.parse::<i32>().map(Some).map_err(|_| {
                AppError::validation(
                    field,
                    &crate::kernel::validation::ValidationError::UnknownChoice,
                )
            }),
        }
    }

    pub async fn prepare(
        db: &sea_orm::DatabaseConnection,
        viewer: &CurrentAdmin,
        key: &str,
        query: &ReportQuery,
    ) -> Result<Prepared, AppError> {
        let kind = ReportKind::from_key(key.trim()).ok_or_else(AppError::not_found)?;
        if !kind.may_open(viewer) {
            return Err(AppError::new(
                crate::kernel::ErrorCode::Forbidden,
                crate::kernel::i18n::t("reports-error-not-in-role"),
                403,
            ));
        }
        let today = chrono::Utc::now().date_naive();
        let (preset, range) = parse_range(&query.preset, &query.from, &query.to, today)
            .map_err(|(field, err)| AppError::validation(field, &err))?;
        let scope = crate::tickets::service::scope_of(db, viewer).await?;
        let departments_seen = match scope {
            crate::tickets::service::Scope::All => None,
            crate::tickets::service::Scope::Departments(ids) => Some(ids),
        };
        let department = optional_id(&query.department, "department")?;
        if let (Some(d), Some(seen)) = (department, &departments_seen)
            && !seen.contains(&d)
        {
            return Err(AppError::validation(
                "department",
                &crate::kernel::validation::ValidationError::UnknownChoice,
            ));
        }
        let admin = optional_id(&query.admin, "admin")?;
        Ok(Prepared {
            kind,
            params: Params {
                range,
                today,
                department: department.filter(|_| kind.uses_department()),
                admin: admin.filter(|_| kind.uses_admin()),
                departments_seen,
            },
            query: ReportQuery {
                preset: preset.key().to_owned(),
                from: range.from.to_string(),
                to: range.to.to_string(),
                department: query.department.trim().to_owned(),
                admin: query.admin.trim().to_owned(),
            },
        })
    }
}

/// The Dashboard's reports slot: tickets opened this week, and income this month against last,
/// each only when the role sees that report.
#[server]
pub async fn get_report_glance() -> Result<super::model::ReportGlance, AppError> {
    use super::model::{DateRange, ReportKind};
    use crate::kernel::{Permission, guard::require};
    use chrono::Datelike;
    let viewer = require(Permission::ViewReports)?;
    let ctx = crate::kernel::context::server_context()?;
    let today = chrono::Utc::now().date_naive();
    let empty = crate::kernel::i18n::t("reports-empty");
    // Both charts read every ticket or payment of their range: every open Dashboard shares one
    // computation per language (and per department scope) for up to 30 seconds, and none from
    // before the last change this node knows of.
    let fresh_after = ctx.memo.fresh_for(std::time::Duration::from_secs(30));
    let lang = crate::kernel::i18n::lang();
    let lang_index = crate::kernel::i18n::Lang::ALL
        .iter()
        .position(|l| *l == lang)
        .unwrap_or(0) as i64;
    let tickets_week = if ReportKind::TicketsOpened.may_open(&viewer) {
        let monday =
            today - chrono::Duration::days(i64::from(today.weekday().num_days_from_monday()));
        let departments_seen = match crate::tickets::service::scope_of(&ctx.db, &viewer).await? {
            crate::tickets::service::Scope::All => None,
            crate::tickets::service::Scope::Departments(ids) => Some(ids),
        };
        // Shared by everyone who sees every department; otherwise the viewer's own.
        let scope = if departments_seen.is_none() {
            0
        } else {
            i64::from(viewer.id)
        };
        let params = super::service::Params {
            range: DateRange {
                from: monday,
                to: today,
            },
            today,
            department: None,
            admin: None,
            departments_seen,
        };
        let key = ("reports.glance.tickets", scope * 4 + lang_index);
        let svg = ctx
            .memo
            .get_or_load(key, fresh_after, || async {
                let mut out =
                    super::service::run(&ctx.db, ReportKind::TicketsOpened, &params).await?;
                out.chart.title = crate::kernel::i18n::t("reports-glance-tickets");
                Ok::<_, sea_orm::DbErr>(out.chart.svg("glance-tickets", &empty))
            })
            .await?;
        Some(svg)
    } else {
        None
    };
    let income = if ReportKind::Income.may_open(&viewer) {
        let key = ("reports.glance.income", lang_index);
        let svg = ctx
            .memo
            .get_or_load(key, fresh_after, || async {
                let chart = super::service::income_against_last_month(&ctx.db, today).await?;
                Ok::<_, sea_orm::DbErr>(chart.svg("glance-income", &empty))
            })
            .await?;
        Some(svg)
    } else {
        None
    };
    Ok(super::model::ReportGlance {
        tickets_week,
        income,
    })
}
