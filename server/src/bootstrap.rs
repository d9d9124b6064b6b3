//! Invitations made by the server itself: the first-start Full Administrator invitation and `server invite`.

use app::auth::service::FULL_ADMINISTRATOR;
use app::entities::{invitation, role};
use app::invitations::model::NewInvitation;
use app::invitations::service::{self, InviteError, InviteSettings, Inviter};
use app::kernel::settings::Settings;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, ExprTrait, QueryFilter};

const SYSTEM: Inviter = Inviter::SYSTEM;

/// With no administrators, makes sure one Full Administrator invitation is open and returns a fresh
/// link to it (tokens are stored hashed, so an earlier link cannot be printed again: it is replaced).
pub async fn first_start_invitation(
    db: &DatabaseConnection,
    settings: &Settings,
) -> Result<String, String> {
    let now = chrono::Utc::now();
    let email = settings.invitations.bootstrap_email.clone();
    match invite(
        db,
        settings,
        &email,
        FULL_ADMINISTRATOR,
        None,
        "First",
        "Administrator",
    )
    .await
    {
        Ok(link) => Ok(link),
        Err(_) => {
            let open = invitation::Entity::find()
                .filter(invitation::Column::Email.eq(email.to_lowercase()))
                .filter(service::open())
                .one(db)
                .await
                .map_err(|e| e.to_string())?
                .ok_or("no open invitation to renew")?;
            let (_, token) = service::resend(
                db,
                now,
                &InviteSettings::from_settings(settings),
                &SYSTEM,
                open.id,
            )
            .await
            .map_err(|e| e.to_string())?;
            Ok(service::accept_link(&settings.server.public_url, &token))
        }
    }
}

/// Creates an invitation as the system; `role` is a built-in key or a role's name.
pub async fn invite(
    db: &DatabaseConnection,
    settings: &Settings,
    email: &str,
    role: &str,
    username: Option<&str>,
    first_name: &str,
    last_name: &str,
) -> Result<String, String> {
    let found = role::Entity::find()
        .filter(role::Column::Key.eq(role).or(role::Column::Name.eq(role)))
        .one(db)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("there is no role {role:?}"))?;
    let none = Default::default();
    let input = NewInvitation::parse(
        first_name,
        last_name,
        email,
        username.unwrap_or(""),
        &found.id.to_string(),
        &none,
        &none,
    )
    .map_err(|(field, err)| format!("invalid {field}: {err}"))?;
    let (_, token) = service::send(
        db,
        chrono::Utc::now(),
        &InviteSettings::from_settings(settings),
        &SYSTEM,
        input,
    )
    .await
    .map_err(|e| match e {
        InviteError::PendingExists { .. } => {
            "this email already has a pending invitation".to_owned()
        }
        other => other.to_string(),
    })?;
    Ok(service::accept_link(&settings.server.public_url, &token))
}
