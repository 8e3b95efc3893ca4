import type { Job } from '../../platform/jobs/scheduler.js';
import { resumeImports } from './runner.js';

/** Takes over imports whose runner is gone (a restart, a crashed instance) once their lease has run out. */
export const importResumeJob: Job = {
  name: 'imports.resume',
  intervalSeconds: 60,
  run: async (s) => ({ resumed: await resumeImports(s) }),
};
