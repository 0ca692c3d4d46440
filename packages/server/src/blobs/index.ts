export {
  assertBlobKey,
  type BlobInfo,
  type BlobStore,
  deleteBlobPrefix,
  putBlobFile,
  readBlobRange,
} from './blob-store.ts';
export { LazyS3BlobStore } from './lazy-s3-blob-store.ts';
export { LocalFolderBlobStore } from './local-folder-blob-store.ts';
export { MemoryBlobStore } from './memory-blob-store.ts';
export { parseS3Url, redactS3Url, type S3Location } from './s3-location.ts';
