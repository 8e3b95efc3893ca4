import type { z } from 'zod';
import type { CaseSummary as CaseSummarySchema, Queue } from '../../../contracts/cases';

export type CaseSummary = z.infer<typeof CaseSummarySchema>;
export type QueueResponse = z.infer<typeof Queue>;
export type { QueueItem } from '../../../contracts/cases';

export const SCOPES = ['mine', 'team', 'unassigned'] as const;
export type Scope = (typeof SCOPES)[number];

export const casesKeys = {
  all: ['cases'] as const,
  queue: (scope: Scope, q: string) => ['cases', 'queue', scope, q] as const,
  detail: (id: string) => ['cases', 'detail', id] as const,
};

/**
 * What a case-page tab receives: the loaded case and a way to tell the page it changed. Declared
 * here, not in tabs.tsx, because tabs.tsx imports the panels that use it.
 */
export interface CaseTabProps {
  summary: CaseSummary;
  /** Reloads the case (header, deadlines, version) after a change made inside the tab. */
  onCaseChanged: () => Promise<unknown>;
}
