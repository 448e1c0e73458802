export { createUploadsService, UPLOADS_PATH, type UploadsService } from './uploads.service';
export { registerUploadRoutes } from './uploads.routes';
export {
  blobOnlyIngestSink,
  type CompletedUploadInput,
  type IngestResult,
  type IngestSink,
} from './uploads.sink';
