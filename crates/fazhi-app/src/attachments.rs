//! Attachments of cases: letters, evidence, court papers, decisions.
//! Stored in the database with their SHA-256 digest; append-only.

use crate::auth::Actor;
use crate::{App, AppError};
use fazhi_core::org::{FieldError, Permission};
use fazhi_store::cases;
use fazhi_store::documents::{self, AttachmentMeta, NewAttachment};
use sha2::{Digest, Sha256};

/// The largest attachment accepted.
pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;

impl App {
    /// Attaches a file to a case in the actor's scope.
    pub async fn attach_file(
        &self,
        actor: &Actor,
        case_id: i64,
        filename: &str,
        content_type: &str,
        content: Vec<u8>,
        note: &str,
    ) -> Result<i64, AppError> {
        actor.require(Permission::WriteRecords)?;
        let row = cases::get(self.store.pool(), &actor.scope, case_id).await?;
        // Keep only the last path segment of what the browser sent.
        let name: String = filename.rsplit(['/', '\\']).next().unwrap_or("").trim().chars().take(200).collect();
        if name.is_empty() || content.is_empty() {
            return Err(AppError::invalid(FieldError::new("file", "请选择要上传的文件(文件不能为空)")));
        }
        if content.len() > MAX_ATTACHMENT_BYTES {
            return Err(AppError::invalid(FieldError::new(
                "file",
                format!("文件“{name}”大小为{}KB,超过10MB的上限", content.len() / 1024),
            )));
        }
        // Multipart text bypasses the edge validator: check it here, for every edge.
        for (field, label, value) in
            [("note", "附件说明", note), ("file", "文件名", name.as_str()), ("file", "文件类型", content_type)]
        {
            if let Some(c) = fazhi_core::input::forbidden_char(value) {
                return Err(AppError::invalid(FieldError::new(
                    field,
                    format!(
                        "{label}中含有不允许的控制字符(U+{:04X}),您输入的是“{}”",
                        u32::from(c),
                        fazhi_core::input::quote_for_message(value, 60)
                    ),
                )));
            }
        }
        if note.chars().count() > 500 {
            return Err(AppError::invalid(FieldError::new("note", "附件说明过长(不超过500字)")));
        }
        let content_type =
            if content_type.trim().is_empty() { "application/octet-stream" } else { content_type.trim() };
        let new = NewAttachment {
            case_id,
            filename: name,
            content_type: content_type.chars().take(100).collect(),
            sha256: hex::encode(Sha256::digest(&content)),
            content,
            note: note.trim().chars().take(200).collect(),
        };
        let mut tx = self.store.begin_write(actor.audit_actor(), self.now.now()).await?;
        let id = documents::attach(&mut tx, &row.region_code, row.unit_path.as_str(), &new).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The attachments of a case in the actor's scope.
    pub async fn case_attachments(&self, actor: &Actor, case_id: i64) -> Result<Vec<AttachmentMeta>, AppError> {
        let row = cases::get(self.store.pool(), &actor.scope, case_id).await?;
        Ok(documents::attachments(self.store.pool(), &row.region_code, case_id).await?)
    }

    /// One attachment with its content.
    pub async fn case_attachment(
        &self,
        actor: &Actor,
        case_id: i64,
        id: i64,
    ) -> Result<(AttachmentMeta, Vec<u8>), AppError> {
        let row = cases::get(self.store.pool(), &actor.scope, case_id).await?;
        Ok(documents::attachment(self.store.pool(), &row.region_code, case_id, id).await?)
    }
}
