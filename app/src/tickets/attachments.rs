//! Files attached to replies and notes: the limits, the check by content, and storage under
//! `<data_dir>/attachments` with random names. Nothing of the uploaded name reaches the file
//! system; the name is kept (cleaned) only to show and to offer on download.

use std::path::{Path, PathBuf};

use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};

use crate::kernel::settings::TicketSettings;

/// The kinds of file the desk accepts, each recognised by its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Jpeg,
    Png,
    Gif,
    Webp,
    Pdf,
    Zip,
    /// UTF-8 text without NUL bytes; always served as `text/plain`, whatever the name says.
    Text,
}

impl Kind {
    /// The kind a file name extension promises, when it is one the desk can check.
    pub fn for_extension(extension: &str) -> Option<Self> {
        Some(match extension.to_ascii_lowercase().as_str() {
            "jpg" | "jpeg" => Self::Jpeg,
            "png" => Self::Png,
            "gif" => Self::Gif,
            "webp" => Self::Webp,
            "pdf" => Self::Pdf,
            "zip" => Self::Zip,
            "txt" | "log" | "csv" | "md" | "json" | "xml" | "html" | "htm" => Self::Text,
            _ => return None,
        })
    }

    /// What the content is, from its first bytes (and for text, all of it).
    pub fn detect(bytes: &[u8]) -> Option<Self> {
        let text = !bytes.contains(&0) && std::str::from_utf8(bytes).is_ok();
        match infer::get(bytes).map(|t| t.mime_type()) {
            Some("image/jpeg") => Some(Self::Jpeg),
            Some("image/png") => Some(Self::Png),
            Some("image/gif") => Some(Self::Gif),
            Some("image/webp") => Some(Self::Webp),
            Some("application/pdf") => Some(Self::Pdf),
            Some("application/zip") => Some(Self::Zip),
            // Markup, scripts and the like are text too: they are only ever served as such.
            _ if text => Some(Self::Text),
            _ => None,
        }
    }

    /// The content type downloads are served with: never one a browser would run.
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
            Self::Gif => "image/gif",
            Self::Webp => "image/webp",
            Self::Pdf => "application/pdf",
            Self::Zip => "application/zip",
            Self::Text => "text/plain; charset=utf-8",
        }
    }

    pub fn from_content_type(content_type: &str) -> Option<Self> {
        [
            Self::Jpeg,
            Self::Png,
            Self::Gif,
            Self::Webp,
            Self::Pdf,
            Self::Zip,
            Self::Text,
        ]
        .into_iter()
        .find(|k| k.content_type() == content_type)
    }

    /// Raster images, the only files ever shown in the page (as previews).
    pub fn is_image(self) -> bool {
        matches!(self, Self::Jpeg | Self::Png | Self::Gif | Self::Webp)
    }
}

/// A file as uploaded (by form or email).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A file that passed every check, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub name: String,
    pub kind: Kind,
    pub bytes: Vec<u8>,
    pub sha256: String,
}

/// A checked file written to disk under its random name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub stored_name: String,
    pub name: String,
    pub kind: Kind,
    pub size: i64,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AttachmentError {
    #[error("{name} is larger than {max_mb} MiB")]
    TooBig { name: String, max_mb: u32 },
    #[error("more than {max} files")]
    TooMany { max: u32 },
    #[error("{name} is empty")]
    Empty { name: String },
    #[error("{name}: this type of file is not accepted")]
    Extension { name: String },
    #[error("{name}: the content is not what its name says")]
    Mismatch { name: String },
}

/// The limits in force, from the settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    pub max_bytes: usize,
    pub max_mb: u32,
    pub per_message: u32,
    pub extensions: Vec<String>,
}

impl Limits {
    pub fn from_settings(s: &TicketSettings) -> Self {
        Self {
            max_bytes: usize::try_from(s.attachment_max_mb)
                .unwrap_or(usize::MAX)
                .saturating_mul(1024 * 1024),
            max_mb: s.attachment_max_mb,
            per_message: s.attachments_per_message,
            extensions: s
                .attachment_extensions
                .iter()
                .map(|e| e.to_ascii_lowercase())
                .collect(),
        }
    }
}

/// The uploaded name made safe to show and to offer on download: its last path component, without
/// control characters, quotes or leading dots, at most 255 characters.
pub fn clean_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        // Also the direction overrides and invisible marks that could disguise an extension.
        .filter(|c| {
            !c.is_control()
                && !matches!(c, '"' | ';' | '<' | '>')
                && !matches!(*c as u32, 0x200B..=0x200F | 0x202A..=0x202E | 0x2066..=0x2069 | 0xFEFF)
        })
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim();
    let cleaned: String = cleaned.chars().take(255).collect();
    if cleaned.is_empty() {
        "file".to_owned()
    } else {
        cleaned
    }
}

/// Checks every upload against `limits`, all before anything is stored: count, emptiness, size,
/// extension, and that the content is what the extension promises.
pub fn check(limits: &Limits, uploads: Vec<Upload>) -> Result<Vec<Checked>, AttachmentError> {
    if uploads.len() > usize::try_from(limits.per_message).unwrap_or(usize::MAX) {
        return Err(AttachmentError::TooMany {
            max: limits.per_message,
        });
    }
    uploads
        .into_iter()
        .map(|upload| {
            let name = clean_name(&upload.name);
            if upload.bytes.is_empty() {
                return Err(AttachmentError::Empty { name });
            }
            if upload.bytes.len() > limits.max_bytes {
                return Err(AttachmentError::TooBig {
                    name,
                    max_mb: limits.max_mb,
                });
            }
            let extension = name
                .rsplit_once('.')
                .map(|(_, e)| e.to_ascii_lowercase())
                .unwrap_or_default();
            let promised = limits
                .extensions
                .contains(&extension)
                .then(|| Kind::for_extension(&extension))
                .flatten()
                .ok_or_else(|| AttachmentError::Extension { name: name.clone() })?;
            if Kind::detect(&upload.bytes) != Some(promised) {
                return Err(AttachmentError::Mismatch { name });
            }
            let sha256 = hex::encode(Sha256::digest(&upload.bytes));
            Ok(Checked {
                name,
                kind: promised,
                bytes: upload.bytes,
                sha256,
            })
        })
        .collect()
}

/// Where attachments live.
pub fn directory(data_dir: &Path) -> PathBuf {
    data_dir.join("attachments")
}

/// Whether `stored_name` is one this module made (so a stored row can never point elsewhere).
pub fn is_stored_name(stored_name: &str) -> bool {
    stored_name.len() == 32 && stored_name.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Where files are written before they are complete: a directory of its own inside `dir`, so
/// sweeping interrupted writes never lists the stored files.
fn partial_dir(dir: &Path) -> PathBuf {
    dir.join(".partial")
}

/// Writes each file under a fresh random name (fully written, flushed, then renamed into place).
/// On any failure, the files already written are removed again.
pub fn store(dir: &Path, files: Vec<Checked>) -> std::io::Result<Vec<Stored>> {
    use std::io::Write;
    std::fs::create_dir_all(partial_dir(dir))?;
    let mut stored: Vec<Stored> = Vec::with_capacity(files.len());
    for file in files {
        let mut random = [0u8; 16];
        OsRng.fill_bytes(&mut random);
        let stored_name = hex::encode(random);
        let partial = partial_dir(dir).join(format!("{stored_name}.part"));
        let result = (|| {
            let mut out = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&partial)?;
            out.write_all(&file.bytes)?;
            out.sync_all()?;
            std::fs::rename(&partial, dir.join(&stored_name))
        })();
        if let Err(err) = result {
            let _ = std::fs::remove_file(&partial);
            remove(dir, &stored);
            return Err(err);
        }
        stored.push(Stored {
            stored_name,
            size: i64::try_from(file.bytes.len()).unwrap_or(i64::MAX),
            name: file.name,
            kind: file.kind,
            sha256: file.sha256,
        });
    }
    Ok(stored)
}

/// Stored files waiting for their message to be written: removed when dropped unless kept, so a
/// refused message, an error or a request cut off midway leaves no file behind.
pub struct Pending {
    dir: PathBuf,
    files: Vec<Stored>,
    kept: bool,
}

impl Pending {
    pub fn new(dir: PathBuf) -> Self {
        Self {
            dir,
            files: Vec::new(),
            kept: false,
        }
    }

    pub fn add(&mut self, files: Vec<Stored>) {
        self.files.extend(files);
    }

    pub fn files(&self) -> &[Stored] {
        &self.files
    }

    /// The message was written: the files stay.
    pub fn keep(&mut self) {
        self.kept = true;
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if !self.kept {
            remove(&self.dir, &self.files);
        }
    }
}

/// Removes unfinished files older than an hour: writes that a crash or a power cut interrupted.
/// Returns how many went.
pub fn sweep_partials(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(partial_dir(dir)) else {
        return 0;
    };
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    entries
        .filter_map(Result::ok)
        .filter(|e| {
            e.metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|at| at < hour_ago)
        })
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}

/// Removes stored files again (after the message they belonged to was refused).
pub fn remove(dir: &Path, stored: &[Stored]) {
    for file in stored {
        let _ = std::fs::remove_file(dir.join(&file.stored_name));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> Limits {
        Limits::from_settings(&TicketSettings::default())
    }

    fn upload(name: &str, bytes: &[u8]) -> Upload {
        Upload {
            name: name.into(),
            bytes: bytes.to_vec(),
        }
    }

    const PNG: &[u8] =
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";

    #[test]
    fn names_lose_their_paths_and_dangerous_characters() {
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("C:\\Users\\a\\..\\evil.png"), "evil.png");
        assert_eq!(clean_name("..."), "file");
        assert_eq!(clean_name(".htaccess"), "htaccess");
        assert_eq!(clean_name("a\"b;\r\n.txt"), "ab.txt");
        assert_eq!(clean_name("invoice\u{202E}fdp.exe"), "invoicefdp.exe");
    }

    #[test]
    fn content_decides_and_must_match_the_extension() {
        assert_eq!(Kind::detect(PNG), Some(Kind::Png));
        assert_eq!(Kind::detect(b"hello\n"), Some(Kind::Text));
        assert_eq!(Kind::detect(b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff"), None);
        let ok = check(&limits(), vec![upload("shot.PNG", PNG)]).unwrap();
        assert_eq!(ok[0].kind, Kind::Png);
        assert_eq!(ok[0].sha256.len(), 64);
        // A program renamed to a picture, and a picture renamed to text.
        assert_eq!(
            check(
                &limits(),
                vec![upload("cat.jpg", b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff")]
            ),
            Err(AttachmentError::Mismatch {
                name: "cat.jpg".into()
            })
        );
        assert_eq!(
            check(&limits(), vec![upload("notes.txt", PNG)]),
            Err(AttachmentError::Mismatch {
                name: "notes.txt".into()
            })
        );
    }

    #[test]
    fn size_count_emptiness_and_extension_are_limited() {
        let mut l = limits();
        l.max_bytes = 10;
        assert_eq!(
            check(&l, vec![upload("a.txt", b"01234567890")]),
            Err(AttachmentError::TooBig {
                name: "a.txt".into(),
                max_mb: 10
            })
        );
        assert_eq!(
            check(&limits(), vec![upload("a.txt", b"")]),
            Err(AttachmentError::Empty {
                name: "a.txt".into()
            })
        );
        assert_eq!(
            check(&limits(), vec![upload("a.exe", b"hi")]),
            Err(AttachmentError::Extension {
                name: "a.exe".into()
            })
        );
        assert_eq!(
            check(
                &limits(),
                vec![upload("page.html", b"<script>alert(1)</script>")]
            ),
            Err(AttachmentError::Extension {
                name: "page.html".into()
            })
        );
        let six = (0..6).map(|i| upload(&format!("{i}.txt"), b"x")).collect();
        assert_eq!(
            check(&limits(), six),
            Err(AttachmentError::TooMany { max: 5 })
        );
    }

    #[test]
    fn interrupted_writes_are_swept_after_an_hour_and_finished_files_stay() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(partial_dir(dir.path())).unwrap();
        let old = partial_dir(dir.path()).join("abc.part");
        let fresh = partial_dir(dir.path()).join("def.part");
        let kept = dir.path().join("0123456789abcdef0123456789abcdef");
        for p in [&old, &fresh, &kept] {
            std::fs::write(p, b"x").unwrap();
        }
        let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
        for p in [&old, &kept] {
            std::fs::File::options()
                .write(true)
                .open(p)
                .unwrap()
                .set_modified(two_hours_ago)
                .unwrap();
        }
        assert_eq!(sweep_partials(dir.path()), 1);
        assert!(!old.exists() && fresh.exists() && kept.exists());
    }

    #[test]
    fn stored_files_get_random_names_in_the_directory() {
        let dir = tempfile::tempdir().unwrap();
        let files = check(&limits(), vec![upload("../../x.txt", b"hi")]).unwrap();
        let stored = store(dir.path(), files).unwrap();
        assert!(is_stored_name(&stored[0].stored_name));
        assert_eq!(
            std::fs::read(dir.path().join(&stored[0].stored_name)).unwrap(),
            b"hi"
        );
        assert_eq!(stored[0].name, "x.txt");
        remove(dir.path(), &stored);
        // Nothing is left: no stored file, and no unfinished one.
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, [std::ffi::OsString::from(".partial")]);
        assert_eq!(
            std::fs::read_dir(partial_dir(dir.path())).unwrap().count(),
            0
        );
    }
}
