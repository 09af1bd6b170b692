//! Attachments of cases (letters, evidence, court papers, decisions) and of
//! activities (sign-in sheets, photos, the material handed out). Stored in
//! the database with their SHA-256 digest; append-only. Both owners go
//! through the same checks ([`Upload::check`]) and the same store functions.

use crate::auth::Actor;
use crate::{App, AppError};
use fazhi_core::org::{FieldError, Permission};
pub use fazhi_store::documents::Owner;
use fazhi_store::documents::{self, AttachmentMeta, NewAttachment};
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
    /// The region and unit path of a case or an activity in the actor's
    /// scope (outside it: not found).
    async fn owner_place(&self, actor: &Actor, owner: Owner) -> Result<(String, String), AppError> {
        let pool = self.store.pool();
        Ok(match owner {
            Owner::Case(id) => {
                let r = cases::get(pool, &actor.scope, id).await?;
                (r.region_code, r.unit_path)
            }
            Owner::Activity(id) => {
                let r = activities::get(pool, &actor.scope, id).await?;
                (r.region_code, r.unit_path)
            }
        })
    }

    /// Attaches a file to a case or an activity in the actor's scope.
    pub async fn attach_file(&self, actor: &Actor, owner: Owner, upload: Upload) -> Result<i64, AppError> {
        actor.require(Permission::WriteRecords)?;
        let (region, unit_path) = self.owner_place(actor, owner).await?;
        let new = upload.check()?;
        let mut tx = self.store.begin_write(actor.audit_actor(), self.now.now()).await?;
        let id = documents::attach(&mut tx, &region, &unit_path, owner, &new).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The attachments of a case or an activity in the actor's scope.
    pub async fn attachments(&self, actor: &Actor, owner: Owner) -> Result<Vec<AttachmentMeta>, AppError> {
        let (region, _) = self.owner_place(actor, owner).await?;
        Ok(documents::attachments(self.store.pool(), &region, owner).await?)
    }

    /// One attachment of a case or an activity in the actor's scope, with its content.
    pub async fn attachment(
        &self,
        actor: &Actor,
        owner: Owner,
        id: i64,
    ) -> Result<(AttachmentMeta, Vec<u8>), AppError> {
        let (region, _) = self.owner_place(actor, owner).await?;
        Ok(documents::attachment(self.store.pool(), &region, owner, id).await?)
    }
}
