export { createJobQueue, createJobStore, type JobQueueDeps } from './create-job-queue';
export {
  JOB_STATES,
  type EnqueueOptions,
  type JobContext,
  type JobHandler,
  type JobListQuery,
  type JobLogger,
  type JobMap,
  type JobPage,
  type JobPayload,
  type JobQueue,
  type JobState,
  type JobStatus,
  type RegisterOptions,
} from './job-queue';
export { jobsSchemaFor } from './pg-boss-job-store';
