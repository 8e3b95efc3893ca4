import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { LanguageCode } from '../../../contracts/common.js';
import { APPOINTMENT_TIME_ZONE } from '../../../domain/casework/appointments.js';
import type { Translate } from '../../platform/i18n/translate.js';
import type { AppointmentRow } from './service.js';

/**
 * An iCalendar file of appointments, for the caseworker's own calendar app.
 *
 * Such files leave Bleibe for good: they are synchronised to phones, mail programs and calendar
 * services outside the organisation's control. So they carry only what is needed to be at the
 * right place at the right time and to find the case again in Bleibe — kind, time, the office's
 * (public) address, the case number and the household's initials. No names, no household
 * address (a home visit says "home visit"), no notes: data minimisation (Art. 5 Abs. 1 lit. c
 * DSGVO) and the social-data secrecy (§ 35 SGB I) the case file is under.
 *
 * Times are written in UTC ("…Z"): unambiguous in every calendar program, which shows them in
 * its own zone; X-WR-TIMEZONE tells programs that honour it that the events belong to Berlin.
 */
export function appointmentsIcs(
  rows: AppointmentRow[],
  initials: Map<string, string>,
  opts: { name: string; lang: LanguageCode; t: Translate },
): string {
  const cal = ical({
    name: opts.name,
    prodId: { company: 'Bleibe', product: 'Bleibe', language: opts.lang.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
    x: { 'X-WR-TIMEZONE': APPOINTMENT_TIME_ZONE },
  });
  for (const r of rows) {
    const who = initials.get(r.case_id);
    const kind = opts.t(`calendar.kind.${r.kind}`);
    cal.createEvent({
      // The appointment's id keeps the event the same one across exports (updates, not duplicates).
      id: `${r.id}@bleibe`,
      start: new Date(r.starts_at),
      end: new Date(r.ends_at),
      stamp: new Date(r.updated_at),
      sequence: r.version,
      summary: `${kind}: ${r.case_number}${who ? ` (${who})` : ''}`,
      location: r.kind === 'office' && r.location_id ? [r.location_name, [r.street, r.house_number].filter(Boolean).join(' '), [r.postal_code, r.city].filter(Boolean).join(' ')].filter(Boolean).join(', ') : null,
      status: r.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return cal.toString();
}
