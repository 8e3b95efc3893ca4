import type { AccessActivity, AccessKind } from '../../contracts/accesslog.js';

export interface ActivityRule {
  activity: AccessActivity;
  kind: AccessKind;
}

const rule = (activity: AccessActivity, kind: AccessKind): ActivityRule => ({ activity, kind });

/**
 * Every audit action that concerns a client's data, and what it means to the client. Actions of
 * the modules as they write them (grep `tx.audit(`); an action missing here is still listed, as
 * 'other' with its code (see classifyAction), so nothing a new module records is ever hidden.
 */
export const ACTION_RULES: Readonly<Record<string, ActivityRule>> = {
  // Reading the case and its parts.
  'case.read': rule('case_read', 'read'),
  'case.record.read': rule('record_read', 'read'),
  'case.closure.read': rule('closure_read', 'read'),
  'case.sensitive.read': rule('sensitive_read', 'read'),
  'contact_attempt.list': rule('contact_attempts_read', 'read'),
  'task.list': rule('tasks_read', 'read'),
  'reminder.read': rule('reminder_read', 'read'),
  'appointment.list': rule('appointments_read', 'read'),
  'appointment.export': rule('appointment_exported', 'read'),
  'document.list': rule('documents_read', 'read'),
  'document.download': rule('document_opened', 'read'),
  'letter.options': rule('letter_prepared', 'read'),
  'measure.list': rule('measures_read', 'read'),
  'rent_debt.read': rule('rent_debt_read', 'read'),
  'consent.list': rule('consents_read', 'read'),
  'disclosure.view': rule('disclosures_read', 'read'),
  'case.access_log.read': rule('access_log_read', 'read'),
  // Shown among others: each list records the ids it showed.
  'case.queue': rule('listed_queue', 'list'),
  'case.search': rule('listed_search', 'list'),
  'outreach.day_list': rule('listed_day_list', 'list'),
  'appointment.calendar': rule('listed_calendar', 'list'),
  'match_review.list': rule('listed_review', 'list'),
  'rent_debt.list': rule('listed_rent_debt', 'list'),
  'reminder.list': rule('listed_reminders', 'list'),
  // Changes.
  'case.file.update': rule('case_updated', 'change'),
  'case.members.update': rule('case_updated', 'change'),
  'case.arrears.update': rule('case_updated', 'change'),
  'case.service_dates': rule('case_updated', 'change'),
  'case.sensitive.update': rule('sensitive_updated', 'change'),
  'case.assign': rule('case_assigned', 'change'),
  'case.handover': rule('case_assigned', 'change'),
  'case.close': rule('case_closed', 'change'),
  'case.reopen': rule('case_reopened', 'change'),
  'case.note.create': rule('note_written', 'change'),
  'contact_attempt.create': rule('contact_attempt_recorded', 'change'),
  'contact_attempt.update': rule('contact_attempt_recorded', 'change'),
  'task.create': rule('task_changed', 'change'),
  'task.update': rule('task_changed', 'change'),
  'appointment.create': rule('appointment_changed', 'change'),
  'appointment.update': rule('appointment_changed', 'change'),
  'document.upload': rule('document_uploaded', 'change'),
  'document.delete': rule('document_deleted', 'change'),
  'letter.generate': rule('letter_generated', 'change'),
  'measure.create': rule('measure_changed', 'change'),
  'measure.update': rule('measure_changed', 'change'),
  'rent_debt.decide': rule('rent_debt_decided', 'change'),
  'person.merge': rule('person_matched', 'change'),
  'person.distinct': rule('person_matched', 'change'),
  'person.split': rule('person_matched', 'change'),
  'consent.record': rule('consent_recorded', 'change'),
  'consent.revoke': rule('consent_revoked', 'change'),
  'disclosure.withdraw': rule('disclosure_withdrawn', 'change'),
  'disclosure.reply_recorded': rule('disclosure_reply_recorded', 'change'),
  // Passing the data on: the sender of a notice to the organisation it was routed to, a share,
  // referral, transfer or status report, a rent-debt application to the deciding organisation.
  'notice.create': rule('notice_sent', 'transmit'),
  'disclosure.create': rule('data_disclosed', 'transmit'),
  'rent_debt.submit': rule('rent_debt_submitted', 'transmit'),
  'case.handed_over': rule('case_handed_over', 'transmit'),
  // The receiving organisation's side.
  'disclosure.read': rule('disclosure_received_read', 'receive'),
  'disclosure.accept': rule('disclosure_accepted', 'receive'),
  'disclosure.decline': rule('disclosure_declined', 'receive'),
  'case.transfer_received': rule('case_transfer_received', 'receive'),
};

// The last word of an unknown action says what it probably was.
const READ_VERBS = new Set(['read', 'view', 'download', 'export', 'options', 'print']);
const LIST_VERBS = new Set(['list', 'queue', 'search', 'calendar']);

/**
 * What an audit entry means to the client. `disclosure.list` is the one action written for two
 * things: the owner reading the disclosures of the case (entity 'case'), and a recipient's list
 * of what it received (with the ids it showed).
 */
export function classifyAction(action: string, entityType: string | null): ActivityRule {
  if (action === 'disclosure.list') return entityType === 'case' ? rule('disclosures_read', 'read') : rule('listed_received', 'list');
  if (Object.hasOwn(ACTION_RULES, action)) return ACTION_RULES[action];
  const verb = action.slice(action.lastIndexOf('.') + 1);
  return rule('other', READ_VERBS.has(verb) ? 'read' : LIST_VERBS.has(verb) ? 'list' : 'change');
}
