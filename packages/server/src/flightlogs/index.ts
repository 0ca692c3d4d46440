export { MAX_SERIES_POINTS, SERIES_ALIASES } from './chart-series.ts';
export { FlightLogCursorError, FlightLogImportError, UploadError } from './flightlog-error.ts';
export { downloadName, EXPORT_FORMATS, EXPORT_TYPES, type ExportFormat } from './flightlog-exports.ts';
export { FLIGHT_SORTS, type FlightLogQuery, type FlightSort } from './flightlog-query.ts';
export { type FlightLogOptions, type FlightLogPage, FlightLogService } from './flightlog-service.ts';
export { FlightLogUploads, LOG_ID_HEADER, UPLOADS_PATH } from './flightlog-uploads.ts';
export type { FlightLogView } from './flightlog-view.ts';
export { TRACK_POINTS } from './import-flight-log.ts';
export { UploadPipeline, type UploadPipelineOptions } from './upload-pipeline.ts';
