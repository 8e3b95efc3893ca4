import { z } from 'zod';
import { Id, IsoDate, Version } from './common.js';
import { FollowUpAnswer, WorkDay } from './outreach.js';

const UserRef = z.object({ id: Id, name: z.string() });

export const Task = z.object({
  id: Id,
  /** The case it belongs to (null: a general task), with its file number to link to. */
  case: z.object({ id: Id, caseNumber: z.string() }).nullable(),
  kind: z.enum(['general', 'follow_up']),
  /** null for follow-ups: the UI words their question ("is the household still housed?"). */
  title: z.string().nullable(),
  dueOn: IsoDate,
  assignee: UserRef,
  status: z.enum(['open', 'done', 'cancelled']),
  doneAt: z.string().nullable(),
  doneBy: UserRef.nullable(),
  followUpMonths: z.number().int().nullable(),
  followUpAnswer: FollowUpAnswer.nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type Task = z.infer<typeof Task>;
export const TaskList = z.object({ items: z.array(Task) });

export const TasksQuery = z.object({
  /** mine: assigned to me; team: the whole organisation's. */
  scope: z.enum(['mine', 'team']).default('mine'),
  status: z.enum(['open', 'done', 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const TaskInput = z.strictObject({
  caseId: Id.nullable().optional(),
  title: z.string().trim().min(1).max(300),
  dueOn: WorkDay,
  /** Default: the person creating it. */
  assigneeId: Id.nullable().optional(),
});

/** Change a task, mark it done or undone; a follow-up is done by recording its answer. */
export const TaskUpdate = z.strictObject({
  version: Version,
  title: z.string().trim().min(1).max(300).optional(),
  dueOn: WorkDay.optional(),
  assigneeId: Id.optional(),
  done: z.boolean().optional(),
  followUpAnswer: FollowUpAnswer.nullable().optional(),
});

export const Reminder = z.object({
  id: Id,
  dueOn: IsoDate,
  createdAt: z.string(),
  task: Task,
});
export const ReminderList = z.object({ items: z.array(Reminder), unread: z.number().int() });
