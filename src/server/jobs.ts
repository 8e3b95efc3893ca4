import type { Job } from './platform/jobs/scheduler.js';
import { sessionCleanupJob } from './modules/auth/jobs.js';
import { importResumeJob } from './modules/imports/jobs.js';
import { taskReminderJob } from './modules/tasks/jobs.js';

/** Every recurring job of the application. */
export const allJobs: Job[] = [sessionCleanupJob, importResumeJob, taskReminderJob];
