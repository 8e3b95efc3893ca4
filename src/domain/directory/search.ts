import type { DirectoryCategory } from '../../contracts/directory.js';
import type { DirLocation, DirOrganization, DirService } from './model.js';
import { TAXONOMY_TERMS } from './taxonomy.js';

/*
 * Search by need and place. A district's directory holds hundreds of services, not millions, so
 * the search runs over the loaded directory: it can then match a need by its label in either
 * language ("Sucht", "addiction") and a place by a service's area or by where it is offered.
 */

export interface SearchCriteria {
  category?: DirectoryCategory;
  municipalityId?: string;
  q?: string;
  includeInactive?: boolean;
}

export interface SearchHit {
  service: DirService;
  organization: DirOrganization;
  locations: DirLocation[];
}

/** Lower case without diacritics, so "Schuldnerberatung" matches "schuldner", "Türkisch" "turkisch". */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('de').replace(/ß/g, 'ss');
}

const LABELS = new Map(TAXONOMY_TERMS.map((t) => [t.code, `${t.de} ${t.en} ${t.description}`]));

/** Does the service cover the municipality, by its service area or by a location there? */
export function covers(service: DirService, locations: readonly DirLocation[], municipalityId: string): boolean {
  return service.areas.some((a) => a.municipalityId === municipalityId) || locations.some((l) => l.municipalityId === municipalityId);
}

export function searchDirectory(orgs: readonly DirOrganization[], c: SearchCriteria): SearchHit[] {
  const locationsById = new Map(orgs.flatMap((o) => o.locations.map((l) => [l.id, l] as const)));
  const tokens = c.q ? fold(c.q).split(/\s+/).filter(Boolean) : [];
  const hits: SearchHit[] = [];
  for (const organization of orgs) {
    for (const service of organization.services) {
      if (!c.includeInactive && (service.status === 'inactive' || service.status === 'defunct')) continue;
      if (c.category && !service.categories.some((x) => x.code === c.category)) continue;
      const locations = service.atLocations.flatMap((x) => locationsById.get(x.locationId) ?? []);
      if (c.municipalityId && !covers(service, locations, c.municipalityId)) continue;
      if (tokens.length) {
        const haystack = fold(
          [
            service.name, service.alternateName, service.description, organization.name, organization.alternateName,
            ...service.categories.map((x) => LABELS.get(x.code)), ...locations.flatMap((l) => [l.name, l.address?.city]),
          ].filter(Boolean).join(' '),
        );
        if (!tokens.every((t) => haystack.includes(t))) continue;
      }
      hits.push({ service, organization, locations });
    }
  }
  return hits.sort((a, b) => a.service.name.localeCompare(b.service.name, 'de') || a.organization.name.localeCompare(b.organization.name, 'de'));
}
