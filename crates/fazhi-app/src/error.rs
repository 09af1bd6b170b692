//! The application error: what a use case can refuse, in terms the edges
//! (web pages, API, CLI) turn into a page, a structured error or a message.

use fazhi_core::org::FieldError;
use fazhi_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The input is invalid; one entry per field, messages in Chinese.
    #[error("输入有误")]
    Invalid(Vec<FieldError>),
    #[error("需要登录")]
    Unauthenticated,
    #[error("无权进行此操作")]
    Forbidden,
    /// The account's password is a one-time password: it must be changed first.
    #[error("请先修改管理员设置的一次性密码,然后才能进行其他操作")]
    PasswordChangeRequired,
    #[error("记录不存在或不在您的权限范围内")]
    NotFound,
    /// A duplicate or otherwise conflicting record; the message says which.
    #[error("{0}")]
    Conflict(String),
    #[error("记录已被他人修改,请刷新后重试")]
    Stale,
    #[error("数据库暂时无法访问,请稍后再试")]
    Unavailable,
    /// Anything else: logged with its detail, shown with an operation id only.
    #[error("系统内部错误")]
    Internal(String),
}

impl AppError {
    pub fn invalid(e: FieldError) -> Self {
        AppError::Invalid(vec![e])
    }
}

impl From<FieldError> for AppError {
    fn from(e: FieldError) -> Self {
        AppError::invalid(e)
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Stale => AppError::Stale,
            StoreError::Unavailable(_) => AppError::Unavailable,
            StoreError::Conflict { constraint } => AppError::Conflict(format!("与已有记录重复({constraint})")),
            other => AppError::Internal(other.to_string()),
        }
    }
}

/// A lookup that may find nothing: "not found" is `None` (the caller names
/// the field), any other store error stays an error (never a field error).
pub(crate) fn found<T>(r: Result<T, StoreError>) -> Result<Option<T>, AppError> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(StoreError::NotFound) => Ok(None),
        Err(e) => Err(e.into()),
    }
}
