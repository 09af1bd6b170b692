//! User accounts. Password hashes are produced by the application layer
//! (argon2); this module only stores them and never returns them except to
//! the login check ([`credentials`]).

use crate::{parse_ts, scope_condition, ts, StoreError, WriteTx};
use fazhi_core::audit::AuditAction;
use fazhi_core::org::{Role, UnitPath, Username};
use serde::Serialize;
use sqlx::AnyPool;

/// A user account as the rest of the system sees it (no password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub unit_id: i64,
    pub role: Role,
    pub active: bool,
    pub must_change_password: bool,
    pub failed_logins: i64,
    pub locked_until: Option<String>,
    pub version: i64,
}

/// A user with their unit's name and path, for listings and sessions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UserInUnit {
    #[serde(flatten)]
    pub user: User,
    pub unit_name: String,
    #[serde(skip)]
    pub unit_path: UnitPath,
    /// The region of the user's unit (their changes go to its audit chain).
    #[serde(skip)]
    pub unit_region: String,
}

#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: Username,
    pub display_name: String,
    pub unit_id: i64,
    pub role: Role,
    pub password_hash: String,
    pub must_change_password: bool,
}

#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    username: String,
    display_name: String,
    unit_id: i64,
    role: String,
    active: i64,
    must_change_password: i64,
    failed_logins: i64,
    locked_until: Option<String>,
    version: i64,
    unit_name: String,
    unit_path: String,
    unit_region: String,
}

impl TryFrom<UserRow> for UserInUnit {
    type Error = StoreError;
    fn try_from(r: UserRow) -> Result<Self, StoreError> {
        Ok(UserInUnit {
            user: User {
                role: Role::from_code(&r.role).ok_or_else(|| StoreError::Corrupt(format!("role {:?}", r.role)))?,
                id: r.id,
                username: r.username,
                display_name: r.display_name,
                unit_id: r.unit_id,
                active: r.active != 0,
                must_change_password: r.must_change_password != 0,
                failed_logins: r.failed_logins,
                locked_until: r.locked_until,
                version: r.version,
            },
            unit_name: r.unit_name,
            unit_path: crate::parse_path(&r.unit_path)?,
            unit_region: r.unit_region,
        })
    }
}

const SELECT: &str = "SELECT u.id, u.username, u.display_name, u.unit_id, u.role, u.active, u.must_change_password, \
    u.failed_logins, u.locked_until, u.version, n.name AS unit_name, n.path AS unit_path, \
    n.region_code AS unit_region \
    FROM users u JOIN units n ON n.id = u.unit_id";

pub async fn insert(tx: &mut WriteTx, new: &NewUser) -> Result<UserInUnit, StoreError> {
    let at = ts(tx.at());
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO users (username, display_name, unit_id, role, password_hash, active, must_change_password, failed_logins, version, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, 1, $6, 0, 1, $7, $7) RETURNING id",
    )
    .bind(new.username.as_str())
    .bind(&new.display_name)
    .bind(new.unit_id)
    .bind(new.role.code())
    .bind(&new.password_hash)
    .bind(i64::from(new.must_change_password))
    .bind(&at)
    .fetch_one(&mut *tx.tx)
    .await?;
    let user = get_in_tx(tx, id).await?;
    tx.audit(
        &user.unit_region,
        AuditAction::Create,
        "user",
        &id.to_string(),
        Some(user.unit_path.as_str()),
        None::<&()>,
        Some(&user),
    )
    .await?;
    Ok(user)
}

async fn get_in_tx(tx: &mut WriteTx, id: i64) -> Result<UserInUnit, StoreError> {
    let row: UserRow = sqlx::query_as(&format!("{SELECT} WHERE u.id = $1"))
        .bind(id)
        .fetch_optional(&mut *tx.tx)
        .await?
        .ok_or(StoreError::NotFound)?;
    row.try_into()
}

/// What an account change may touch.
#[derive(Debug, Clone)]
pub enum UserChange {
    /// Enable or disable the account. Disabling also ends its sessions.
    Active(bool),
    /// A new password hash; `must_change` forces a change at next login.
    Password { hash: String, must_change: bool },
    /// Profile fields an administrator edits.
    Profile { display_name: String, unit_id: i64, role: Role },
    /// Clear a lockout.
    Unlock,
}

/// Applies a change if the account still has `expected_version` (if given).
pub async fn update(
    tx: &mut WriteTx,
    id: i64,
    expected_version: Option<i64>,
    change: &UserChange,
) -> Result<UserInUnit, StoreError> {
    let before = get_in_tx(tx, id).await?;
    if expected_version.is_some_and(|v| v != before.user.version) {
        return Err(StoreError::Stale);
    }
    let at = ts(tx.at());
    let q = match change {
        UserChange::Active(active) => sqlx::query(
            "UPDATE users SET active = $1, version = version + 1, updated_at = $2 WHERE id = $3",
        )
        .bind(i64::from(*active)),
        UserChange::Password { hash, must_change } => sqlx::query(
            "UPDATE users SET password_hash = $1, must_change_password = $2, failed_logins = 0, locked_until = NULL, \
             version = version + 1, updated_at = $3 WHERE id = $4",
        )
        .bind(hash.clone())
        .bind(i64::from(*must_change)),
        UserChange::Profile { display_name, unit_id, role } => sqlx::query(
            "UPDATE users SET display_name = $1, unit_id = $2, role = $3, version = version + 1, updated_at = $4 WHERE id = $5",
        )
        .bind(display_name.clone())
        .bind(*unit_id)
        .bind(role.code()),
        UserChange::Unlock => sqlx::query(
            "UPDATE users SET failed_logins = 0, locked_until = NULL, version = version + 1, updated_at = $1 WHERE id = $2",
        ),
    };
    q.bind(&at).bind(id).execute(&mut *tx.tx).await?;
    if matches!(change, UserChange::Active(false) | UserChange::Password { .. }) {
        // Disabling the account or changing its password ends its sessions
        // and revokes its API tokens.
        sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(id).execute(&mut *tx.tx).await?;
        crate::sessions::revoke_all_tokens(tx, id).await?;
    }
    let after = get_in_tx(tx, id).await?;
    // A password change is recorded without the hash itself.
    tx.audit(
        &after.unit_region,
        AuditAction::Update,
        "user",
        &id.to_string(),
        Some(after.unit_path.as_str()),
        Some(&before),
        Some(&after),
    )
    .await?;
    Ok(after)
}

/// One user, if their unit lies inside `scope`.
pub async fn get(pool: &AnyPool, scope: &UnitPath, id: i64) -> Result<UserInUnit, StoreError> {
    let sql = format!("{SELECT} WHERE u.id = $1 AND {}", scope_condition("n.path", 2));
    let row: UserRow =
        sqlx::query_as(&sql).bind(id).bind(scope.as_str()).fetch_optional(pool).await?.ok_or(StoreError::NotFound)?;
    row.try_into()
}

/// Users whose unit lies inside `scope`, by unit then name.
pub async fn list(pool: &AnyPool, scope: &UnitPath) -> Result<Vec<UserInUnit>, StoreError> {
    let sql = format!("{SELECT} WHERE {} ORDER BY n.path, u.username", scope_condition("n.path", 1));
    let rows: Vec<UserRow> = sqlx::query_as(&sql).bind(scope.as_str()).fetch_all(pool).await?;
    rows.into_iter().map(UserInUnit::try_from).collect()
}

/// A user by login name, unscoped (login, CLI).
pub async fn by_username(pool: &AnyPool, username: &str) -> Result<Option<UserInUnit>, StoreError> {
    let row: Option<UserRow> =
        sqlx::query_as(&format!("{SELECT} WHERE u.username = $1")).bind(username).fetch_optional(pool).await?;
    row.map(UserInUnit::try_from).transpose()
}

/// A user by id, unscoped (sessions, tokens).
pub async fn by_id(pool: &AnyPool, id: i64) -> Result<UserInUnit, StoreError> {
    let row: UserRow = sqlx::query_as(&format!("{SELECT} WHERE u.id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await?
        .ok_or(StoreError::NotFound)?;
    row.try_into()
}

/// The stored password hash, for the login check only.
pub async fn password_hash(pool: &AnyPool, id: i64) -> Result<String, StoreError> {
    Ok(sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1").bind(id).fetch_one(pool).await?)
}

/// Records a failed login; returns the new failure count. `lock_until` is
/// set when the caller decided the account is now locked.
pub async fn record_login_failure(
    pool: &AnyPool,
    id: i64,
    lock_until: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<i64, StoreError> {
    let n: i64 = sqlx::query_scalar(
        "UPDATE users SET failed_logins = failed_logins + 1, locked_until = COALESCE($1, locked_until) WHERE id = $2 RETURNING failed_logins",
    )
    .bind(lock_until.map(ts))
    .bind(id)
    .fetch_one(pool)
    .await?;
    Ok(n)
}

/// Clears the failure counter after a successful login.
pub async fn record_login_success(pool: &AnyPool, id: i64) -> Result<(), StoreError> {
    sqlx::query("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1 AND (failed_logins <> 0 OR locked_until IS NOT NULL)")
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Parses a user's `locked_until`.
pub fn locked_until(user: &User) -> Result<Option<chrono::DateTime<chrono::Utc>>, StoreError> {
    user.locked_until.as_deref().map(parse_ts).transpose()
}

pub async fn count_all(pool: &AnyPool) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(pool).await?)
}
