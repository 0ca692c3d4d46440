/**
 * Smallest resumable-upload chunk (a tus PATCH body) the server accepts unless it completes the
 * upload: each chunk becomes at least one sealed part (a blob and a row), and 1-byte chunks made a
 * staged upload dozens of times its content. One number for the server that refuses smaller chunks
 * and the SDK's Sync that must never send one.
 *
 * @example
 * const chunkBytes = Math.max(MIN_UPLOAD_CHUNK_BYTES, 256 * 1024); // the SDK's Sync never sends smaller chunks
 */
export const MIN_UPLOAD_CHUNK_BYTES = 4096;
