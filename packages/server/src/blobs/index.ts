export { assertBlobKey, type BlobInfo, type BlobStore, deleteBlobPrefix } from './blob-store.ts';
export { LocalFolderBlobStore } from './local-folder-blob-store.ts';
export { MemoryBlobStore } from './memory-blob-store.ts';
