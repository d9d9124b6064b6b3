//! Read models for the Administrators page and the Add an Admin form.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::api::InviteOptions;
use super::model::{DepartmentOption, MailStatus, PendingInvitation, RoleOption};
use crate::entities::{admin, department, invitation, mail_outbox};
use crate::kernel::CurrentAdmin;
use crate::kernel::time::when;

/// One page of open invitations, newest first, after the invitation `after`. Inviters and mail
/// states are fetched for the whole page at once: five queries, whatever the size.
pub async fn pending(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    after: Option<i32>,
) -> Result<(Vec<PendingInvitation>, Option<i32>), DbErr> {
    let roles = crate::admins::queries::role_names(db).await?;
    let mut query = invitation::Entity::find()
        .filter(super::service::open())
        .order_by_desc(invitation::Column::CreatedAt)
        .order_by_desc(invitation::Column::Id)
        .limit(crate::admins::queries::PAGE_SIZE + 1);
    if let Some(after) = after
        && let Some(cursor) = invitation::Entity::find_by_id(after).one(db).await?
    {
        query = query.filter(
            Expr::tuple([
                Expr::col(invitation::Column::CreatedAt),
                Expr::col(invitation::Column::Id),
            ])
            .lt(Expr::tuple([
                Expr::value(cursor.created_at),
                Expr::value(cursor.id),
            ])),
        );
    }
    let mut rows = query.all(db).await?;
    let next = crate::admins::queries::next_cursor(&mut rows, |i| i.id);
    let inviters: HashMap<i32, String> = admin::Entity::find()
        .filter(admin::Column::Id.is_in(rows.iter().filter_map(|i| i.invited_by)))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, format!("{} {}", a.first_name, a.last_name)))
        .collect();
    // The newest outbox row of each invitation decides its mail state.
    let mut mails: HashMap<i32, mail_outbox::Model> = HashMap::new();
    for m in mail_outbox::Entity::find()
        .filter(mail_outbox::Column::InvitationId.is_in(rows.iter().map(|i| i.id)))
        .order_by_asc(mail_outbox::Column::Id)
        .all(db)
        .await?
    {
        if let Some(id) = m.invitation_id {
            mails.insert(id, m);
        }
    }
    let pending = rows
        .into_iter()
        .map(|inv| {
            let invited_by = match inv.invited_by {
                Some(id) => inviters.get(&id).cloned().unwrap_or_default(),
                None => crate::kernel::i18n::t("admins-invited-by-system"),
            };
            let mail = match mails.remove(&inv.id) {
                Some(m) if m.sent_at.is_some() => MailStatus::Sent,
                Some(m) => match m.last_error {
                    Some(error) => MailStatus::Failed {
                        attempts: m.attempts,
                        error,
                    },
                    None => MailStatus::Queued,
                },
                None => MailStatus::Queued,
            };
            PendingInvitation {
                id: inv.id,
                email: inv.email,
                name: format!("{} {}", inv.first_name, inv.last_name),
                role: roles.get(&inv.role_id).cloned().unwrap_or_default(),
                invited_by,
                sent_at: when(inv.created_at),
                expires_at: when(inv.expires_at),
                expired: inv.expires_at <= now,
                mail,
            }
        })
        .collect();
    Ok((pending, next))
}

/// What Add an Admin offers `viewer`: the roles they may give, and the visible departments.
pub async fn invite_options(
    db: &impl ConnectionTrait,
    viewer: &CurrentAdmin,
    default_language: &str,
) -> Result<InviteOptions, DbErr> {
    let roles = crate::admins::service::grantable_roles(db, viewer)
        .await?
        .into_iter()
        .map(|r| RoleOption {
            id: r.id,
            name: r.name,
        })
        .collect();
    let departments = department::Entity::find()
        .filter(department::Column::Hidden.eq(false))
        .order_by_asc(department::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|d| DepartmentOption {
            id: d.id,
            name: d.name,
        })
        .collect();
    Ok(InviteOptions {
        roles,
        departments,
        language: crate::kernel::i18n::Lang::from_code(default_language).unwrap_or_default(),
    })
}
