import type { z } from 'zod';
import type { DirectoryLocation, DirectoryOrganization, DirectoryService, DirectoryServiceSummary } from '../../../contracts/directory.js';
import type { DirContact, DirLocation, DirOpeningHours, DirOrganization, DirService } from '../../../domain/directory/model.js';
import type { SearchHit } from '../../../domain/directory/search.js';
import type { Actor } from '../../platform/auth/actor.js';
import { mayEditEntry } from './access.js';
import type { Directory } from './store.js';

const hours = (h: DirOpeningHours[]) => h.map((x) => ({ id: x.id, days: x.days, opens: x.opens, closes: x.closes, note: x.note }));
const contact = (c: DirContact) => ({ id: c.id, name: c.name, title: c.title, email: c.email, phone: c.phones[0]?.number ?? null });

export function presentLocation(dir: Directory, actor: Actor, l: DirLocation): z.input<typeof DirectoryLocation> {
  const org = dir.orgs.find((o) => o.id === l.organizationId)!;
  const m = l.municipalityId ? dir.municipalities.find((x) => x.id === l.municipalityId) : undefined;
  return {
    id: l.id,
    organizationId: l.organizationId,
    organizationName: org.name,
    name: l.name ?? l.address?.street ?? org.name,
    description: l.description,
    address: l.address ? { street: l.address.street, postalCode: l.address.postalCode, city: l.address.city } : null,
    municipality: m ? { id: m.id, name: m.name } : null,
    transportation: l.transportation,
    accessibility: l.accessibility?.description ?? null,
    phones: l.phones,
    openingHours: hours(l.hours),
    languages: l.languages.map((x) => x.code),
    version: dir.meta.locationVersion.get(l.id) ?? 1,
    mayEdit: mayEditEntry(actor, dir.meta.bleibeOrgOf.get(l.organizationId) ?? null),
  };
}

const areaRefs = (dir: Directory, s: DirService) =>
  s.areas.flatMap((a) => {
    const m = dir.municipalities.find((x) => x.id === a.municipalityId);
    return m ? [{ id: m.id, name: m.name }] : [];
  });

/** The first sentence or 200 characters of the description, for the result list. */
function shortText(text: string | null): string {
  if (!text) return '';
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= 200 ? flat : `${flat.slice(0, 199).replace(/\s+\S*$/, '')} …`;
}

export function presentHit(dir: Directory, h: SearchHit): z.input<typeof DirectoryServiceSummary> {
  return {
    id: h.service.id,
    name: h.service.name,
    status: h.service.status,
    organization: { id: h.organization.id, name: h.organization.name },
    categories: h.service.categories.map((c) => c.code),
    summary: shortText(h.service.description),
    areas: areaRefs(dir, h.service),
    locations: h.locations.map((l) => ({ id: l.id, name: l.name ?? l.address?.street ?? h.organization.name, city: l.address?.city ?? null })),
  };
}

export function presentService(dir: Directory, actor: Actor, org: DirOrganization, s: DirService): z.input<typeof DirectoryService> {
  const locations = dir.orgs.flatMap((o) => o.locations);
  return {
    id: s.id,
    name: s.name,
    alternateName: s.alternateName,
    description: s.description,
    url: s.url,
    email: s.email,
    status: s.status,
    categories: s.categories.map((c) => c.code),
    applicationProcess: s.applicationProcess,
    eligibility: s.eligibility,
    fees: s.fees,
    organization: { id: org.id, name: org.name, website: org.website, email: org.email },
    areas: areaRefs(dir, s),
    locations: s.atLocations.flatMap((x) => {
      const l = locations.find((y) => y.id === x.locationId);
      return l ? [presentLocation(dir, actor, l)] : [];
    }),
    languages: s.languages.map((x) => x.code),
    phones: s.phones,
    contacts: s.contacts.map(contact),
    openingHours: hours(s.hours),
    lastModified: s.lastModified,
    version: dir.meta.serviceVersion.get(s.id) ?? 1,
    mayEdit: mayEditEntry(actor, dir.meta.bleibeOrgOf.get(org.id) ?? null),
  };
}

export function presentOrganization(dir: Directory, actor: Actor, o: DirOrganization): z.input<typeof DirectoryOrganization> {
  return {
    id: o.id,
    name: o.name,
    alternateName: o.alternateName,
    description: o.description,
    email: o.email,
    website: o.website,
    bleibeOrgId: dir.meta.bleibeOrgOf.get(o.id) ?? null,
    services: o.services.map((s) => ({ id: s.id, name: s.name, status: s.status, categories: s.categories.map((c) => c.code) })),
    locations: o.locations.map((l) => presentLocation(dir, actor, l)),
    version: dir.meta.orgVersion.get(o.id) ?? 1,
    mayEdit: mayEditEntry(actor, dir.meta.bleibeOrgOf.get(o.id) ?? null),
  };
}
