export { MediaError, type MediaErrorCode } from './media-error.ts';
export {
  DECISIONS,
  type Decision,
  MediaModeration,
  type QueueEntry,
  REPORT_REASONS,
  type ReportReason,
} from './media-moderation.ts';
export { type MediaLimits, MediaService, type ShareOptions } from './media-service.ts';
export {
  LICENCES,
  type Licence,
  LOCATION_PRECISION_M,
  type MediaPage,
  type MediaView,
} from './media-view.ts';
export { stripVideoInPlace } from './mp4-strip.ts';
export { openMediaService } from './open-media.ts';
export { stripImage, THUMBNAIL_TYPE } from './strip-image.ts';
