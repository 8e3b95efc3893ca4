import { describe, expect, it } from 'vitest';
import { LETTER_LANGUAGES, LETTER_TEMPLATES } from '../../contracts/letters.js';
import { composeLetter, formatTime, officeHourLines, weekdayName, type LetterFacts } from './compose.js';
import { DEFAULT_TEXTS } from './defaults.js';
import { letterLanguageFor, resolveTemplate } from './languages.js';
import { FSI, PDI, fillPlaceholders, placeholdersIn, TEMPLATE_PLACEHOLDERS, unknownPlaceholders } from './placeholders.js';

const plain = (s: string) => s.replace(/[\u2068\u2069]/g, '');

describe('fillPlaceholders', () => {
  const cases: { name: string; text: string; values: Record<string, string | null>; out: string; missing?: string[] }[] = [
    { name: 'a value', text: 'Guten Tag {{recipient}},', values: { recipient: 'Erika Mustermann' }, out: 'Guten Tag Erika Mustermann,' },
    { name: 'spaces inside the braces', text: '{{ caseNumber }}/{{caseNumber}}', values: { caseNumber: 'FS-1' }, out: 'FS-1/FS-1' },
    { name: 'no value: empty and reported', text: 'Tel. {{caseworkerPhone}}.', values: { caseworkerPhone: null }, out: 'Tel. .', missing: ['caseworkerPhone'] },
    { name: 'a blank value counts as none', text: '{{office}}', values: { office: '  ' }, out: '', missing: ['office'] },
    { name: 'a value that looks like a placeholder is not filled again', text: '{{recipient}}', values: { recipient: '{{caseNumber}}', caseNumber: 'X' }, out: '{{caseNumber}}' },
    { name: 'bidi overrides and controls are removed from values', text: '{{recipient}}', values: { recipient: 'Ali\u202e\u0007gpj.exe' }, out: 'Aligpj.exe' },
    { name: 'line breaks in a value become commas', text: '{{address}}', values: { address: 'Hauptstr. 1\r\n12345 Ort' }, out: 'Hauptstr. 1, 12345 Ort' },
    { name: 'braces that are no placeholder stay text', text: 'a {{ b {{ 2 }} {x}', values: {}, out: 'a {{ b {{ 2 }} {x}' },
    { name: 'Arabic text with a Latin value', text: 'مع {{caseworker}}.', values: { caseworker: 'Anna Müller' }, out: 'مع Anna Müller.' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = fillPlaceholders(c.text, c.values);
      expect(plain(r.text)).toBe(c.out);
      expect(r.missing).toEqual(c.missing ?? []);
    });
  }
  it('wraps every value in a directional isolate', () => {
    expect(fillPlaceholders('x {{a}} y', { a: '+49 1' }).text).toBe(`x ${FSI}+49 1${PDI} y`);
  });
});

describe('placeholders of templates', () => {
  it.each([
    ['first_contact', 'Hallo {{recipient}} {{appointmentDate}} {{foo}}', ['appointmentDate', 'foo']],
    ['appointment_confirmation', '{{appointmentDate}} {{ appointmentTime }}', []],
    ['landlord', '{{tenants}} {{tenantAddress}} {{courtFileNumber}} {{tenant}}', ['tenant']],
  ] as const)('%s: unknown ones are found', (template, text, unknown) => {
    expect(unknownPlaceholders(text, template)).toEqual(unknown);
  });
  it('every shipped text uses only placeholders its template knows', () => {
    for (const t of LETTER_TEMPLATES) {
      for (const l of LETTER_LANGUAGES) {
        const { subject, body } = DEFAULT_TEXTS[t][l];
        expect(unknownPlaceholders(subject + body, t), `${t}/${l}`).toEqual([]);
        expect(placeholdersIn(body), `${t}/${l}`).toContain('caseworker');
      }
    }
    expect(TEMPLATE_PLACEHOLDERS.appointment_confirmation).toContain('appointmentTime');
  });
  it('Leichte Sprache: short lines, one statement each', () => {
    for (const t of LETTER_TEMPLATES) {
      const lines = DEFAULT_TEXTS[t].de_easy.body.split('\n').filter((l) => l.trim());
      for (const line of lines) {
        expect(line.length, `${t}: ${line}`).toBeLessThanOrEqual(80);
        // At most one sentence per line.
        expect(line.replace(/\{\{[^}]+\}\}/g, 'X').split(/[.!?](\s|$)/).filter((s) => s && s.trim()).length, `${t}: ${line}`).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('letter language', () => {
  it.each([
    ['de', 'de'], ['en', 'en'], ['tr', 'tr'], ['ar', 'ar'], ['uk', 'uk'],
    ['AR-sy', 'ar'], ['uk_UA', 'uk'], ['en-GB', 'en'], ['fr', 'de'], ['ru', 'de'], ['', 'de'], [null, 'de'], ['de_easy', 'de'],
  ] as const)('preferred %s → %s', (preferred, letter) => {
    expect(letterLanguageFor(preferred)).toBe(letter);
  });

  const defaults = { first_contact: { de: { subject: 'D', body: 'd' }, en: { subject: 'E', body: 'e' } }, appointment_confirmation: { de: { subject: 'D2', body: 'd2' } }, landlord: { de: { subject: 'D3', body: 'd3' } } };
  it.each([
    ['the organisation\'s own wording first', 'first_contact', 'en', [{ template: 'first_contact', language: 'en', subject: 'Own', body: 'own' }], 'Own', 'organisation'],
    ['own wording of another language does not count', 'first_contact', 'en', [{ template: 'first_contact', language: 'tr', subject: 'Own', body: 'own' }], 'E', 'default'],
    ['the shipped text of the language', 'first_contact', 'en', [], 'E', 'default'],
    ['German when a language has no text', 'appointment_confirmation', 'ar', [], 'D2', 'default_german'],
  ] as const)('%s', (_n, template, language, overrides, subject, source) => {
    const r = resolveTemplate(template, language, [...overrides], defaults);
    expect([r.subject, r.source]).toEqual([subject, source]);
  });
});

describe('dates, times and office hours', () => {
  it.each([
    ['de', 'Montag'], ['en', 'Monday'], ['tr', 'Pazartesi'], ['ar', 'الاثنين'], ['uk', 'понеділок'],
  ] as const)('weekday 1 in %s is %s', (lang, name) => expect(weekdayName(1, lang)).toBe(name));
  it('times are 24-hour with Latin digits in every language, in the offices\' time zone', () => {
    for (const l of LETTER_LANGUAGES) expect(formatTime(new Date('2026-12-03T13:05:00Z'), l)).toBe('14:05');
  });
  it('office hours: one line per weekday, in weekday order', () => {
    const lines = officeHourLines([{ weekday: 4, opens: '14:00:00', closes: '17:00:00' }, { weekday: 1, opens: '13:00', closes: '15:00', note: 'ohne Termin' }, { weekday: 1, opens: '09:00', closes: '12:00' }], 'de').map(plain);
    expect(lines).toEqual(['Montag: 09:00–12:00, 13:00–15:00 ohne Termin', 'Donnerstag: 14:00–17:00']);
  });
});

describe('composeLetter', () => {
  const facts = (over: Partial<LetterFacts> = {}): LetterFacts => ({
    template: 'first_contact', language: 'de', date: new Date('2026-11-21T10:00:00Z'),
    organisation: { name: 'Träger A', address: 'Markt 1, 05101 Musterstadt', phone: '05101 1', email: 'a@test.invalid' },
    letterhead: { senderName: null, footer: null },
    office: { name: 'Stelle Nord', address: 'Weg 2, 05101 Musterstadt', phone: '05101 2', email: null, hours: [] },
    caseworker: { name: 'Anna Müller', email: 'anna@test.invalid', phone: null },
    caseNumber: 'FS-2026-000001', courtFileNumber: null,
    household: { names: ['Erika Mustermann'], address: 'Linde 3, 05101 Musterstadt' },
    landlord: { name: 'Wohnbau GmbH', address: 'Am Markt 2, 05101 Musterstadt' }, appointment: null, ...over,
  });
  it('a German first contact: sender, recipient, reference, the text filled, contact and hours', () => {
    const m = composeLetter(facts(), DEFAULT_TEXTS.first_contact.de);
    expect(plain(m.sender.name)).toBe('Träger A');
    expect(m.recipient.map(plain)).toEqual(['Erika Mustermann', 'Linde 3, 05101 Musterstadt']);
    expect(m.reference.map((r) => `${r.label}: ${plain(r.value)}`)).toEqual(['Datum: 21. November 2026', 'Unser Zeichen: FS-2026-000001']);
    expect(plain(m.paragraphs[0][0])).toBe('Guten Tag Erika Mustermann,');
    // The caseworker has no direct line: the office's number is printed.
    expect(m.paragraphs.flat().map(plain).join(' ')).toContain('telefonisch unter 05101 2');
    expect(m.blocks.map((b) => plain(b.heading))).toEqual(['Ihre Ansprechperson', 'Beratungsstelle: Stelle Nord', 'Sprechzeiten']);
    expect(m.blocks[2].lines).toEqual(['nach Vereinbarung']);
    expect([m.direction, m.missing]).toEqual(['ltr', []]);
  });
  it('the landlord letter goes to the landlord; the court reference is printed when known', () => {
    const m = composeLetter(facts({ template: 'landlord', courtFileNumber: '12 C 3/26' }), DEFAULT_TEXTS.landlord.de);
    expect(m.recipient.map(plain)).toEqual(['Wohnbau GmbH', 'Am Markt 2, 05101 Musterstadt']);
    expect(plain(m.subject)).toBe('Mietverhältnis Erika Mustermann, Linde 3, 05101 Musterstadt');
    expect(m.reference.map((r) => r.label)).toContain('Gerichtliches Aktenzeichen');
  });
  it('Arabic is right-to-left; a line of placeholders without values is left out', () => {
    const text = { subject: 'تأكيد', body: 'مرحبا\n{{appointmentPlace}}\nمع {{caseworker}}' };
    const m = composeLetter(facts({ language: 'ar', letterhead: { senderName: 'Fachdienst', footer: 'IBAN DE00\nwww' } }), text);
    expect(m.direction).toBe('rtl');
    expect(m.paragraphs.map((p) => p.map(plain))).toEqual([['مرحبا', 'مع Anna Müller']]);
    expect(m.missing).toEqual(['appointmentPlace']);
    expect([plain(m.sender.name), m.footer]).toEqual(['Fachdienst', 'IBAN DE00 · www']);
  });
});
