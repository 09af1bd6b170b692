//! Attachments of cases (letters, evidence, court papers, decisions) and of
//! activities (sign-in sheets, photos, the material handed out). Stored in
//! the database with their SHA-256 digest; append-only. Both owners go
//! through the same checks ([`Upload::check`]) and the same store functions.

use crate::auth::Actor;
use crate::{App, AppError};
use fazhi_core::org::{FieldError, Permission};
use fazhi_store::documents::{self, AttachmentMeta, NewAttachment, Owner};
use fazhi_store::{activities, cases};
use sha2::{Digest, Sha256};

/// The largest attachment accepted.
pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;

/// A file as uploaded (a multipart form of any page).
#[derive(Debug, Clone, Default)]
pub struct Upload {
    pub filename: String,
    pub content_type: String,
    pub content: Vec<u8>,
    pub note: String,
}

impl Upload {
    /// The attachment to store, or why not (quoting what was sent).
    fn check(self) -> Result<NewAttachment, AppError> {
        // Keep only the last path segment of what the browser sent.
        let name: String = self.filename.rsplit(['/', '\\']).next().unwrap_or("").trim().chars().take(200).collect();
        if name.is_empty() || self.content.is_empty() {
            return Err(AppError::invalid(FieldError::new("file", "请选择要上传的文件(文件不能为空)")));
        }
        if self.content.len() > MAX_ATTACHMENT_BYTES {
            return Err(AppError::invalid(FieldError::new(
                "file",
                format!("文件“{name}”大小为{}KB,超过10MB的上限", self.content.len() / 1024),
            )));
        }
        // Multipart text bypasses the edge validator: check it here, for every edge.
        for (field, label, value) in [
            ("note", "附件说明", self.note.as_str()),
            ("file", "文件名", name.as_str()),
            ("file", "文件类型", self.content_type.as_str()),
        ] {
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
        if self.note.chars().count() > 500 {
            return Err(AppError::invalid(FieldError::new("note", "附件说明过长(不超过500字)")));
        }
        let content_type =
            if self.content_type.trim().is_empty() { "application/octet-stream" } else { self.content_type.trim() };
        Ok(NewAttachment {
            filename: name,
            content_type: content_type.chars().take(100).collect(),
            sha256: hex::encode(Sha256::digest(&self.content)),
            note: self.note.trim().chars().take(200).collect(),
            content: self.content,
        })
    }
}

impl App {
    /// Stores a checked upload on `owner` of `region` (in the unit at `unit_path`).
    async fn attach(
        &self,
        actor: &Actor,
        region: &str,
        unit_path: &str,
        owner: Owner,
        upload: Upload,
    ) -> Result<i64, AppError> {
        let new = upload.check()?;
        let mut tx = self.store.begin_write(actor.audit_actor(), self.now.now()).await?;
        let id = documents::attach(&mut tx, region, unit_path, owner, &new).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Attaches a file to a case in the actor's scope.
    pub async fn attach_file(&self, actor: &Actor, case_id: i64, upload: Upload) -> Result<i64, AppError> {
        actor.require(Permission::WriteRecords)?;
        let row = cases::get(self.store.pool(), &actor.scope, case_id).await?;
        self.attach(actor, &row.region_code, row.unit_path.as_str(), Owner::Case(case_id), upload).await
    }

    /// Attaches a file to an activity in the actor's scope.
    pub async fn attach_activity_file(&self, actor: &Actor, activity_id: i64, upload: Upload) -> Result<i64, AppError> {
        actor.require(Permission::WriteRecords)?;
        let row = activities::get(self.store.pool(), &actor.scope, activity_id).await?;
        self.attach(actor, &row.region_code, &row.unit_path, Owner::Activity(activity_id), upload).await
    }

    /// The attachments of a case in the actor's scope.
    pub async fn case_attachments(&self, actor: &Actor, case_id: i64) -> Result<Vec<AttachmentMeta>, AppError> {
        let row = cases::get(self.store.pool(), &actor.scope, case_id).await?;
        Ok(documents::attachments(self.store.pool(), &row.region_code, Owner::Case(case_id)).await?)
    }

    /// One attachment of a case with its content.
    pub async fn case_attachment(
        &self,
        actor: &Actor,
        case_id: i64,
        id: i64,
    ) -> Result<(AttachmentMeta, Vec<u8>), AppError> {
        let row = cases::get(self.store.pool(), &actor.scope, case_id).await?;
        Ok(documents::attachment(self.store.pool(), &row.region_code, Owner::Case(case_id), id).await?)
    }

    /// The attachments of an activity in the actor's scope.
    pub async fn activity_attachments(
        &self,
        actor: &Actor,
        activity_id: i64,
    ) -> Result<Vec<AttachmentMeta>, AppError> {
        let row = activities::get(self.store.pool(), &actor.scope, activity_id).await?;
        Ok(documents::attachments(self.store.pool(), &row.region_code, Owner::Activity(activity_id)).await?)
    }

    /// One attachment of an activity with its content.
    pub async fn activity_attachment(
        &self,
        actor: &Actor,
        activity_id: i64,
        id: i64,
    ) -> Result<(AttachmentMeta, Vec<u8>), AppError> {
        let row = activities::get(self.store.pool(), &actor.scope, activity_id).await?;
        Ok(documents::attachment(self.store.pool(), &row.region_code, Owner::Activity(activity_id), id).await?)
    }
}
