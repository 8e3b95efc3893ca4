import type { LanguageCode } from '../../../contracts/common.js';
import { TEMPLATE_COLUMNS, type ColumnDef } from './columns.js';

/*
 * The downloadable template: one header line, German Excel's dialect (UTF-8 with BOM, ";").
 * Each heading is the column's key with a hint in brackets; text in brackets is ignored when a
 * file is read, so the template's headings can be kept as they are. It holds no example row: an
 * example left in by mistake would be imported as a notice.
 */

const HINTS: Record<LanguageCode, Record<string, string>> = {
  de: {
    externalId: 'Pflicht: Ihre eindeutige Nummer der Meldung – dieselbe Nummer wird nie zweimal angelegt',
    kind: 'Pflicht: court_eviction_suit, jobcenter_warning, landlord_notice, termination_notice, eviction_date, self_referral, other – oder Räumungsklage, Jobcenter, Vermieter, Kündigung, Räumungstermin, Selbstmelder, Sonstiges',
    required: 'Pflicht',
    requiredDate: 'Pflicht, TT.MM.JJJJ',
    date: 'TT.MM.JJJJ',
    money: 'Euro, z. B. 1.234,56',
    integer: 'ganze Zahl',
    postalCode: 'Pflicht, fünfstellig',
    terminationType: 'fristlos, ordentlich oder beides',
  },
  en: {
    externalId: 'required: your unique number of the notice – the same number is never created twice',
    kind: 'required: court_eviction_suit, jobcenter_warning, landlord_notice, termination_notice, eviction_date, self_referral, other',
    required: 'required',
    requiredDate: 'required, DD.MM.YYYY or YYYY-MM-DD',
    date: 'DD.MM.YYYY or YYYY-MM-DD',
    money: 'euros, e.g. 1234.56 or 1.234,56',
    integer: 'whole number',
    postalCode: 'required, five digits',
    terminationType: 'without_notice, ordinary or both',
  },
};

function hintOf(c: ColumnDef, lang: LanguageCode): string | null {
  const h = HINTS[lang];
  if (c.key === 'externalId' || c.key === 'kind') return h[c.key];
  if (c.type === 'postalCode') return h.postalCode;
  if (c.type === 'date') return c.required ? h.requiredDate : h.date;
  if (c.type === 'money') return h.money;
  if (c.type === 'integer') return h.integer;
  if (c.type === 'terminationType') return h.terminationType;
  return c.required ? h.required : null;
}

const csvCell = (s: string) => (/[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function templateCsv(lang: LanguageCode): string {
  const header = TEMPLATE_COLUMNS.map((c) => {
    const hint = hintOf(c, lang);
    return csvCell(hint ? `${c.key} (${hint})` : c.key);
  });
  return `\ufeff${header.join(';')}\r\n`;
}
