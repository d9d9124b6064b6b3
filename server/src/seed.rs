//! Bulk sample data for load runs and query-count tests: departments, custom roles, administrators
//! in departments, open invitations with their sent mail, and audit events. Inserted in batches;
//! every name carries a tag so the same database can be seeded more than once.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveValue::Set, DatabaseConnection, DbErr, EntityTrait};

use app::entities::{
    admin, admin_department, audit_event, department, invitation, mail_outbox, role,
    role_permission,
};
use app::kernel::Permission;
use app::kernel::audit::Action;

/// How much to add.
#[derive(Debug, Clone, Copy, Default)]
pub struct Volume {
    pub departments: usize,
    pub roles: usize,
    pub admins: usize,
    pub invitations: usize,
    pub audit_events: usize,
}

const BATCH: usize = 500;

/// Adds `volume` rows, tagged with `tag` (letters and digits). Seeded admins share one password
/// hash, `password_hash`, so load runs can log in as any of them.
pub async fn seed(
    db: &DatabaseConnection,
    volume: Volume,
    tag: &str,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let txn = app::kernel::db::begin_write(db).await?;
    let mut department_ids = Vec::new();
    for i in 0..volume.departments {
        let row = department::ActiveModel {
            name: Set(format!("Seed {tag} department {i}")),
            email: Set(format!("dept{i}.{tag}@example.com")),
            description: Set(String::new()),
            hidden: Set(false),
            created_at: Set(now),
            ..Default::default()
        };
        department_ids.push(
            department::Entity::insert(row)
                .exec(&txn)
                .await?
                .last_insert_id,
        );
    }
    let mut role_ids = Vec::new();
    for i in 0..volume.roles {
        let row = role::ActiveModel {
            name: Set(format!("Seed {tag} role {i}")),
            key: Set(None),
            built_in: Set(false),
            created_at: Set(now),
            deleted_at: Set(None),
            requires_two_factor: Set(false),
            ..Default::default()
        };
        let id = role::Entity::insert(row).exec(&txn).await?.last_insert_id;
        let granted = [
            Permission::ViewAdministrators,
            Permission::ViewDepartments,
            Permission::ViewTickets,
        ];
        role_permission::Entity::insert_many(granted.iter().map(|p| {
            role_permission::ActiveModel {
                role_id: Set(id),
                permission: Set(p.key().to_owned()),
            }
        }))
        .exec(&txn)
        .await?;
        role_ids.push(id);
    }
    txn.commit().await?;
    // The built-in Support Operator role when no custom role was asked for.
    let fallback_role = role::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .find(|r| r.key.as_deref() == Some("support_operator"))
        .map_or(1, |r| r.id);

    let mut admin_ids = Vec::with_capacity(volume.admins);
    for chunk in (0..volume.admins).collect::<Vec<_>>().chunks(BATCH) {
        let txn = app::kernel::db::begin_write(db).await?;
        for &i in chunk {
            let role_id = if role_ids.is_empty() {
                fallback_role
            } else {
                role_ids[i % role_ids.len()]
            };
            let row = admin::ActiveModel {
                username: Set(format!("seed{tag}{i}")),
                first_name: Set(format!("Seed{i}")),
                last_name: Set(format!("Admin {tag}")),
                email: Set(format!("seed{i}.{tag}@example.com")),
                password_hash: Set(password_hash.to_owned()),
                role_id: Set(role_id),
                language: Set("en".to_owned()),
                signature: Set(String::new()),
                notes: Set(String::new()),
                disabled_at: Set(None),
                created_at: Set(now - Duration::days(30)),
                last_login_at: Set(Some(now - Duration::minutes(i64::try_from(i).unwrap_or(0)))),
                ..Default::default()
            };
            let id = admin::Entity::insert(row).exec(&txn).await?.last_insert_id;
            if !department_ids.is_empty() {
                admin_department::Entity::insert(admin_department::ActiveModel {
                    admin_id: Set(id),
                    department_id: Set(department_ids[i % department_ids.len()]),
                    notify: Set(i % 2 == 0),
                })
                .exec(&txn)
                .await?;
            }
            admin_ids.push(id);
        }
        txn.commit().await?;
    }

    for chunk in (0..volume.invitations).collect::<Vec<_>>().chunks(BATCH) {
        let txn = app::kernel::db::begin_write(db).await?;
        for &i in chunk {
            let created = now - Duration::seconds(i64::try_from(i).unwrap_or(0));
            let email = format!("invitee{i}.{tag}@example.com");
            let row = invitation::ActiveModel {
                email: Set(email.clone()),
                first_name: Set(format!("Invitee{i}")),
                last_name: Set(format!("Seed {tag}")),
                username: Set(None),
                role_id: Set(role_ids.first().copied().unwrap_or(fallback_role)),
                language: Set("en".to_owned()),
                token_hash: Set(format!("{tag:0>16}{i:048}")),
                invited_by: Set(admin_ids.get(i % admin_ids.len().max(1)).copied()),
                created_at: Set(created),
                expires_at: Set(created + Duration::days(7)),
                accepted_at: Set(None),
                cancelled_at: Set(None),
                superseded_at: Set(None),
                admin_id: Set(None),
                expiry_recorded_at: Set(None),
                ..Default::default()
            };
            let id = invitation::Entity::insert(row)
                .exec(&txn)
                .await?
                .last_insert_id;
            mail_outbox::Entity::insert(mail_outbox::ActiveModel {
                to_address: Set(email),
                subject: Set("You are invited".to_owned()),
                text_body: Set(String::new()),
                html_body: Set(String::new()),
                invitation_id: Set(Some(id)),
                created_at: Set(created),
                attempts: Set(1),
                next_attempt_at: Set(created),
                sent_at: Set(Some(created)),
                last_error: Set(None),
                ..Default::default()
            })
            .exec(&txn)
            .await?;
        }
        txn.commit().await?;
    }

    let actions = [
        Action::LoginSucceeded,
        Action::LoginFailed,
        Action::DepartmentUpdated,
        Action::AdminUpdated,
    ];
    for chunk in (0..volume.audit_events).collect::<Vec<_>>().chunks(BATCH) {
        let rows = chunk.iter().map(|&i| {
            let actor = admin_ids.get(i % admin_ids.len().max(1)).copied();
            audit_event::ActiveModel {
                at: Set(now - Duration::seconds(i64::try_from(i).unwrap_or(0) * 7)),
                actor_kind: Set(if actor.is_some() {
                    app::kernel::audit::ActorKind::Staff
                } else {
                    app::kernel::audit::ActorKind::System
                }
                .key()
                .to_owned()),
                actor_id: Set(actor),
                actor_name: Set(format!("Seed{} Admin {tag}", i % admin_ids.len().max(1))),
                action: Set(actions[i % actions.len()].key().to_owned()),
                target_type: Set(actor.map(|_| "admin".to_owned())),
                target_id: Set(actor),
                target_label: Set(String::new()),
                details: Set(format!("{{\"after\":{{\"n\":{i}}}}}")),
                ip: Set("198.51.100.7".to_owned()),
                user_agent: Set("seed".to_owned()),
                ..Default::default()
            }
        });
        audit_event::Entity::insert_many(rows).exec(db).await?;
    }
    Ok(())
}
