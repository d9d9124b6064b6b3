//! Enrolment, code checks with replay protection, recovery codes, disabling and resetting, and
//! the half-finished logins waiting for a second factor. Every time is passed in.

use chrono::{DateTime, Duration, Utc};
use rand_core::{OsRng, RngCore};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr,
    EntityTrait, PaginatorTrait, QueryFilter, TransactionSession, TransactionTrait,
};
use sha2::{Digest, Sha256};

use super::model::{Enrolment, RecoveryCode, SecondFactor, TotpCode, TwoFactorStatus};
use super::totp::{TotpSecret, grouped, otpauth_url, qr_svg};
use crate::auth::service::confirm_password;
use crate::entities::{admin, login_challenge, recovery_code, role, two_factor};
use crate::kernel::CurrentAdmin;
use crate::kernel::audit::Action;
use crate::kernel::audit::{Actor, Event, Target, record};
use crate::kernel::crypto::SecretKey;
use crate::kernel::password::{HashError, Hasher};
use crate::kernel::token::SecretToken;

/// How many recovery codes an enrolment (or a regeneration) hands out.
pub const RECOVERY_CODES: usize = 10;
/// How long a password that passed waits for its second factor.
pub const CHALLENGE_MINUTES: i64 = 5;
/// Wrong codes one challenge takes before the password must be entered again.
pub const CHALLENGE_ATTEMPTS: i32 = 5;

#[derive(Debug, thiserror::Error)]
pub enum TwoFactorError {
    #[error("two-factor authentication is already on")]
    AlreadyEnabled,
    #[error("two-factor authentication is off")]
    NotEnabled,
    #[error("no set-up is waiting for a code")]
    NoSetup,
    #[error("the code is wrong or already used")]
    WrongCode,
    #[error("the current password is wrong")]
    WrongPassword,
    #[error("the admin's role requires two-factor authentication")]
    RequiredByRole,
    #[error("use My Account for your own two-factor authentication")]
    OwnAccount,
    #[error("the stored secret cannot be decrypted with the configured key")]
    Undecryptable,
    #[error(transparent)]
    Staff(#[from] crate::admins::service::StaffError),
    #[error(transparent)]
    Hash(#[from] HashError),
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// What a sealed secret is bound to, so a ciphertext copied to another admin does not decrypt.
fn seal_context(admin_id: i32) -> String {
    format!("staffdesk two_factor {admin_id}")
}

fn open_secret(key: &SecretKey, row: &two_factor::Model) -> Result<TotpSecret, TwoFactorError> {
    key.open(&seal_context(row.admin_id), &row.secret_ciphertext)
        .map(TotpSecret::from_bytes)
        .map_err(|_| TwoFactorError::Undecryptable)
}

async fn row(db: &impl ConnectionTrait, admin_id: i32) -> Result<Option<two_factor::Model>, DbErr> {
    two_factor::Entity::find_by_id(admin_id).one(db).await
}

/// Whether this admin has confirmed two-factor authentication.
pub async fn is_enabled(db: &impl ConnectionTrait, admin_id: i32) -> Result<bool, DbErr> {
    Ok(row(db, admin_id)
        .await?
        .is_some_and(|r| r.confirmed_at.is_some()))
}

/// Whether an admin of this role must enrol before doing anything else.
pub async fn must_enrol(
    db: &impl ConnectionTrait,
    role: &role::Model,
    admin_id: i32,
) -> Result<bool, DbErr> {
    Ok(role.requires_two_factor && !is_enabled(db, admin_id).await?)
}

/// My Account's two-factor section, with the QR code while a set-up waits for its code.
pub async fn status(
    db: &impl ConnectionTrait,
    key: &SecretKey,
    me: &CurrentAdmin,
    issuer: &str,
) -> Result<TwoFactorStatus, TwoFactorError> {
    let current = row(db, me.id).await?;
    let recovery_codes_left = recovery_code::Entity::find()
        .filter(recovery_code::Column::AdminId.eq(me.id))
        .filter(recovery_code::Column::UsedAt.is_null())
        .count(db)
        .await?;
    let required_by_role = role::Entity::find_by_id(me.role_id)
        .one(db)
        .await?
        .is_some_and(|r| r.requires_two_factor);
    let setup = match &current {
        Some(pending) if pending.confirmed_at.is_none() => {
            let secret = open_secret(key, pending)?;
            let url = otpauth_url(issuer, &me.username, &secret);
            Some(Enrolment {
                qr_svg: qr_svg(&url).unwrap_or_default(),
                secret: grouped(&secret.base32()),
                account: me.username.clone(),
            })
        }
        _ => None,
    };
    Ok(TwoFactorStatus {
        enabled_at: current
            .and_then(|r| r.confirmed_at)
            .map(crate::kernel::time::when),
        recovery_codes_left,
        required_by_role,
        setup,
    })
}

/// Starts (or starts over) a set-up: a new secret, waiting for its first code. Needs the current
/// password, so a session alone (a stolen one, say) cannot tie the account to an attacker's app.
pub async fn begin<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    hasher: &Hasher,
    key: &SecretKey,
    admin_id: i32,
    password: &str,
    now: DateTime<Utc>,
) -> Result<(), TwoFactorError> {
    confirm_password(
        db,
        hasher,
        admin_id,
        password,
        TwoFactorError::WrongPassword,
        TwoFactorError::WrongPassword,
    )
    .await?;
    let txn = crate::kernel::db::begin_write(db).await?;
    two_factor::Entity::delete_many()
        .filter(two_factor::Column::AdminId.eq(admin_id))
        .filter(two_factor::Column::ConfirmedAt.is_null())
        .exec(&txn)
        .await?;
    if row(&txn, admin_id).await?.is_some() {
        return Err(TwoFactorError::AlreadyEnabled);
    }
    let secret = TotpSecret::generate();
    two_factor::ActiveModel {
        admin_id: Set(admin_id),
        secret_ciphertext: Set(key.seal(&seal_context(admin_id), secret.as_bytes())),
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
    code: &TotpCode,
    now: DateTime<Utc>,
) -> Result<Vec<RecoveryCode>, TwoFactorError> {
    let admin_id = actor.id.ok_or(TwoFactorError::NoSetup)?;
    let pending = match row(db, admin_id).await? {
        Some(r) if r.confirmed_at.is_some() => return Err(TwoFactorError::AlreadyEnabled),
        Some(r) => r,
        None => return Err(TwoFactorError::NoSetup),
    };
    let secret = open_secret(key, &pending)?;
    let step = secret
        .matching_step(code, now)
        .ok_or(TwoFactorError::WrongCode)?;
    let txn = crate::kernel::db::begin_write(db).await?;
    let confirmed = two_factor::Entity::update_many()
        .col_expr(two_factor::Column::ConfirmedAt, Expr::value(now))
        .col_expr(
            two_factor::Column::LastUsedStep,
            Expr::value(step_value(step)),
        )
        .filter(two_factor::Column::AdminId.eq(admin_id))
        .filter(two_factor::Column::ConfirmedAt.is_null())
        .filter(two_factor::Column::SecretCiphertext.eq(pending.secret_ciphertext.clone()))
        .exec(&txn)
        .await?;
    if confirmed.rows_affected != 1 {
        // Another request confirmed or restarted the set-up meanwhile.
        return Err(TwoFactorError::NoSetup);
    }
    let codes = replace_codes(&txn, admin_id, now).await?;
    // A set-password link sent before would get around the new second factor.
    crate::auth::service::revoke_reset_links(&txn, admin_id, now).await?;
    // The admin hears of it by email, so a change they did not make does not go unnoticed.
    if let Some(me) = admin::Entity::find_by_id(admin_id).one(&txn).await? {
        let message = super::mail::compose_enabled(&super::mail::EnabledNotice {
            to: &me.email,
            lang: crate::kernel::i18n::Lang::from_code(&me.language).unwrap_or_default(),
            first_name: &me.first_name,
            username: &me.username,
            ip: &actor.ip,
        });
        crate::kernel::outbox::queue(&txn, now, message, None).await?;
    }
    let target = Target::new("admin", admin_id, actor.name.clone());
    let event = Event::new(Action::TwoFactorEnabled, Some(target))
        .after(serde_json::json!({ "recovery_codes": codes.len() }));
    record(&txn, now, actor, event).await?;
    txn.commit().await?;
    Ok(codes)
}

pub fn step_value(step: u64) -> i64 {
    i64::try_from(step).unwrap_or(i64::MAX)
}

pub fn hash_code(code: &RecoveryCode) -> String {
    hex::encode(Sha256::digest(code.normalized().as_bytes()))
}

/// A fresh recovery code from the OS CSPRNG: 16 characters of a 32-letter alphabet, 80 bits.
pub fn generate_code() -> RecoveryCode {
    let mut bytes = [0u8; RecoveryCode::LEN];
    OsRng.fill_bytes(&mut bytes);
    // 256 is a multiple of 32, so masking keeps every letter equally likely.
    let text: String = bytes
        .iter()
        .map(|b| char::from(RecoveryCode::ALPHABET[usize::from(b & 31)]))
        .collect();
    RecoveryCode::from_generated(text)
}

/// Replaces all of an admin's recovery codes with new ones; only their hashes are stored.
async fn replace_codes(
    txn: &impl ConnectionTrait,
    admin_id: i32,
    now: DateTime<Utc>,
) -> Result<Vec<RecoveryCode>, DbErr> {
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::AdminId.eq(admin_id))
        .exec(txn)
        .await?;
    let codes: Vec<RecoveryCode> = (0..RECOVERY_CODES).map(|_| generate_code()).collect();
    let rows = codes.iter().map(|code| recovery_code::ActiveModel {
        admin_id: Set(admin_id),
        code_hash: Set(hash_code(code)),
        created_at: Set(now),
        used_at: Set(None),
        ..Default::default()
    });
    recovery_code::Entity::insert_many(rows).exec(txn).await?;
    Ok(codes)
}

/// Checks a second factor and uses it up: an app code's step can never be accepted again, and a
/// recovery code works once. Both are conditional updates, so two requests cannot both win.
pub async fn verify(
    db: &impl ConnectionTrait,
    key: &SecretKey,
    admin_id: i32,
    factor: &SecondFactor,
    now: DateTime<Utc>,
) -> Result<bool, TwoFactorError> {
    match factor {
        SecondFactor::Totp(code) => {
            let Some(current) = row(db, admin_id)
                .await?
                .filter(|r| r.confirmed_at.is_some())
            else {
                return Ok(false);
            };
            let Some(step) = open_secret(key, &current)?.matching_step(code, now) else {
                return Ok(false);
            };
            let step = step_value(step);
            let used = two_factor::Entity::update_many()
                .col_expr(two_factor::Column::LastUsedStep, Expr::value(step))
                .filter(two_factor::Column::AdminId.eq(admin_id))
                .filter(two_factor::Column::ConfirmedAt.is_not_null())
                .filter(
                    Condition::any()
                        .add(two_factor::Column::LastUsedStep.is_null())
                        .add(two_factor::Column::LastUsedStep.lt(step)),
                )
                .exec(db)
                .await?;
            Ok(used.rows_affected == 1)
        }
        SecondFactor::Recovery(code) => {
            let used = recovery_code::Entity::update_many()
                .col_expr(recovery_code::Column::UsedAt, Expr::value(now))
                .filter(recovery_code::Column::AdminId.eq(admin_id))
                .filter(recovery_code::Column::CodeHash.eq(hash_code(code)))
                .filter(recovery_code::Column::UsedAt.is_null())
                .exec(db)
                .await?;
            Ok(used.rows_affected == 1)
        }
    }
}

/// Deletes the secret, the recovery codes and any login waiting for a code, in one transaction.
async fn remove_all(txn: &impl ConnectionTrait, admin_id: i32) -> Result<(), DbErr> {
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::AdminId.eq(admin_id))
        .exec(txn)
        .await?;
    login_challenge::Entity::delete_many()
        .filter(login_challenge::Column::AdminId.eq(admin_id))
        .exec(txn)
        .await?;
    two_factor::Entity::delete_many()
        .filter(two_factor::Column::AdminId.eq(admin_id))
        .exec(txn)
        .await?;
    Ok(())
}

/// What turning two-factor off must be confirmed with.
pub struct Proof<'a> {
    pub password: &'a str,
    pub factor: &'a SecondFactor,
}

/// Turns two-factor off for the signed-in admin: needs the current password and a code (from the
/// app or a recovery code). Refused while their role requires it.
pub async fn disable<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    hasher: &Hasher,
    key: &SecretKey,
    me: &CurrentAdmin,
    actor: &Actor,
    proof: Proof<'_>,
    now: DateTime<Utc>,
) -> Result<(), TwoFactorError> {
    let Proof { password, factor } = proof;
    if !is_enabled(db, me.id).await? {
        return Err(TwoFactorError::NotEnabled);
    }
    let role = role::Entity::find_by_id(me.role_id).one(db).await?;
    if role.is_some_and(|r| r.requires_two_factor) {
        return Err(TwoFactorError::RequiredByRole);
    }
    confirm_password(
        db,
        hasher,
        me.id,
        password,
        TwoFactorError::NotEnabled,
        TwoFactorError::WrongPassword,
    )
    .await?;
    if !verify(db, key, me.id, factor, now).await? {
        return Err(TwoFactorError::WrongCode);
    }
    let txn = crate::kernel::db::begin_write(db).await?;
    remove_all(&txn, me.id).await?;
    let event = Event::new(Action::TwoFactorDisabled, Some(Target::current(me)))
        .after(serde_json::json!({ "confirmed_with": factor.method() }));
    record(&txn, now, actor, event).await?;
    txn.commit().await?;
    Ok(())
}

/// New recovery codes for the signed-in admin, replacing every old one; needs the password.
pub async fn regenerate<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    hasher: &Hasher,
    me: &CurrentAdmin,
    actor: &Actor,
    password: &str,
    now: DateTime<Utc>,
) -> Result<Vec<RecoveryCode>, TwoFactorError> {
    if !is_enabled(db, me.id).await? {
        return Err(TwoFactorError::NotEnabled);
    }
    confirm_password(
        db,
        hasher,
        me.id,
        password,
        TwoFactorError::NotEnabled,
        TwoFactorError::WrongPassword,
    )
    .await?;
    let txn = crate::kernel::db::begin_write(db).await?;
    let codes = replace_codes(&txn, me.id, now).await?;
    let event = Event::new(Action::RecoveryCodesRegenerated, Some(Target::current(me)))
        .after(serde_json::json!({ "recovery_codes": codes.len() }));
    record(&txn, now, actor, event).await?;
    txn.commit().await?;
    Ok(codes)
}

/// Where the reset notice links to, and who it comes from.
pub struct ResetContext<'a> {
    pub organization: &'a str,
    pub public_url: &'a str,
}

/// Another administrator turns off an admin's two-factor authentication (a lost phone). Audited,
/// and the admin is told by email. The same no-escalation rule as other staff changes applies.
pub async fn reset_for<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    settings: ResetContext<'_>,
    actor: &CurrentAdmin,
    audit: &Actor,
    target_id: i32,
    now: DateTime<Utc>,
) -> Result<(), TwoFactorError> {
    if target_id == actor.id {
        return Err(TwoFactorError::OwnAccount);
    }
    let target = crate::admins::service::manageable(db, actor, target_id).await?;
    let Some(current) = row(db, target.id).await? else {
        return Err(TwoFactorError::NotEnabled);
    };
    let txn = crate::kernel::db::begin_write(db).await?;
    remove_all(&txn, target.id).await?;
    let message = super::mail::compose(&super::mail::ResetNotice {
        to: &target.email,
        lang: crate::kernel::i18n::Lang::from_code(&target.language).unwrap_or_default(),
        organization: settings.organization,
        reset_by: &actor.display_name(),
        first_name: &target.first_name,
        username: &target.username,
        link: &format!(
            "{}/account/two-factor",
            settings.public_url.trim_end_matches('/')
        ),
    });
    crate::kernel::outbox::queue(&txn, now, message, None).await?;
    let event = Event::new(Action::TwoFactorReset, Some(Target::admin(&target)))
        .before(serde_json::json!({ "enabled": current.confirmed_at.is_some() }));
    record(&txn, now, audit, event).await?;
    txn.commit().await?;
    Ok(())
}

/// A password that passed for an admin with two-factor: the browser gets the token (in a cookie),
/// the database its hash. Expired challenges are swept on the way.
pub async fn open_challenge(
    db: &impl ConnectionTrait,
    admin: &admin::Model,
    ip: &str,
    now: DateTime<Utc>,
) -> Result<SecretToken, DbErr> {
    let admin_id = admin.id;
    login_challenge::Entity::delete_many()
        .filter(login_challenge::Column::ExpiresAt.lte(now))
        .exec(db)
        .await?;
    let token = SecretToken::generate();
    login_challenge::ActiveModel {
        token_hash: Set(token.hash()),
        admin_id: Set(admin_id),
        ip: Set(ip.to_owned()),
        created_at: Set(now),
        expires_at: Set(now + Duration::minutes(CHALLENGE_MINUTES)),
        failures: Set(0),
        session_epoch: Set(admin.session_epoch),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The live challenge behind a token, with its admin (who must still be enabled).
pub async fn find_challenge(
    db: &impl ConnectionTrait,
    token: &SecretToken,
    now: DateTime<Utc>,
) -> Result<Option<(login_challenge::Model, admin::Model)>, DbErr> {
    let Some(challenge) = login_challenge::Entity::find()
        .filter(login_challenge::Column::TokenHash.eq(token.hash()))
        .filter(login_challenge::Column::ExpiresAt.gt(now))
        .filter(login_challenge::Column::Failures.lt(CHALLENGE_ATTEMPTS))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let admin = admin::Entity::find_by_id(challenge.admin_id)
        .filter(admin::Column::DisabledAt.is_null())
        .one(db)
        .await?;
    Ok(admin.map(|a| (challenge, a)))
}

/// Uses a challenge up; false if another request already did.
pub async fn close_challenge(db: &impl ConnectionTrait, id: i32) -> Result<bool, DbErr> {
    let deleted = login_challenge::Entity::delete_many()
        .filter(login_challenge::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(deleted.rows_affected == 1)
}

/// Takes one of the challenge's `CHALLENGE_ATTEMPTS` tries, before the code is checked, in one
/// conditional update; false when none is left (or the challenge is gone). Parallel guesses
/// therefore get no more tries than serial ones.
pub async fn take_challenge_try(db: &impl ConnectionTrait, id: i32) -> Result<bool, DbErr> {
    let taken = login_challenge::Entity::update_many()
        .col_expr(
            login_challenge::Column::Failures,
            Expr::col(login_challenge::Column::Failures).add(1),
        )
        .filter(login_challenge::Column::Id.eq(id))
        .filter(login_challenge::Column::Failures.lt(CHALLENGE_ATTEMPTS))
        .exec(db)
        .await?;
    Ok(taken.rows_affected == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_recovery_codes_parse_and_differ() {
        let codes: Vec<RecoveryCode> = (0..RECOVERY_CODES).map(|_| generate_code()).collect();
        for code in &codes {
            assert_eq!(RecoveryCode::parse(&code.display()).as_ref(), Ok(code));
        }
        let mut hashes: Vec<String> = codes.iter().map(hash_code).collect();
        hashes.sort();
        hashes.dedup();
        assert_eq!(hashes.len(), RECOVERY_CODES);
    }

    #[test]
    fn a_recovery_code_hashes_the_same_however_it_is_typed() {
        let a = RecoveryCode::parse("ABCD-EFGH-JKMN-PQRS").map(|c| hash_code(&c));
        let b = RecoveryCode::parse("abcdefghjkmnpqrs").map(|c| hash_code(&c));
        assert_eq!(a, b);
    }
}
