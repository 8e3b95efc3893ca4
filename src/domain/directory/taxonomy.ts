import { DIRECTORY_CATEGORIES, type DirectoryCategory } from '../../contracts/directory.js';

/*
 * The directory's own taxonomy of needs. HSDS lets a publisher name its taxonomy; ours is small
 * and German, with fixed ids so exports from every Bleibe installation agree and an import can
 * recognise a term by id or by code. Names here are the HSDS term names (German, the district's
 * language; English in `en`); the UI takes its labels from web.json (a test keeps them equal).
 */
export const TAXONOMY = {
  id: '5c19caef-b737-4f3b-95d8-8911569c39a5',
  name: 'Bleibe-Hilfebedarfe',
  description: 'Hilfebedarfe im Netzwerk der Wohnungsnotfallhilfe (Bleibe)',
  version: '1',
} as const;

export interface TaxonomyTerm {
  id: string;
  code: DirectoryCategory;
  de: string;
  en: string;
  description: string;
}

export const TAXONOMY_TERMS: readonly TaxonomyTerm[] = [
  { id: '33430d9e-36c4-4413-bba9-59b9f0194369', code: 'housing_emergency', de: 'Wohnungsnotfallhilfe', en: 'Housing emergency help', description: 'Beratung bei drohendem Wohnungsverlust, Mietschulden, Räumungsklage' },
  { id: 'fc1428e9-a7ee-44d5-8016-b37c1aef66c4', code: 'emergency_accommodation', de: 'Notunterkunft', en: 'Emergency accommodation', description: 'Ordnungsrechtliche Unterbringung und Notschlafstellen' },
  { id: '088c38a2-4ff3-4d5c-b625-55fa9917bdad', code: 'addiction_help', de: 'Suchthilfe', en: 'Addiction help', description: 'Sucht- und Drogenberatung, Entzug, Nachsorge' },
  { id: '6a602351-152d-4e3c-ba3c-ad87cf94dad2', code: 'social_psychiatric_service', de: 'Sozialpsychiatrischer Dienst', en: 'Social-psychiatric service', description: 'Hilfe für psychisch kranke Menschen und ihre Angehörigen' },
  { id: '94471fa4-7531-49b1-a2fe-4f8790c30898', code: 'debt_counselling', de: 'Schuldnerberatung', en: 'Debt counselling', description: 'Schuldner- und Insolvenzberatung' },
  { id: '89f988fa-5d18-43e5-9e53-a6ea4e8de0a4', code: 'clinic', de: 'Klinik', en: 'Clinic', description: 'Krankenhäuser und Fachkliniken, Sozialdienst im Krankenhaus' },
  { id: 'fa002ef4-628e-4c61-90f6-d88c7fb6de19', code: 'prison_social_service', de: 'Sozialdienst Justizvollzug', en: 'Prison social service', description: 'Sozialdienst der Justizvollzugsanstalt, Entlassungsvorbereitung, Straffälligenhilfe' },
  { id: '8dfe9e13-8dc0-4f73-a638-84405a89c5fb', code: 'womens_shelter', de: 'Frauenhaus', en: "Women's shelter", description: 'Schutz und Beratung für Frauen bei häuslicher Gewalt' },
  { id: '498c20d5-6c91-4a53-8f26-9ae3688f9506', code: 'jobcenter', de: 'Jobcenter', en: 'Jobcenter', description: 'Grundsicherung für Arbeitsuchende (SGB II), Übernahme von Mietschulden' },
  { id: 'db775823-9784-4372-9cca-75d6a9ab41df', code: 'social_office', de: 'Sozialamt', en: 'Social welfare office', description: 'Sozialhilfe (SGB XII), Mietschuldenübernahme nach § 36 SGB XII' },
  { id: '47d9b81e-a985-48dd-b5b1-7b0b74dd9a9c', code: 'youth_welfare', de: 'Jugendamt', en: 'Youth welfare office', description: 'Hilfen für Familien mit Kindern' },
  { id: '188b68dc-49b6-42bb-9a77-3dde57d8de79', code: 'court', de: 'Amtsgericht', en: 'Court', description: 'Mietsachen, Räumungsklagen, Rechtsantragstelle' },
  { id: '1e8cb42f-82c0-47af-af38-4ee17d60a8fe', code: 'housing_company', de: 'Wohnungsunternehmen', en: 'Housing company', description: 'Vermietung, Ratenvereinbarungen, Sozialmanagement' },
  { id: 'f2915316-1e26-4f5a-a841-006c33231f92', code: 'migration_counselling', de: 'Migrationsberatung', en: 'Migration counselling', description: 'Beratung für Zugewanderte und Geflüchtete' },
  { id: '4f57103c-37b7-4aa3-aee4-dcd6cc8a0c18', code: 'legal_advice', de: 'Rechtsberatung', en: 'Legal advice', description: 'Mieterverein, Rechtsberatung, Beratungshilfe' },
];

const BY_CODE = new Map(TAXONOMY_TERMS.map((t) => [t.code, t]));
const BY_ID = new Map(TAXONOMY_TERMS.map((t) => [t.id, t]));

export function termOf(code: DirectoryCategory): TaxonomyTerm {
  const term = BY_CODE.get(code);
  if (!term) throw new Error(`no taxonomy term for ${code}`);
  return term;
}

/** A term of an imported record, recognised by our id or by our code; anything else is unknown. */
export function findTerm(ref: { id?: unknown; code?: unknown }): TaxonomyTerm | null {
  if (typeof ref.id === 'string' && BY_ID.has(ref.id.toLowerCase())) return BY_ID.get(ref.id.toLowerCase())!;
  if (typeof ref.code === 'string' && BY_CODE.has(ref.code as DirectoryCategory)) return BY_CODE.get(ref.code as DirectoryCategory)!;
  return null;
}

// Every category of the contract has exactly one term (checked once, at load).
if (TAXONOMY_TERMS.length !== DIRECTORY_CATEGORIES.length || DIRECTORY_CATEGORIES.some((c) => !BY_CODE.has(c))) {
  throw new Error('directory taxonomy and DIRECTORY_CATEGORIES differ');
}
