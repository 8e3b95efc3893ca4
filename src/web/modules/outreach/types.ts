import type { z } from 'zod';
import type { CaseRecord, ClosureState, ContactAttemptList, DayList, TeamReach } from '../../../contracts/outreach';
import type { ReminderList, TaskList } from '../../../contracts/tasks';

export type AttemptListResponse = z.infer<typeof ContactAttemptList>;
export type Attempt = AttemptListResponse['items'][number];
export type RecordResponse = z.infer<typeof CaseRecord>;
export type RecordEntry = RecordResponse['entries'][number];
export type ClosureResponse = z.infer<typeof ClosureState>;
export type DayListResponse = z.infer<typeof DayList>;
export type TeamReachResponse = z.infer<typeof TeamReach>;
export type TaskListResponse = z.infer<typeof TaskList>;
export type { Task } from '../../../contracts/tasks';
export type RemindersResponse = z.infer<typeof ReminderList>;

/** Query keys of case work: a change in one tab refreshes what the others show of it. */
export const outreachKeys = {
  attempts: (caseId: string) => ['outreach', 'attempts', caseId] as const,
  record: (caseId: string) => ['outreach', 'record', caseId] as const,
  closure: (caseId: string) => ['outreach', 'closure', caseId] as const,
  caseTasks: (caseId: string) => ['tasks', 'case', caseId] as const,
  tasks: (scope: string, status: string) => ['tasks', 'list', scope, status] as const,
  reminders: ['tasks', 'reminders'] as const,
  dayList: (date: string, scope: string) => ['outreach', 'dayList', date, scope] as const,
  reach: (from: string, to: string) => ['outreach', 'reach', from, to] as const,
};

/** A `datetime-local` value (browser time) as an instant the server understands. */
export function localInputToInstant(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** Now, as a `datetime-local` value in the browser's time zone. */
export function nowForInput(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

/** The part of a case-page tab's props (CaseTabProps) these panels use. */
export interface CasePanelProps {
  summary: { id: string };
  onCaseChanged: () => Promise<unknown>;
}
