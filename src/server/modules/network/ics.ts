import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { LanguageCode } from '../../../contracts/common.js';
import type { Meeting } from '../../../contracts/network.js';
import { APPOINTMENT_TIME_ZONE } from '../../../domain/casework/appointments.js';
import type { Translate } from '../../platform/i18n/translate.js';

/**
 * A network meeting as an iCalendar file, for the participants' own calendars. It follows the
 * appointments export (modules/appointments/ics.ts): ical-generator, times in UTC with the
 * Berlin zone named, the record's id as the event's UID and its version as SEQUENCE, so a second
 * export updates the event instead of duplicating it. A meeting is no client data: the file may
 * carry the agenda and the organiser; the minutes stay in Bleibe.
 */
export function meetingIcs(m: Meeting, opts: { lang: LanguageCode; t: Translate }): string {
  const cal = ical({
    name: m.title,
    prodId: { company: 'Bleibe', product: 'Bleibe', language: opts.lang.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
    x: { 'X-WR-TIMEZONE': APPOINTMENT_TIME_ZONE },
  });
  const agenda = m.agenda.map((a, i) => `${i + 1}. ${a.title}${a.presenter ? ` (${a.presenter})` : ''}`);
  const description = [
    opts.t(`network_calendar.kind.${m.kind}`),
    opts.t('network_calendar.organiser', { name: m.organiser.name }),
    ...(agenda.length ? ['', opts.t('network_calendar.agenda'), ...agenda] : []),
  ].join('\n');
  cal.createEvent({
    id: `${m.id}@bleibe-network`,
    start: new Date(m.startsAt),
    end: new Date(m.endsAt),
    stamp: new Date(m.updatedAt),
    sequence: m.version,
    summary: m.title,
    description,
    location: [m.place, m.municipality?.name].filter(Boolean).join(', ') || null,
    status: m.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return cal.toString();
}
