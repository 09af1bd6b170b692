//! The storage error type and the one place where database errors are mapped.

/// What can go wrong in storage. Users never see the inner text of
/// [`StoreError::Database`]; the web layer logs it and shows an operation id.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("记录不存在")]
    NotFound,
    /// A unique constraint refused the change; `constraint` names it.
    #[error("与已有记录重复({constraint})")]
    Conflict { constraint: String },
    /// The record was changed by someone else since it was read.
    #[error("记录已被他人修改,请刷新后重试")]
    Stale,
    /// The database cannot be reached.
    #[error("数据库暂时无法访问")]
    Unavailable(String),
    #[error("配置错误:{0}")]
    Config(String),
    #[error("数据库迁移失败:{0}")]
    Migration(String),
    /// Stored data that does not parse: a bug or a hand edit.
    #[error("数据库中的数据损坏:{0}")]
    Corrupt(String),
    #[error("数据库错误:{0}")]
    Database(String),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Conflict {
                constraint: db.constraint().map(str::to_owned).unwrap_or_else(|| unique_target(db.message())),
            },
            sqlx::Error::Io(_)
            | sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::Tls(_)
            | sqlx::Error::Protocol(_)
            | sqlx::Error::WorkerCrashed => StoreError::Unavailable(e.to_string()),
            _ => StoreError::Database(e.to_string()),
        }
    }
}

/// SQLite names the columns in the message ("UNIQUE constraint failed: users.username").
fn unique_target(message: &str) -> String {
    message.rsplit(':').next().map(str::trim).unwrap_or(message).to_owned()
}

impl StoreError {
    /// Whether a unique violation concerned the given column or constraint name.
    pub fn is_conflict_on(&self, column: &str) -> bool {
        matches!(self, StoreError::Conflict { constraint } if constraint.contains(column))
    }
}
