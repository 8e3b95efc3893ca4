import type { LetterLanguage, LetterTemplateKey } from '../../contracts/letters.js';
import { isRtl, LOCALE, PDF_LANG, type TemplateText } from './languages.js';
import { FSI, PDI, fillPlaceholders, sanitiseValue } from './placeholders.js';

export interface OfficeHour {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  opens: string;
  closes: string;
  note?: string | null;
}

/** Everything a letter says, gathered from the case by the server; no formatting yet. */
export interface LetterFacts {
  template: LetterTemplateKey;
  language: LetterLanguage;
  /** The day the letter is written. */
  date: Date;
  organisation: { name: string; address: string | null; phone: string | null; email: string | null };
  letterhead: { senderName: string | null; footer: string | null };
  /** The responsible office: the case's location. */
  office: {
    name: string;
    address: string;
    phone: string | null;
    email: string | null;
    hours: OfficeHour[];
  } | null;
  caseworker: { name: string; email: string | null; phone: string | null } | null;
  caseNumber: string;
  courtFileNumber: string | null;
  household: { names: string[]; address: string };
  landlord: { name: string; address: string | null } | null;
  appointment: { startsAt: Date; kind: string; place: { name: string; address: string } | null } | null;
}

export interface LetterModel {
  language: LetterLanguage;
  direction: 'ltr' | 'rtl';
  pdfLang: string;
  /** Document title (PDF metadata). */
  title: string;
  sender: { name: string; lines: string[] };
  /** The small sender line above the recipient (window envelopes). */
  returnLine: string;
  recipient: string[];
  reference: { label: string; value: string }[];
  subject: string;
  /** Paragraphs, each a list of lines. */
  paragraphs: string[][];
  /** Contact and office hours, printed after the text. */
  blocks: { heading: string; lines: string[] }[];
  footer: string | null;
  /** Placeholders the text used that had no value. */
  missing: string[];
}

interface Labels {
  date: string;
  ourReference: string;
  courtReference: string;
  contact: string;
  phone: string;
  email: string;
  office: string;
  officeHours: string;
  byAppointment: string;
  atHome: string;
  byPhone: string;
}

const LABELS: Record<LetterLanguage, Labels> = {
  de: {
    date: 'Datum', ourReference: 'Unser Zeichen', courtReference: 'Gerichtliches Aktenzeichen', contact: 'Ihre Ansprechperson',
    phone: 'Telefon', email: 'E-Mail', office: 'Beratungsstelle', officeHours: 'Sprechzeiten', byAppointment: 'nach Vereinbarung',
    atHome: 'bei Ihnen zu Hause', byPhone: 'telefonisch',
  },
  de_easy: {
    date: 'Datum', ourReference: 'Unsere Nummer für Sie', courtReference: 'Nummer vom Gericht', contact: 'Ihre Ansprech-Person',
    phone: 'Telefon', email: 'E-Mail', office: 'Beratungs-Stelle', officeHours: 'Offene Sprech-Zeiten', byAppointment: 'Nur mit Termin',
    atHome: 'Bei Ihnen zu Hause', byPhone: 'Am Telefon',
  },
  en: {
    date: 'Date', ourReference: 'Our reference', courtReference: 'Court reference', contact: 'Your contact',
    phone: 'Phone', email: 'E-mail', office: 'Advice centre', officeHours: 'Office hours', byAppointment: 'by appointment',
    atHome: 'at your home', byPhone: 'by phone',
  },
  tr: {
    date: 'Tarih', ourReference: 'Dosya numaramız', courtReference: 'Mahkeme dosya numarası', contact: 'İlgili kişi',
    phone: 'Telefon', email: 'E-posta', office: 'Danışma merkezi', officeHours: 'Danışma saatleri', byAppointment: 'randevu ile',
    atHome: 'evinizde', byPhone: 'telefonla',
  },
  ar: {
    date: 'التاريخ', ourReference: 'رقمنا المرجعي', courtReference: 'رقم ملف المحكمة', contact: 'جهة الاتصال الخاصة بكم',
    phone: 'الهاتف', email: 'البريد الإلكتروني', office: 'مركز الاستشارات', officeHours: 'ساعات الاستقبال', byAppointment: 'بموعد مسبق',
    atHome: 'في منزلكم', byPhone: 'عبر الهاتف',
  },
  uk: {
    date: 'Дата', ourReference: 'Наш номер справи', courtReference: 'Номер судової справи', contact: 'Ваша контактна особа',
    phone: 'Телефон', email: 'Ел. пошта', office: 'Консультаційний центр', officeHours: 'Години прийому', byAppointment: 'за попереднім записом',
    atHome: 'у Вас вдома', byPhone: 'телефоном',
  },
};

/** Appointments and office hours are local to the offices, whatever the server's zone. */
const TIME_ZONE = 'Europe/Berlin';

const iso = (s: string) => FSI + s + PDI;

export function formatLongDate(d: Date, lang: LetterLanguage, withWeekday = false): string {
  return new Intl.DateTimeFormat(LOCALE[lang], {
    ...(withWeekday ? { weekday: 'long' } : {}),
    day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONE,
  }).format(d);
}

export function formatTime(d: Date, lang: LetterLanguage): string {
  return new Intl.DateTimeFormat(LOCALE[lang], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: TIME_ZONE }).format(d);
}

/** ISO weekday 1 (Monday) … 7 (Sunday) in the letter's language. */
export function weekdayName(weekday: number, lang: LetterLanguage): string {
  // 2024-01-01 was a Monday.
  const d = new Date(Date.UTC(2024, 0, weekday, 12));
  return new Intl.DateTimeFormat(LOCALE[lang], { weekday: 'long', timeZone: 'UTC' }).format(d);
}

/** "Montag: 09:00–12:00, 14:00–16:00" per weekday, in weekday order; times as isolates. */
export function officeHourLines(hours: OfficeHour[], lang: LetterLanguage): string[] {
  const byDay = new Map<number, string[]>();
  for (const h of [...hours].sort((a, b) => a.weekday - b.weekday || a.opens.localeCompare(b.opens))) {
    const span = `${h.opens.slice(0, 5)}–${h.closes.slice(0, 5)}`;
    const note = h.note ? sanitiseValue(h.note) : '';
    byDay.set(h.weekday, [...(byDay.get(h.weekday) ?? []), iso(span) + (note ? ` ${iso(note)}` : '')]);
  }
  return [...byDay.entries()].map(([day, spans]) => `${weekdayName(day, lang)}: ${spans.join(', ')}`);
}

/**
 * The body's paragraphs, filled: blank lines separate paragraphs, single line breaks stay. A line
 * that consisted of placeholders only and got no value is left out rather than printed empty.
 */
function fillBody(text: string, values: Record<string, string | null>): { paragraphs: string[][]; missing: string[] } {
  const missing: string[] = [];
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) =>
      p
        .split('\n')
        .map((line) => {
          const r = fillPlaceholders(line.trim(), values);
          missing.push(...r.missing);
          return r.text;
        })
        .filter((l) => l.replace(/[\u2068\u2069]/g, '').trim() !== ''),
    )
    .filter((p) => p.length > 0);
  return { paragraphs, missing };
}

/** The placeholder values of a letter, formatted for its language. */
export function placeholderValues(f: LetterFacts): Record<string, string | null> {
  const l = LABELS[f.language];
  const a = f.appointment;
  const tenants = f.household.names.join(', ');
  return {
    recipient: f.template === 'landlord' ? (f.landlord?.name ?? null) : tenants,
    address: f.template === 'landlord' ? (f.landlord?.address ?? null) : f.household.address,
    caseNumber: f.caseNumber,
    date: formatLongDate(f.date, f.language),
    organisation: f.letterhead.senderName ?? f.organisation.name,
    office: f.office?.name ?? null,
    officeAddress: f.office?.address ?? f.organisation.address,
    officePhone: f.office?.phone ?? f.organisation.phone,
    officeHours: f.office ? officeHourLines(f.office.hours, f.language).join('; ') || l.byAppointment : null,
    caseworker: f.caseworker?.name ?? null,
    caseworkerEmail: f.caseworker?.email ?? f.office?.email ?? f.organisation.email,
    // Staff have no direct line in the directory yet: the office's number reaches them.
    caseworkerPhone: f.caseworker?.phone ?? f.office?.phone ?? f.organisation.phone,
    appointmentDate: a ? formatLongDate(a.startsAt, f.language, true) : null,
    appointmentTime: a ? formatTime(a.startsAt, f.language) : null,
    appointmentPlace: a ? (a.place ? `${a.place.name}, ${a.place.address}` : a.kind === 'home_visit' ? l.atHome : a.kind === 'phone' ? l.byPhone : null) : null,
    tenants,
    tenantAddress: f.household.address,
    courtFileNumber: f.courtFileNumber,
  };
}

/** Lays a letter out as content: letterhead, recipient, reference line, subject, text, contact. */
export function composeLetter(f: LetterFacts, text: TemplateText): LetterModel {
  const l = LABELS[f.language];
  const values = placeholderValues(f);
  const subject = fillPlaceholders(text.subject, values);
  const body = fillBody(text.body, values);
  const senderName = sanitiseValue(f.letterhead.senderName ?? f.organisation.name);
  const senderLines = [f.organisation.address, [f.organisation.phone, f.organisation.email].filter(Boolean).join(' · ') || null]
    .filter((x): x is string => Boolean(x))
    .map((x) => iso(sanitiseValue(x)));
  const recipient =
    f.template === 'landlord'
      ? [f.landlord?.name ?? '', f.landlord?.address ?? ''].map(sanitiseValue).filter(Boolean)
      : [...f.household.names.map(sanitiseValue), sanitiseValue(f.household.address)];

  const reference = [
    { label: l.date, value: formatLongDate(f.date, f.language) },
    { label: l.ourReference, value: iso(f.caseNumber) },
    ...(f.courtFileNumber ? [{ label: l.courtReference, value: iso(sanitiseValue(f.courtFileNumber)) }] : []),
  ];

  const blocks: LetterModel['blocks'] = [];
  if (f.caseworker) {
    const c = values;
    blocks.push({
      heading: l.contact,
      lines: [
        iso(sanitiseValue(f.caseworker.name)),
        ...(c.caseworkerPhone ? [`${l.phone}: ${iso(sanitiseValue(c.caseworkerPhone))}`] : []),
        ...(c.caseworkerEmail ? [`${l.email}: ${iso(sanitiseValue(c.caseworkerEmail))}`] : []),
      ],
    });
  }
  if (f.office) {
    const hours = officeHourLines(f.office.hours, f.language);
    blocks.push({ heading: `${l.office}: ${iso(sanitiseValue(f.office.name))}`, lines: [iso(sanitiseValue(f.office.address))] });
    blocks.push({ heading: l.officeHours, lines: hours.length ? hours : [l.byAppointment] });
  }

  return {
    language: f.language,
    direction: isRtl(f.language) ? 'rtl' : 'ltr',
    pdfLang: PDF_LANG[f.language],
    title: subject.text.replace(/[\u2068\u2069]/g, ''),
    sender: { name: iso(senderName), lines: senderLines },
    returnLine: iso([senderName, f.organisation.address].filter(Boolean).map((x) => sanitiseValue(x!)).join(' · ')),
    recipient: recipient.map(iso),
    reference,
    subject: subject.text,
    paragraphs: body.paragraphs,
    blocks,
    footer: f.letterhead.footer ? f.letterhead.footer.replace(/\r\n?/g, '\n').split('\n').map(sanitiseValue).filter(Boolean).join(' · ') : null,
    missing: [...new Set([...subject.missing, ...body.missing])],
  };
}
