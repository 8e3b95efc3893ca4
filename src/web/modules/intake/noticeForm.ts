import type { NoticeKind, NoticeResult } from '../../../contracts/intake';

/**
 * The notice form's state (strings, as typed) and its translation into the partner-API body
 * (NoticeInput). Nothing is validated here: what the user typed goes to the server, and the
 * server's field errors (`tenants.0.lastName`, `address.postalCode` …) come back onto the inputs.
 * Optional parts that are left empty are left out.
 */

export interface TenantForm {
  key: number;
  firstName: string;
  lastName: string;
  birthDate: string;
  servedOn: string;
  phone: string;
  email: string;
}

export type TerminationType = '' | 'without_notice' | 'ordinary' | 'both';

export interface NoticeFormState {
  externalId: string;
  kind: NoticeKind | '';
  receivedOn: string;
  tenants: TenantForm[];
  address: { street: string; houseNumber: string; postalCode: string; city: string };
  householdSize: string;
  children: string;
  landlordName: string;
  landlordAddress: string;
  landlordContact: string;
  monthlyRent: string;
  arrears: string;
  terminationType: TerminationType;
  terminationReceivedOn: string;
  courtName: string;
  courtFileNumber: string;
  courtFiledOn: string;
  courtServedOn: string;
  courtHearingOn: string;
  evictionOn: string;
  note: string;
}

export const MAX_TENANTS = 20;

/** A notice the server accepted, with what the form knew about it (the result names no one). */
export interface SubmittedNotice {
  result: NoticeResult;
  externalId: string;
  tenants: { firstName: string; lastName: string }[];
}

let nextTenantKey = 1;
export function newTenant(): TenantForm {
  return { key: nextTenantKey++, firstName: '', lastName: '', birthDate: '', servedOn: '', phone: '', email: '' };
}

export function emptyNoticeForm(receivedOn: string): NoticeFormState {
  return {
    externalId: '',
    kind: '',
    receivedOn,
    tenants: [newTenant()],
    address: { street: '', houseNumber: '', postalCode: '', city: '' },
    householdSize: '',
    children: '',
    landlordName: '',
    landlordAddress: '',
    landlordContact: '',
    monthlyRent: '',
    arrears: '',
    terminationType: '',
    terminationReceivedOn: '',
    courtName: '',
    courtFileNumber: '',
    courtFiledOn: '',
    courtServedOn: '',
    courtHearingOn: '',
    evictionOn: '',
    note: '',
  };
}

/** A reference for the notice when the user types none: unique, so a repeated submit is recognised. */
export function generateExternalId(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return `WEB-${c.randomUUID()}`;
  // randomUUID needs a secure context; plain-http intranet installations may lack it.
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return `WEB-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

const trimmed = (s: string) => s.trim();
const given = (s: string) => s.trim() !== '';

/** Whole numbers as numbers; anything else is passed on as typed, so the server names the field. */
export function parseCount(raw: string): number | string {
  const s = raw.trim();
  return /^\d+$/.test(s) ? Number(s) : s;
}

/**
 * Euro amounts as people type them: "1.234,56", "1234,56", "1234.56", "850 €". An amount that
 * cannot be read is passed on as typed, so the server reports it on the field.
 */
export function parseMoney(raw: string): number | string {
  const s = raw.replace(/\s|€/g, '');
  if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(s)) return Number(s.replace(/\./g, '').replace(',', '.'));
  if (/^\d+(,\d{1,2})?$/.test(s)) return Number(s.replace(',', '.'));
  if (/^\d+\.\d{1,2}$/.test(s)) return Number(s);
  return raw.trim();
}

export function toNoticeBody(f: NoticeFormState, generatedId: string): Record<string, unknown> {
  const body: Record<string, unknown> = {
    externalId: given(f.externalId) ? trimmed(f.externalId) : generatedId,
    kind: f.kind,
    receivedOn: f.receivedOn,
    tenants: f.tenants.map((t) => ({
      firstName: trimmed(t.firstName),
      lastName: trimmed(t.lastName),
      ...(given(t.birthDate) ? { birthDate: t.birthDate } : {}),
      ...(given(t.servedOn) ? { servedOn: t.servedOn } : {}),
      ...(given(t.phone) ? { phone: trimmed(t.phone) } : {}),
      ...(given(t.email) ? { email: trimmed(t.email) } : {}),
    })),
    address: {
      street: trimmed(f.address.street),
      houseNumber: trimmed(f.address.houseNumber),
      postalCode: trimmed(f.address.postalCode),
      city: trimmed(f.address.city),
    },
  };
  if (given(f.householdSize)) body.householdSize = parseCount(f.householdSize);
  if (given(f.children)) body.children = parseCount(f.children);
  if (given(f.landlordName) || given(f.landlordAddress) || given(f.landlordContact)) {
    body.landlord = {
      name: trimmed(f.landlordName),
      ...(given(f.landlordAddress) ? { address: trimmed(f.landlordAddress) } : {}),
      ...(given(f.landlordContact) ? { contact: trimmed(f.landlordContact) } : {}),
    };
  }
  if (given(f.monthlyRent)) body.monthlyRent = parseMoney(f.monthlyRent);
  if (given(f.arrears)) body.arrears = parseMoney(f.arrears);
  if (f.terminationType !== '' || given(f.terminationReceivedOn)) {
    body.termination = { type: f.terminationType, receivedOn: f.terminationReceivedOn };
  }
  const court = [f.courtName, f.courtFileNumber, f.courtFiledOn, f.courtServedOn, f.courtHearingOn];
  if (court.some(given)) {
    body.court = {
      name: trimmed(f.courtName),
      fileNumber: trimmed(f.courtFileNumber),
      ...(given(f.courtFiledOn) ? { filedOn: f.courtFiledOn } : {}),
      ...(given(f.courtServedOn) ? { servedOn: f.courtServedOn } : {}),
      ...(given(f.courtHearingOn) ? { hearingOn: f.courtHearingOn } : {}),
    };
  }
  if (given(f.evictionOn)) body.evictionOn = f.evictionOn;
  if (given(f.note)) body.note = trimmed(f.note);
  return body;
}

/** Every path the form has an input for; server errors for any other path are listed above the form. */
export function knownNoticePaths(tenantCount: number): string[] {
  const tenantPaths = Array.from({ length: tenantCount }, (_, i) =>
    ['firstName', 'lastName', 'birthDate', 'servedOn', 'phone', 'email'].map((k) => `tenants.${i}.${k}`),
  ).flat();
  return [
    'externalId',
    'kind',
    'receivedOn',
    ...tenantPaths,
    'address.street',
    'address.houseNumber',
    'address.postalCode',
    'address.city',
    'householdSize',
    'children',
    'landlord.name',
    'landlord.address',
    'landlord.contact',
    'monthlyRent',
    'arrears',
    'termination.type',
    'termination.receivedOn',
    'court.name',
    'court.fileNumber',
    'court.filedOn',
    'court.servedOn',
    'court.hearingOn',
    'evictionOn',
    'note',
  ];
}
