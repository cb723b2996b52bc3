//! Runtime blobs handed to the offline tools (`check-upgrade --wasm`, `benchmark pallet
//! --runtime`): read whole, after refusing a file too large to be a runtime.

use std::path::Path;

/// The largest blob accepted: Substrate's limit on an uncompressed runtime (50 MiB).
const MAX_BLOB: u64 = 50 * 1024 * 1024;

/// Why a blob could not be read.
#[derive(Debug, thiserror::Error)]
#[error("cannot read {path}: {reason}")]
pub struct BlobError {
    /// The file.
    pub path: String,
    /// Why.
    pub reason: String,
}

/// The bytes of the runtime blob at `path`, compressed or not.
pub fn read(path: &Path) -> Result<Vec<u8>, BlobError> {
    let error = |reason: String| BlobError {
        path: path.display().to_string(),
        reason,
    };
    let size = std::fs::metadata(path)
        .map_err(|e| error(e.to_string()))?
        .len();
    if size > MAX_BLOB {
        return Err(error(format!(
            "{size} bytes, more than a runtime's {MAX_BLOB}"
        )));
    }
    std::fs::read(path).map_err(|e| error(e.to_string()))
}
