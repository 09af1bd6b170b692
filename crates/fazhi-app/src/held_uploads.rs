//! Uploads held on the server between a preview and its confirmation (the
//! activity import: the file is checked, the bad rows are shown, and the
//! user then takes the good rows without uploading the file again).
//!
//! The preview page carries only a random token; the file stays in the
//! database (`held_uploads`, a local table like `sessions`, migration 0015),
//! bound to the session and user that uploaded it and to what it is for,
//! for [`HOLD_FOR`], at most [`MAX_HELD_PER_USER`] per user of at most
//! [`MAX_HELD_BYTES`] each. Taking it removes it, so a confirmation sent
//! twice imports once. Why the database and not this process's memory:
//! sessions live in the database so that any `fazhi serve` process of a
//! deployment (several behind a proxy on PostgreSQL) answers any request of
//! a signed-in user, and so does the upload; it also survives a restart
//! between preview and confirmation, and goes when the session ends
//! (logout, purge: `ON DELETE CASCADE`).

use chrono::Duration;
use fazhi_core::org::FieldError;
use fazhi_store::held_uploads::{self as store, NewHeld};

use crate::auth::{new_secret, secret_hash, Actor};
use crate::{App, AppError};

/// How long a held upload waits for its confirmation.
pub const HOLD_FOR: Duration = Duration::minutes(30);
/// The most uploads one user holds at a time (the oldest goes first).
pub const MAX_HELD_PER_USER: i64 = 3;
/// The largest upload held (the spreadsheet reader's own limit).
pub const MAX_HELD_BYTES: usize = crate::sheet::MAX_BYTES;

/// What an upload is held for; a token of one purpose opens nothing else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    ActivityImport,
}

impl Purpose {
    fn code(self) -> &'static str {
        match self {
            Purpose::ActivityImport => "activity_import",
        }
    }
}

/// The refusal of a token that opens nothing here (unknown, expired, taken,
/// another session's or another purpose's), quoting its beginning.
fn gone(token: &str) -> AppError {
    AppError::invalid(FieldError::new(
        "file",
        format!(
            "待导入的文件已失效(凭据“{}”):上传的文件只保留{}分钟,仅供本次登录使用,且只能导入一次。请重新选择文件上传。",
            fazhi_core::input::quote_for_message(token, 12),
            HOLD_FOR.num_minutes()
        ),
    ))
}

impl App {
    /// Holds `content` for the signed-in `actor` of the session whose secret
    /// is `session`: the token that names it (give it back to
    /// [`App::take_upload`]).
    pub async fn hold_upload(
        &self,
        actor: &Actor,
        session: &str,
        purpose: Purpose,
        content: &[u8],
    ) -> Result<String, AppError> {
        if content.len() > MAX_HELD_BYTES {
            return Err(AppError::invalid(FieldError::new(
                "file",
                format!("文件超过{}MB的上限,无法保留", MAX_HELD_BYTES / 1024 / 1024),
            )));
        }
        let token = new_secret();
        let now = self.now.now();
        let held = NewHeld {
            token_hash: &secret_hash(&token),
            session_hash: &secret_hash(session),
            user_id: actor.user_id,
            purpose: purpose.code(),
            content,
            created_at: now,
            expires_at: now + HOLD_FOR,
        };
        store::hold(self.store.pool(), held, MAX_HELD_PER_USER).await?;
        Ok(token)
    }

    /// The upload `token` names, if this session of `actor` holds it for
    /// `purpose` and it has not expired; removed as it is taken. Anything
    /// else is a field error asking to upload again.
    pub async fn take_upload(
        &self,
        actor: &Actor,
        session: &str,
        purpose: Purpose,
        token: &str,
    ) -> Result<Vec<u8>, AppError> {
        let token = token.trim();
        if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(gone(token));
        }
        let now = self.now.now();
        let pool = self.store.pool();
        store::take(pool, &secret_hash(token), &secret_hash(session), actor.user_id, purpose.code(), now)
            .await?
            .ok_or_else(|| gone(token))
    }
}
