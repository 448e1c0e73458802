export {
  createIngest,
  recordingsIngestSink,
  type Ingest,
  type IngestInput,
  type RecordingsContext,
} from './recordings.ingest';
export { createRecordingsService, type RecordingsService } from './recordings.service';
export { createRecordingMedia, type RecordingMedia } from './recordings.media';
export { createRecordingLinks, type RecordingLinks } from './recordings.links';
export { registerRecordingRoutes } from './recordings.routes';
export { registerRecordingJobs, type RecordingJobs } from './recordings.jobs';
export { recordingsLedgerSubjects } from './recordings.ledger';
export { recordingsRepository } from './recordings.repository';
export { UPLOAD_METADATA_KEYS } from './recordings.metadata';
