import type { DirOrganization, MunicipalityRef } from './model.js';

/** A small directory for the mapping tests: two organisations, a service at the other's location. */
export const MUNIS: MunicipalityRef[] = [
  { id: '10000000-0000-4000-8000-000000000001', name: 'Musterstadt', ags: '05899004', postalCodes: ['05101', '05102'] },
  { id: '10000000-0000-4000-8000-000000000002', name: 'Lindenau', ags: '05899012', postalCodes: ['05120'] },
];

const id = (n: number) => `20000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const fixtureId = id;

export function fixtureDirectory(): DirOrganization[] {
  return [
    {
      id: id(1), name: 'Suchtberatung Musterland', alternateName: 'SBM', description: 'Beratung bei Sucht, "offen" für alle, auch mit Komma, und\nZeilenumbruch',
      email: 'info@sucht.demo.test', website: 'https://sucht.demo.test/',
      phones: [{ id: id(2), number: '05101 123', description: 'Zentrale' }],
      contacts: [{ id: id(3), name: 'Petra Probe', title: 'Leitung', department: null, email: 'petra@sucht.demo.test', phones: [{ id: id(4), number: '05101 124', description: null }] }],
      locations: [
        {
          id: id(5), organizationId: id(1), type: 'physical', name: 'Beratungsstelle Musterstadt', description: null,
          address: { id: id(6), street: 'Lindenstraße 4', postalCode: '05101', city: 'Musterstadt', stateProvince: 'NW', country: 'DE' },
          municipalityId: MUNIS[0].id, transportation: 'Bus 7, Haltestelle Markt', accessibility: { id: id(7), description: 'Rollstuhlgerecht, Aufzug' },
          latitude: null, longitude: null,
          phones: [], hours: [{ id: id(8), days: ['MO', 'TU', 'WE'], opens: '09:00', closes: '12:30', note: null, validFrom: null, validTo: null }],
          languages: [{ id: id(9), code: 'de' }],
        },
      ],
      services: [
        {
          id: id(10), organizationId: id(1), name: 'Suchtberatung', alternateName: null, description: 'Offene Sprechstunde', url: null, email: null, status: 'active',
          applicationProcess: 'Ohne Termin', eligibility: null, fees: 'kostenlos', interpretationServices: null, lastModified: null,
          categories: [{ id: id(11), code: 'addiction_help' }, { id: id(12), code: 'social_psychiatric_service' }],
          areas: [{ id: id(13), municipalityId: MUNIS[0].id }, { id: id(14), municipalityId: MUNIS[1].id }],
          atLocations: [{ id: id(15), locationId: id(5), description: null }, { id: id(16), locationId: id(25), description: 'Außensprechstunde' }],
          phones: [{ id: id(17), number: '+49 5101 125', description: null }],
          contacts: [],
          hours: [{ id: id(18), days: ['TH'], opens: '14:00', closes: '18:00', note: 'nur nach Vereinbarung', validFrom: '2026-01-01', validTo: '2026-12-31' }],
          languages: [{ id: id(19), code: 'tr' }],
        },
      ],
    },
    {
      id: id(20), name: 'Rathaus Lindenau', alternateName: null, description: 'Gemeindeverwaltung', email: null, website: null,
      phones: [], contacts: [],
      locations: [
        {
          id: id(25), organizationId: id(20), type: 'physical', name: 'Rathaus', description: null,
          address: { id: id(26), street: 'Am Markt 1', postalCode: '05120', city: 'Lindenau', stateProvince: 'NW', country: 'DE' },
          municipalityId: MUNIS[1].id, transportation: null, accessibility: null, latitude: 51.5, longitude: 7.25,
          phones: [{ id: id(27), number: '05120 1', description: null }], hours: [], languages: [],
        },
      ],
      services: [],
    },
  ];
}
