import type { ComponentType } from 'react';
import type { Permission } from '../../../contracts/roles';
import type { CaseTabProps } from './types';
import { OutreachPanel } from '../outreach/OutreachPanel';
import { ClosurePanel } from '../outreach/ClosurePanel';
import { CaseTasksPanel } from '../tasks/CaseTasksPanel';
import { CaseDocumentsPanel } from '../documents/CaseDocumentsPanel';
import { AppointmentsPanel } from '../appointments/AppointmentsPanel';
import { MeasuresPanel } from '../measures/MeasuresPanel';
import { AccessLogPanel } from '../accesslog/AccessLogPanel';
import { ConsentsPanel } from '../consents/ConsentsPanel';
import { CaseHousingPanel } from '../housing/CaseHousingPanel';

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

export const CASE_TABS: CaseTab[] = [
  { value: 'outreach', labelKey: 'outreach.tab', Panel: OutreachPanel },
  { value: 'tasks', labelKey: 'tasks.tab', Panel: CaseTasksPanel },
  { value: 'closure', labelKey: 'closure.tab', Panel: ClosurePanel },
  { value: 'documents', labelKey: 'documents.tab', permission: 'cases.read', Panel: CaseDocumentsPanel },
  { value: 'appointments', labelKey: 'appointments.tab', Panel: AppointmentsPanel },
  { value: 'measures', labelKey: 'measures.tab', Panel: MeasuresPanel },
  // "Who saw this?" for a client's request for access: team leads (and administrators) only.
  { value: 'access-log', labelKey: 'accessLog.tab', permission: 'cases.access_log', Panel: AccessLogPanel },
  { value: 'consents', labelKey: 'consents.tab', permission: 'cases.read', Panel: ConsentsPanel },
  // Shelter stays, the housing search, fitting offers and proposals (needs housing.read besides the case).
  { value: 'housing', labelKey: 'housing.search.tab', permission: 'housing.read', Panel: CaseHousingPanel },
];
