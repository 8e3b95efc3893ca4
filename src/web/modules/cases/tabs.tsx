import type { ComponentType } from 'react';
import type { Permission } from '../../../contracts/roles';
import type { CaseSummary } from './types';

/** What a case-file tab receives: the loaded case and a way to tell the page it changed. */
export interface CaseTabProps {
  summary: CaseSummary;
  /** Reloads the case (header, deadlines, version) after a change made inside the tab. */
  onCaseChanged: () => Promise<unknown>;
}

/**
 * The tabs of the case page after the case file itself. Each work area (outreach, appointments,
 * measures, letters and documents, tasks …) lives in its own module and is listed here once; the
 * page renders only the tabs the session's permissions allow. `value` is also the `?tab=` of the
 * page's address, so a tab can be linked to.
 */
export interface CaseTab {
  value: string;
  /** i18n key of the tab's label. */
  labelKey: string;
  permission?: Permission;
  Panel: ComponentType<CaseTabProps>;
}

export const CASE_TABS: CaseTab[] = [];
