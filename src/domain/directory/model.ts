import type { DirectoryCategory, ServiceStatus, Weekday } from '../../contracts/directory.js';

/*
 * The directory as a tree, one organisation at a time: the shape the HSDS "compiled" JSON has
 * (organization → services, locations → …) and the unit of import, export and comparison. The
 * server stores it flat (rows.ts); ids are the HSDS ids, so an export can be imported again.
 */

export interface DirOpeningHours {
  id: string;
  days: Weekday[];
  /** Local wall-clock time in the district (Europe/Berlin), HH:MM. */
  opens: string;
  closes: string;
  note: string | null;
  validFrom: string | null;
  validTo: string | null;
}

export interface DirPhone {
  id: string;
  number: string;
  description: string | null;
}

export interface DirContact {
  id: string;
  name: string | null;
  title: string | null;
  department: string | null;
  email: string | null;
  phones: DirPhone[];
}

/** A language spoken; its HSDS name is the German name of the code (derived, not stored). */
export interface DirLanguage {
  id: string;
  code: string;
}

export interface DirAddress {
  id: string;
  /** Street and house number (HSDS address_1). */
  street: string;
  postalCode: string;
  city: string;
  stateProvince: string;
  country: string;
}

export type LocationType = 'physical' | 'postal' | 'virtual';

export interface DirLocation {
  id: string;
  organizationId: string;
  type: LocationType;
  name: string | null;
  description: string | null;
  address: DirAddress | null;
  municipalityId: string | null;
  transportation: string | null;
  /** HSDS accessibility record (one per location here): its id and the description. */
  accessibility: { id: string; description: string } | null;
  latitude: number | null;
  longitude: number | null;
  phones: DirPhone[];
  hours: DirOpeningHours[];
  languages: DirLanguage[];
}

export interface DirServiceCategory {
  /** The HSDS attribute id that links the service to the taxonomy term. */
  id: string;
  code: DirectoryCategory;
}

export interface DirServiceArea {
  id: string;
  municipalityId: string;
}

export interface DirServiceAtLocation {
  id: string;
  locationId: string;
  description: string | null;
}

export interface DirService {
  id: string;
  organizationId: string;
  name: string;
  alternateName: string | null;
  description: string | null;
  url: string | null;
  email: string | null;
  status: ServiceStatus;
  applicationProcess: string | null;
  eligibility: string | null;
  fees: string | null;
  interpretationServices: string | null;
  /** ISO timestamp; set by the store, not compared. */
  lastModified: string | null;
  categories: DirServiceCategory[];
  areas: DirServiceArea[];
  atLocations: DirServiceAtLocation[];
  phones: DirPhone[];
  contacts: DirContact[];
  hours: DirOpeningHours[];
  languages: DirLanguage[];
}

export interface DirOrganization {
  id: string;
  name: string;
  alternateName: string | null;
  description: string;
  email: string | null;
  website: string | null;
  phones: DirPhone[];
  contacts: DirContact[];
  locations: DirLocation[];
  services: DirService[];
}

/** What the mapping needs to know about the district's municipalities. */
export interface MunicipalityRef {
  id: string;
  name: string;
  ags: string;
  postalCodes: readonly string[];
}
