//! Users' two-factor authentication: the same TOTP codes, recovery codes and encrypted secrets as
//! staff (`two_factor`'s primitives), kept in the users' own tables, and the Client Area logins
//! waiting for their second factor. Every time is passed in.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr,
    EntityTrait, PaginatorTrait, QueryFilter, TransactionSession, TransactionTrait,
};

use super::model::UserTwoFactorStatus;
use super::service::{UserError, target};
use crate::entities::{user, user_login_challenge, user_recovery_code, user_two_factor};
use crate::kernel::audit::{self, Action, Actor, Event};
use crate::kernel::crypto::SecretKey;
use crate::kernel::password::{Hasher, PasswordHash};
use crate::kernel::token::SecretToken;
use crate::two_factor::model::{Enrolment, RecoveryCode, SecondFactor, TotpCode};
use crate::two_factor::service::{
    CHALLENGE_ATTEMPTS, CHALLENGE_MINUTES, RECOVERY_CODES, generate_code, hash_code, step_value,
};
use crate::two_factor::totp::{TotpSecret, grouped, otpauth_url, qr_svg};

/// What a sealed secret is bound to: a ciphertext copied to another row does not decrypt.
fn seal_context(user_id: i32) -> String {
    format!("staffdesk user_two_factor {user_id}")
}

fn open_secret(key: &SecretKey, row: &user_two_factor::Model) -> Result<TotpSecret, UserError> {
    key.open(&seal_context(row.user_id), &row.secret_ciphertext)
        .map(TotpSecret::from_bytes)
        .map_err(|_| UserError::Undecryptable)
}

async fn row(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<Option<user_two_factor::Model>, DbErr> {
    user_two_factor::Entity::find_by_id(user_id).one(db).await
}

/// Whether the user has confirmed two-factor authentication.
pub async fn is_enabled(db: &impl ConnectionTrait, user_id: i32) -> Result<bool, DbErr> {
    Ok(row(db, user_id)
        .await?
        .is_some_and(|r| r.confirmed_at.is_some()))
}

/// The account page's two-factor section, with the QR code while a set-up waits for its code.
pub async fn status(
    db: &impl ConnectionTrait,
    key: &SecretKey,
    user_id: i32,
    email: &str,
    issuer: &str,
) -> Result<UserTwoFactorStatus, UserError> {
    let current = row(db, user_id).await?;
    let recovery_codes_left = user_recovery_code::Entity::find()
        .filter(user_recovery_code::Column::UserId.eq(user_id))
        .filter(user_recovery_code::Column::UsedAt.is_null())
        .count(db)
        .await?;
    let setup = match &current {
        Some(pending) if pending.confirmed_at.is_none() => {
            let secret = open_secret(key, pending)?;
            let url = otpauth_url(issuer, email, &secret);
            Some(Enrolment {
                qr_svg: qr_svg(&url).unwrap_or_default(),
                secret: grouped(&secret.base32()),
                account: email.to_owned(),
            })
        }
        _ => None,
    };
    Ok(UserTwoFactorStatus {
        enabled_at: current
            .and_then(|r| r.confirmed_at)
            .map(crate::kernel::time::when),
        recovery_codes_left,
        setup,
    })
}

/// The user, if `password` is their current password.
async fn proven(
    db: &impl ConnectionTrait,
    hasher: &Hasher,
    user_id: i32,
    password: &str,
) -> Result<user::Model, UserError> {
    let me = user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(UserError::NotFound)?;
    let stored = PasswordHash::from_stored(me.password_hash.clone());
    if hasher.verify(password, Some(&stored)).await? {
        Ok(me)
    } else {
        Err(UserError::WrongPassword)
    }
}

/// Starts (or starts over) a set-up: a new secret waiting for its first code. Needs the current
/// password, so a session alone cannot tie the account to someone else's app.
pub async fn begin<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    hasher: &Hasher,
    key: &SecretKey,
    user_id: i32,
    password: &str,
    now: DateTime<Utc>,
) -> Result<(), UserError> {
    proven(db, hasher, user_id, password).await?;
    let txn = crate::kernel::db::begin_write(db).await?;
    user_two_factor::Entity::delete_many()
        .filter(user_two_factor::Column::UserId.eq(user_id))
        .filter(user_two_factor::Column::ConfirmedAt.is_null())
        .exec(&txn)
        .await?;
    if row(&txn, user_id).await?.is_some() {
        return Err(UserError::TwoFactorOn);
    }
    let secret = TotpSecret::generate();
    user_two_factor::ActiveModel {
        user_id: Set(user_id),
        secret_ciphertext: Set(key.seal(&seal_context(user_id), secret.as_bytes())),
        created_at: Set(now),
        confirmed_at: Set(None),
        last_used_step: Set(None),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Confirms a set-up with a code from the app; returns the recovery codes, to be shown once.
pub async fn confirm<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    key: &SecretKey,
    actor: &Actor,
    user_id: i32,
    code: &TotpCode,
    now: DateTime<Utc>,
) -> Result<Vec<RecoveryCode>, UserError> {
    let pending = match row(db, user_id).await? {
        Some(r) if r.confirmed_at.is_some() => return Err(UserError::TwoFactorOn),
        Some(r) => r,
        None => return Err(UserError::NoSetup),
    };
    let step = open_secret(key, &pending)?
        .matching_step(code, now)
        .ok_or(UserError::WrongCode)?;
    let txn = crate::kernel::db::begin_write(db).await?;
    let confirmed = user_two_factor::Entity::update_many()
        .col_expr(user_two_factor::Column::ConfirmedAt, Expr::value(now))
        .col_expr(
            user_two_factor::Column::LastUsedStep,
            Expr::value(step_value(step)),
        )
        .filter(user_two_factor::Column::UserId.eq(user_id))
        .filter(user_two_factor::Column::ConfirmedAt.is_null())
        .filter(user_two_factor::Column::SecretCiphertext.eq(pending.secret_ciphertext.clone()))
        .exec(&txn)
        .await?;
    if confirmed.rows_affected != 1 {
        return Err(UserError::NoSetup);
    }
    let codes = replace_codes(&txn, user_id, now).await?;
    // A reset link sent before would get around the new second factor.
    crate::entities::user_password_reset::Entity::update_many()
        .col_expr(
            crate::entities::user_password_reset::Column::UsedAt,
            Expr::value(now),
        )
        .filter(crate::entities::user_password_reset::Column::UserId.eq(user_id))
        .filter(crate::entities::user_password_reset::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    let me = user::Entity::find_by_id(user_id)
        .one(&txn)
        .await?
        .ok_or(UserError::NotFound)?;
    let event = Event::new(Action::UserTwoFactorEnabled, Some(target(&me)))
        .after(serde_json::json!({ "recovery_codes": codes.len() }));
    audit::record(&txn, now, actor, event).await?;
    txn.commit().await?;
    Ok(codes)
}

async fn replace_codes(
    txn: &impl ConnectionTrait,
    user_id: i32,
    now: DateTime<Utc>,
) -> Result<Vec<RecoveryCode>, DbErr> {
    user_recovery_code::Entity::delete_many()
        .filter(user_recovery_code::Column::UserId.eq(user_id))
        .exec(txn)
        .await?;
    let codes: Vec<RecoveryCode> = (0..RECOVERY_CODES).map(|_| generate_code()).collect();
    let rows = codes.iter().map(|code| user_recovery_code::ActiveModel {
        user_id: Set(user_id),
        code_hash: Set(hash_code(code)),
        created_at: Set(now),
        used_at: Set(None),
        ..Default::default()
    });
    user_recovery_code::Entity::insert_many(rows)
        .exec(txn)
        .await?;
    Ok(codes)
}

/// Checks a second factor and uses it up: an app code's step is never accepted twice, and a
/// recovery code works once. Both are conditional updates, so two requests cannot both win.
pub async fn verify(
    db: &impl ConnectionTrait,
    key: &SecretKey,
    user_id: i32,
    factor: &SecondFactor,
    now: DateTime<Utc>,
) -> Result<bool, UserError> {
    match factor {
        SecondFactor::Totp(code) => {
            let Some(current) = row(db, user_id).await?.filter(|r| r.confirmed_at.is_some()) else {
                return Ok(false);
            };
            let Some(step) = open_secret(key, &current)?.matching_step(code, now) else {
                return Ok(false);
            };
            let step = step_value(step);
            let used = user_two_factor::Entity::update_many()
                .col_expr(user_two_factor::Column::LastUsedStep, Expr::value(step))
                .filter(user_two_factor::Column::UserId.eq(user_id))
                .filter(user_two_factor::Column::ConfirmedAt.is_not_null())
                .filter(
                    Condition::any()
                        .add(user_two_factor::Column::LastUsedStep.is_null())
                        .add(user_two_factor::Column::LastUsedStep.lt(step)),
                )
                .exec(db)
                .await?;
            Ok(used.rows_affected == 1)
        }
        SecondFactor::Recovery(code) => {
            let used = user_recovery_code::Entity::update_many()
                .col_expr(user_recovery_code::Column::UsedAt, Expr::value(now))
                .filter(user_recovery_code::Column::UserId.eq(user_id))
                .filter(user_recovery_code::Column::CodeHash.eq(hash_code(code)))
                .filter(user_recovery_code::Column::UsedAt.is_null())
                .exec(db)
                .await?;
            Ok(used.rows_affected == 1)
        }
    }
}

/// Turns two-factor off: needs the current password and a code (from the app or a recovery code).
#[allow(clippy::too_many_arguments)]
pub async fn disable<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    hasher: &Hasher,
    key: &SecretKey,
    actor: &Actor,
    user_id: i32,
    password: &str,
    factor: &SecondFactor,
    now: DateTime<Utc>,
) -> Result<(), UserError> {
    let me = proven(db, hasher, user_id, password).await?;
    if !is_enabled(db, user_id).await? {
        return Err(UserError::TwoFactorOff);
    }
    if !verify(db, key, user_id, factor, now).await? {
        return Err(UserError::WrongCode);
    }
    let txn = crate::kernel::db::begin_write(db).await?;
    user_recovery_code::Entity::delete_many()
        .filter(user_recovery_code::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    user_login_challenge::Entity::delete_many()
        .filter(user_login_challenge::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    user_two_factor::Entity::delete_many()
        .filter(user_two_factor::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        now,
        actor,
        Event::new(Action::UserTwoFactorDisabled, Some(target(&me))),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// A password that passed for a user with two-factor: the browser gets the token (in a cookie),
/// the database its hash. Expired challenges are swept on the way.
pub async fn open_challenge(
    db: &impl ConnectionTrait,
    u: &user::Model,
    now: DateTime<Utc>,
) -> Result<SecretToken, DbErr> {
    user_login_challenge::Entity::delete_many()
        .filter(user_login_challenge::Column::ExpiresAt.lte(now))
        .exec(db)
        .await?;
    let token = SecretToken::generate();
    user_login_challenge::ActiveModel {
        user_id: Set(u.id),
        token_hash: Set(token.hash()),
        session_epoch: Set(u.session_epoch),
        tries: Set(0),
        created_at: Set(now),
        expires_at: Set(now + Duration::minutes(CHALLENGE_MINUTES)),
        closed_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The live challenge behind a token, with its user (who must still be enabled).
pub async fn find_challenge(
    db: &impl ConnectionTrait,
    token: &SecretToken,
    now: DateTime<Utc>,
) -> Result<Option<(user_login_challenge::Model, user::Model)>, DbErr> {
    let Some(challenge) = user_login_challenge::Entity::find()
        .filter(user_login_challenge::Column::TokenHash.eq(token.hash()))
        .filter(user_login_challenge::Column::ExpiresAt.gt(now))
        .filter(user_login_challenge::Column::ClosedAt.is_null())
        .filter(user_login_challenge::Column::Tries.lt(CHALLENGE_ATTEMPTS))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let u = user::Entity::find_by_id(challenge.user_id)
        .filter(user::Column::DisabledAt.is_null())
        .one(db)
        .await?;
    Ok(u.map(|u| (challenge, u)))
}

/// Takes one of the challenge's tries before the code is checked; false when none is left.
pub async fn take_challenge_try(db: &impl ConnectionTrait, id: i32) -> Result<bool, DbErr> {
    let taken = user_login_challenge::Entity::update_many()
        .col_expr(
            user_login_challenge::Column::Tries,
            Expr::col(user_login_challenge::Column::Tries).add(1),
        )
        .filter(user_login_challenge::Column::Id.eq(id))
        .filter(user_login_challenge::Column::ClosedAt.is_null())
        .filter(user_login_challenge::Column::Tries.lt(CHALLENGE_ATTEMPTS))
        .exec(db)
        .await?;
    Ok(taken.rows_affected == 1)
}

/// Uses a challenge up; false if another request already did.
pub async fn close_challenge(
    db: &impl ConnectionTrait,
    id: i32,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let closed = user_login_challenge::Entity::update_many()
        .col_expr(user_login_challenge::Column::ClosedAt, Expr::value(now))
        .filter(user_login_challenge::Column::Id.eq(id))
        .filter(user_login_challenge::Column::ClosedAt.is_null())
        .exec(db)
        .await?;
    Ok(closed.rows_affected == 1)
}
