/**
 * Synthetic German person records for measuring the matching engine. Pure and seeded: the same
 * seed gives the same set on every machine (no Math.random).
 *
 * Nobody here is real. Names are common first and last names drawn independently; streets are
 * composed from generic parts; towns are invented; every postal code is in the 05xxx range,
 * which Deutsche Post has never assigned.
 *
 * Each base person gets 0–3 further records as another channel (court, Jobcenter, landlord,
 * walk-in) would write them: formatting differences only, or one to three realistic errors
 * (typos, OCR confusions, umlaut spellings, transliterations, swapped names, day/month swaps,
 * missing birth dates, a move, titles, hyphens dropped, double names shortened).
 * Hard negatives are separate persons built to look like a base person: twins, namesakes at
 * other addresses, and family members in the same household. Ground truth is `personId`.
 *
 * Phone numbers and identifiers (see addContacts) come from a second generator seeded from the
 * same seed, so adding them left names, dates, addresses and errors exactly as they were.
 * Households share what households share: the contact phone and the Jobcenter's
 * Bedarfsgemeinschaft number (BG-Nummer). Pension insurance numbers (rv) are per person, built
 * the way the DRV builds them, so twins' numbers differ only in the serial and check digit.
 * Phone numbers are random digits in the shape of German mobile and landline numbers.
 *
 * The error mix was fixed before the engine was tuned and is not adjusted to make it pass.
 */
import type { PersonRecord } from './score.js';

/** Mulberry32: a small, fast, well-distributed 32-bit PRNG. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
/** Zipf-like pick: the first entries of a list (the common names) come up far more often. */
const pickCommon = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.min(xs.length - 1, Math.floor(xs.length * rng() ** 2.2))];
const chance = (rng: Rng, p: number) => rng() < p;

// ---------------------------------------------------------------------------------------------
// Name pools, most common first (Zipf-like picks make "Müller"/"Thomas" frequent, as in life).
// ---------------------------------------------------------------------------------------------

type Origin = 'de' | 'tr' | 'ar' | 'pl' | 'ua';

const FIRST: Record<Origin, { f: readonly string[]; m: readonly string[] }> = {
  de: {
    f: [
      'Anna', 'Maria', 'Ursula', 'Monika', 'Petra', 'Elisabeth', 'Sabine', 'Renate', 'Helga', 'Karin', 'Brigitte',
      'Ingrid', 'Erika', 'Andrea', 'Gisela', 'Claudia', 'Susanne', 'Gabriele', 'Christa', 'Christine', 'Hildegard',
      'Stefanie', 'Nicole', 'Julia', 'Katharina', 'Sandra', 'Birgit', 'Barbara', 'Martina', 'Heike', 'Kerstin', 'Anja',
      'Tanja', 'Melanie', 'Daniela', 'Jessica', 'Jennifer', 'Sarah', 'Laura', 'Lisa', 'Lena', 'Leonie', 'Hannah', 'Mia',
      'Emma', 'Sophie', 'Marie', 'Lea', 'Lina', 'Emilia', 'Johanna', 'Charlotte', 'Clara', 'Greta', 'Frieda', 'Ida',
      'Mathilda', 'Luise', 'Paula', 'Ella', 'Nele', 'Jana', 'Katrin', 'Silke', 'Ute', 'Doris', 'Inge', 'Waltraud',
      'Gertrud', 'Edith', 'Irmgard', 'Käthe', 'Dörte', 'Bärbel', 'Jördis', 'Sönke', 'Chantal', 'Jacqueline', 'Mandy',
      'Yvonne', 'Franziska', 'Theresa', 'Veronika', 'Carina', 'Vanessa', 'Janina', 'Svenja', 'Wiebke', 'Antje', 'Maren',
      'Anna-Lena', 'Marie-Luise', 'Anne-Kathrin', 'Eva-Maria', 'Lara-Sophie',
    ],
    m: [
      'Peter', 'Michael', 'Thomas', 'Andreas', 'Wolfgang', 'Klaus', 'Jürgen', 'Günter', 'Stefan', 'Christian', 'Uwe',
      'Werner', 'Hans', 'Horst', 'Frank', 'Manfred', 'Dieter', 'Bernd', 'Ralf', 'Helmut', 'Gerhard', 'Joachim', 'Heinz',
      'Walter', 'Rolf', 'Karl', 'Matthias', 'Sven', 'Jörg', 'Björn', 'Sören', 'Lukas', 'Leon', 'Luca', 'Finn', 'Jonas',
      'Paul', 'Felix', 'Maximilian', 'Elias', 'Noah', 'Ben', 'Luis', 'Henry', 'Emil', 'Anton', 'Jakob', 'Moritz',
      'Niklas', 'Tim', 'Jan', 'Tobias', 'Florian', 'Sebastian', 'Daniel', 'Markus', 'Dennis', 'Kevin', 'Marcel',
      'Patrick', 'Dominik', 'Philipp', 'Alexander', 'Fabian', 'Benedikt', 'Konstantin', 'Friedrich', 'Wilhelm', 'Ernst',
      'Otto', 'Kurt', 'Rüdiger', 'Jens', 'Torsten', 'Holger', 'Detlef', 'Götz', 'Jörn', 'Lars', 'Olaf', 'Volker',
      'Hartmut', 'Ingo', 'Mirko', 'Sascha', 'René', 'André', 'Karl-Heinz', 'Hans-Jürgen', 'Hans-Peter', 'Klaus-Dieter',
      'Jan-Hendrik',
    ],
  },
  tr: {
    f: ['Ayşe', 'Fatma', 'Emine', 'Hatice', 'Zeynep', 'Elif', 'Merve', 'Esra', 'Büşra', 'Özlem', 'Gül', 'Sevgi', 'Derya', 'Şule', 'Yasemin', 'Hülya', 'Gülşen', 'Songül'],
    m: ['Mehmet', 'Mustafa', 'Ahmet', 'Ali', 'Hüseyin', 'Hasan', 'İbrahim', 'Murat', 'Emre', 'Burak', 'Can', 'Cem', 'Deniz', 'Kemal', 'Osman', 'Yusuf', 'Ömer', 'Serkan', 'Gökhan', 'Ümit'],
  },
  ar: {
    f: ['Fatima', 'Aisha', 'Mariam', 'Noor', 'Layla', 'Rania', 'Yasmin', 'Huda', 'Amal', 'Salma', 'Rasha', 'Dima'],
    m: ['Mohammed', 'Ahmad', 'Mahmoud', 'Omar', 'Khaled', 'Yousef', 'Hassan', 'Hussein', 'Ibrahim', 'Karim', 'Tarek', 'Samir', 'Bilal', 'Walid'],
  },
  pl: {
    f: ['Agnieszka', 'Katarzyna', 'Małgorzata', 'Joanna', 'Magdalena', 'Ewa', 'Anna', 'Monika', 'Dorota', 'Zofia', 'Grażyna', 'Beata'],
    m: ['Piotr', 'Krzysztof', 'Andrzej', 'Tomasz', 'Paweł', 'Łukasz', 'Michał', 'Marek', 'Jakub', 'Wojciech', 'Grzegorz', 'Bartłomiej'],
  },
  ua: {
    f: ['Olena', 'Oksana', 'Iryna', 'Nataliia', 'Tetiana', 'Yuliia', 'Svitlana', 'Olha', 'Kateryna', 'Halyna', 'Viktoriia'],
    m: ['Andrii', 'Oleksandr', 'Serhii', 'Volodymyr', 'Dmytro', 'Mykola', 'Ivan', 'Yurii', 'Vitalii', 'Maksym', 'Bohdan'],
  },
};

const LAST: Record<Origin, readonly string[]> = {
  de: [
    'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Schäfer',
    'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Krüger',
    'Hofmann', 'Hartmann', 'Lange', 'Schmitt', 'Werner', 'Schmitz', 'Krause', 'Meier', 'Lehmann', 'Schmid', 'Schulze',
    'Maier', 'Köhler', 'Herrmann', 'König', 'Walter', 'Mayer', 'Huber', 'Kaiser', 'Fuchs', 'Peters', 'Lang', 'Scholz',
    'Möller', 'Weiß', 'Jung', 'Hahn', 'Schubert', 'Vogel', 'Friedrich', 'Keller', 'Günther', 'Frank', 'Berger',
    'Winkler', 'Roth', 'Beck', 'Lorenz', 'Baumann', 'Franke', 'Albrecht', 'Schuster', 'Simon', 'Ludwig', 'Böhm',
    'Winter', 'Kraus', 'Martin', 'Schumacher', 'Krämer', 'Vogt', 'Stein', 'Jäger', 'Otto', 'Sommer', 'Groß', 'Seidel',
    'Heinrich', 'Brandt', 'Haas', 'Schreiber', 'Graf', 'Schulte', 'Dietrich', 'Ziegler', 'Kuhn', 'Kühn', 'Pohl', 'Engel',
    'Horn', 'Busch', 'Bergmann', 'Thomas', 'Voigt', 'Sauer', 'Arnold', 'Wolff', 'Pfeiffer', 'Strauß', 'Ebert', 'Förster',
    'Voß', 'Nußbaum', 'Preuß', 'Rößler', 'Fröhlich', 'Böttcher', 'Gärtner', 'Göbel', 'Hübner', 'Kühne', 'Lüders',
    'Mühlbauer', 'Süß', 'Jürgens', 'Thiele', 'Brinkmann', 'Petersen', 'Hansen', 'Jansen', 'Janßen', 'Behrens', 'Dreßler',
    'Wendt', 'Ahrens', 'Kröger', 'Oltmanns', 'Hinrichs', 'Rademacher', 'Tiedemann', 'Wegener', 'Dittrich', 'Sander',
    'Lindner', 'Ehlers', 'Buchholz', 'Kessler', 'Schwab', 'Wiedemann', 'Riedel', 'Hesse', 'Rieger', 'Kirchner',
    'von Lindenau', 'von der Aue', 'van den Berg', 'de Boer', 'zu Wieseneck', 'von Hagen', 'van der Meer', 'de Vries',
  ],
  tr: [
    'Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Yıldırım', 'Öztürk', 'Aydın', 'Özdemir', 'Arslan', 'Doğan',
    'Kılıç', 'Aslan', 'Çetin', 'Kara', 'Koç', 'Kurt', 'Özkan', 'Şimşek', 'Polat', 'Korkmaz', 'Erdem', 'Aktaş', 'Güneş',
  ],
  ar: [
    'Al-Hassan', 'Abdullah', 'Ibrahim', 'Khalil', 'Haddad', 'Nasser', 'Saleh', 'Hamdan', 'El-Sayed', 'Mansour',
    'Youssef', 'Al-Ahmad', 'Darwish', 'Othman', 'Suleiman', 'Al-Khatib', 'Abu-Zaid', 'Qasim',
  ],
  pl: [
    'Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kowalczyk', 'Kamiński', 'Lewandowski', 'Zieliński', 'Szymański',
    'Woźniak', 'Dąbrowski', 'Kozłowski', 'Jankowski', 'Mazur', 'Krawczyk', 'Kaczmarek', 'Grabowski', 'Piotrowski',
    'Pawłowski', 'Michalski',
  ],
  ua: [
    'Shevchenko', 'Kovalenko', 'Bondarenko', 'Tkachenko', 'Kravchenko', 'Melnyk', 'Boiko', 'Kovalchuk', 'Oliinyk',
    'Koval', 'Lysenko', 'Marchenko', 'Rudenko', 'Savchenko', 'Petrenko', 'Moroz', 'Pavlenko', 'Ivanenko',
  ],
};

/** Other spellings of the same name as different authorities transliterate it. */
const TRANSLITERATIONS: Record<string, readonly string[]> = {
  Mohammed: ['Mohamed', 'Muhammad', 'Mohammad', 'Mohamad'],
  Yousef: ['Youssef', 'Yusuf', 'Jussuf'],
  Youssef: ['Yousef', 'Jussuf'],
  Hussein: ['Husein', 'Hussain'],
  Aisha: ['Aischa', 'Ayesha'],
  Mahmoud: ['Mahmud'],
  Khaled: ['Khalid', 'Chaled'],
  Tarek: ['Tareq', 'Tarik'],
  Noor: ['Nur'],
  Layla: ['Leila', 'Laila'],
  Yasmin: ['Jasmin'],
  Ahmad: ['Ahmed'],
  'Al-Hassan': ['Alhassan', 'El-Hassan'],
  'El-Sayed': ['Elsayed', 'Al-Sayed'],
  Khalil: ['Chalil'],
  Haddad: ['Hadad'],
  Suleiman: ['Sulaiman', 'Sleiman'],
  Shevchenko: ['Schewtschenko', 'Shevtchenko'],
  Kovalenko: ['Kowalenko'],
  Tkachenko: ['Tkatschenko'],
  Kravchenko: ['Krawtschenko'],
  Kovalchuk: ['Kowaltschuk'],
  Boiko: ['Boyko', 'Bojko'],
  Oliinyk: ['Oliynyk', 'Olijnyk'],
  Oleksandr: ['Oleksander', 'Olexandr'],
  Andrii: ['Andrij', 'Andriy'],
  Serhii: ['Serhij', 'Serhiy'],
  Yuliia: ['Julija', 'Yulia'],
  Nataliia: ['Natalija', 'Natalia'],
  Tetiana: ['Tetjana', 'Tatiana'],
  Yurii: ['Jurij', 'Yuriy'],
  Olha: ['Olga'],
  Iryna: ['Irina'],
  Kateryna: ['Katerina'],
  Viktoriia: ['Viktorija', 'Viktoria'],
  Hüseyin: ['Hueseyin', 'Husein'],
  Ayşe: ['Ayse', 'Ayshe'],
  Çelik: ['Tschelik', 'Celik'],
  Wojciech: ['Wojciek'],
  Grzegorz: ['Gregor'],
};

// ---------------------------------------------------------------------------------------------
// Fictional addresses in the unassigned 05xxx postal area.
// ---------------------------------------------------------------------------------------------

const TOWNS: readonly { name: string; codes: readonly string[] }[] = [
  { name: 'Lindenau an der Kiesel', codes: ['05110', '05112', '05114', '05116', '05118'] },
  { name: 'Wiesenfeld', codes: ['05201', '05203'] },
  { name: 'Kleinmühlen', codes: ['05230'] },
  { name: 'Birkenhain-Süd', codes: ['05301', '05303', '05305'] },
  { name: 'Obertal am Weiher', codes: ['05350'] },
  { name: 'Neustädtel', codes: ['05401', '05403', '05405', '05407'] },
  { name: 'Haselbrück', codes: ['05460'] },
  { name: 'Großenwerda', codes: ['05501', '05503'] },
  { name: 'Ahornstedt', codes: ['05580'] },
  { name: 'Fichtenroda', codes: ['05610', '05612'] },
  { name: 'Sankt Kieselbach', codes: ['05701', '05703', '05705', '05707', '05709', '05711'] },
  { name: 'Moorlingen', codes: ['05790'] },
];

const STREET_STEMS = [
  'Linden', 'Birken', 'Eichen', 'Ahorn', 'Kastanien', 'Rosen', 'Tulpen', 'Mühlen', 'Schul', 'Kirch', 'Bahnhof',
  'Garten', 'Wiesen', 'Feld', 'Berg', 'Tal', 'Sonnen', 'Sternen', 'Buchen', 'Erlen', 'Fichten', 'Tannen', 'Holunder',
  'Flieder', 'Amsel', 'Drossel', 'Finken', 'Lerchen', 'Meisen', 'Schwalben', 'Kranich', 'Reiher', 'Otter', 'Biber',
  'Dachs', 'Igel', 'Brunnen', 'Quellen', 'Bach', 'Weiher', 'Auen', 'Heide', 'Ginster', 'Kiefern', 'Weiden', 'Pappel',
  'Hasel', 'Kirschen', 'Apfel', 'Hopfen', 'Gersten', 'Roggen', 'Hafer', 'Töpfer', 'Weber', 'Schmiede', 'Gärtner',
  'Fähr', 'Mühlgraben', 'Brücken', 'Markt', 'Post', 'Rathaus', 'Kloster', 'Burg', 'Schloss', 'Hügel', 'Steinbruch',
];
const STREET_TYPES = ['straße', 'straße', 'straße', 'weg', 'weg', 'allee', 'platz', 'gasse', 'ring', 'steig', 'pfad', 'damm'];
const STREET_PREFIXED = ['Am Lindenhof', 'An der Mühle', 'Zur alten Schmiede', 'Am Weiher', 'Im Winkel', 'Auf der Heide', 'Hinter den Gärten', 'Am Kieselufer', 'Unter den Erlen', 'Zum Fährhaus'];
const ADJECTIVE_STREETS = ['Lange Straße', 'Breite Straße', 'Hohe Straße', 'Neue Straße', 'Alte Straße', 'Kieselbacher Straße', 'Wiesenfelder Straße', 'Lindenauer Straße'];

interface Address {
  street: string;
  houseNumber: string;
  postalCode: string;
  city: string;
}

function makeAddress(rng: Rng): Address {
  const town = pick(rng, TOWNS);
  const r = rng();
  const street = r < 0.08 ? pick(rng, STREET_PREFIXED) : r < 0.16 ? pick(rng, ADJECTIVE_STREETS) : pick(rng, STREET_STEMS) + pick(rng, STREET_TYPES);
  const n = 1 + Math.floor(rng() ** 1.6 * 140);
  const suffix = chance(rng, 0.1) ? pick(rng, ['a', 'b', 'c']) : '';
  return { street, houseNumber: `${n}${suffix}`, postalCode: pick(rng, town.codes), city: town.name };
}

// ---------------------------------------------------------------------------------------------
// Persons
// ---------------------------------------------------------------------------------------------

interface Person {
  origin: Origin;
  sex: 'f' | 'm';
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD */
  birthDate: string;
  address: Address;
}

function pickOrigin(rng: Rng): Origin {
  const r = rng();
  return r < 0.7 ? 'de' : r < 0.8 ? 'tr' : r < 0.87 ? 'ar' : r < 0.93 ? 'pl' : 'ua';
}

const pad = (n: number) => String(n).padStart(2, '0');
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function makeBirthDate(rng: Rng, fromYear: number, toYear: number): string {
  const y = fromYear + Math.floor(rng() * (toYear - fromYear + 1));
  const m = 1 + Math.floor(rng() * 12);
  const d = 1 + Math.floor(rng() * DAYS_IN_MONTH[m - 1]);
  return `${y}-${pad(m)}-${pad(d)}`;
}

function makeFirstName(rng: Rng, origin: Origin, sex: 'f' | 'm'): string {
  const pool = FIRST[origin][sex];
  // Some German parents give two first names; forms then carry both ("Anna Maria").
  if (origin === 'de' && chance(rng, 0.04)) return `${pickCommon(rng, pool)} ${pickCommon(rng, pool)}`;
  return pickCommon(rng, pool);
}

function makeLastName(rng: Rng, origin: Origin): string {
  const name = pickCommon(rng, LAST[origin]);
  // Double surnames after marriage ("Müller-Lüdenscheidt" style).
  if (origin === 'de' && chance(rng, 0.05)) return `${name}-${pickCommon(rng, LAST.de)}`;
  return name;
}

function makePerson(rng: Rng): Person {
  const origin = pickOrigin(rng);
  const sex = chance(rng, 0.5) ? 'f' : 'm';
  return {
    origin,
    sex,
    firstName: makeFirstName(rng, origin, sex),
    lastName: makeLastName(rng, origin),
    birthDate: makeBirthDate(rng, 1935, 2006),
    address: makeAddress(rng),
  };
}

const tokens = (s: string) => s.toLowerCase().split(/[ -]/);

/** A different first name of the same origin that shares no part with the given one. */
function otherFirstName(rng: Rng, p: Person, sex: 'f' | 'm'): string {
  const taken = tokens(p.firstName);
  for (;;) {
    const n = makeFirstName(rng, p.origin, sex);
    if (!tokens(n).some((t) => taken.includes(t))) return n;
  }
}

const toRecord = (p: Person): PersonRecord => ({
  firstName: p.firstName,
  lastName: p.lastName,
  birthDate: p.birthDate,
  street: p.address.street,
  houseNumber: p.address.houseNumber,
  postalCode: p.address.postalCode,
  city: p.address.city,
});

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

export type ErrorKind =
  | 'typo_first'
  | 'typo_last'
  | 'ocr'
  | 'umlaut'
  | 'transliteration'
  | 'swap_names'
  | 'title'
  | 'hyphen_dropped'
  | 'double_name_shortened'
  | 'dob_day_month_swap'
  | 'dob_typo'
  | 'dob_missing'
  | 'moved'
  | 'street_typo'
  | 'postal_missing'
  /** Not drawn with the errors above: what happened to the phone number and identifiers. */
  | 'phone_typo'
  | 'phone_changed'
  | 'identifier_typo';

/** Relative frequency of each error kind among substantive errors. */
const ERROR_WEIGHTS: readonly [ErrorKind, number][] = [
  ['typo_first', 12],
  ['typo_last', 12],
  ['ocr', 5],
  ['umlaut', 10],
  ['transliteration', 4],
  ['swap_names', 6],
  ['title', 5],
  ['hyphen_dropped', 4],
  ['double_name_shortened', 3],
  ['dob_day_month_swap', 5],
  ['dob_typo', 6],
  ['dob_missing', 6],
  ['moved', 15],
  ['street_typo', 4],
  ['postal_missing', 3],
];

/** QWERTZ neighbours for substitution typos. */
const KEY_NEIGHBOURS: Record<string, string> = {
  q: 'wa', w: 'qes', e: 'wrd', r: 'etf', t: 'rzg', z: 'tuh', u: 'zij', i: 'uok', o: 'ipl', p: 'o', a: 'qsy', s: 'adw',
  d: 'sfe', f: 'dgr', g: 'fht', h: 'gjz', j: 'hku', k: 'jli', l: 'ko', y: 'ax', x: 'yc', c: 'xv', v: 'cb', b: 'vn',
  n: 'bm', m: 'n',
};

/** A keyboard typo: adjacent transposition, deletion, doubled letter or neighbouring key. */
export function typo(rng: Rng, s: string): string {
  const letters = [...s];
  const positions = letters.map((c, i) => (/\p{L}/u.test(c) ? i : -1)).filter((i) => i >= 0);
  if (positions.length < 3) return s;
  // Typists rarely get the first letter wrong.
  const i = positions[1 + Math.floor(rng() * (positions.length - 1))];
  const c = letters[i];
  const op = rng();
  if (op < 0.3 && i + 1 < letters.length && /\p{L}/u.test(letters[i + 1])) [letters[i], letters[i + 1]] = [letters[i + 1], letters[i]];
  else if (op < 0.55) letters.splice(i, 1);
  else if (op < 0.7) letters.splice(i, 0, c);
  else {
    const lower = c.toLowerCase();
    const n = KEY_NEIGHBOURS[lower];
    if (!n) letters.splice(i, 1);
    else {
      const r = pick(rng, [...n]);
      letters[i] = c === lower ? r : r.toUpperCase();
    }
  }
  return letters.join('');
}

/** Confusions of scanned letters (OCR of court and landlord letters). */
const OCR: readonly [RegExp, string][] = [
  [/rn/, 'm'],
  [/m/, 'rn'],
  [/cl/, 'd'],
  [/li/, 'h'],
  [/in/, 'm'],
  [/e/, 'c'],
  [/c/, 'e'],
  [/n/, 'h'],
  [/l/, 'I'],
  [/ü/, 'u'],
  [/ö/, 'o'],
  [/h/, 'b'],
];

export function ocr(rng: Rng, s: string): string {
  const applicable = OCR.filter(([re]) => re.test(s.slice(1)));
  if (applicable.length === 0) return typo(rng, s);
  const [re, to] = pick(rng, applicable);
  return s[0] + s.slice(1).replace(re, to);
}

/** Umlauts and ß as other systems write them: Müller → Mueller or Muller, Groß → Gross. */
export function umlautSpelling(rng: Rng, s: string): string {
  const plain = chance(rng, 0.4);
  return s
    .replace(/[äöüÄÖÜ]/g, (c) => {
      const base = { ä: 'a', ö: 'o', ü: 'u', Ä: 'A', Ö: 'O', Ü: 'U' }[c]!;
      return plain ? base : `${base}e`;
    })
    .replace(/ß/g, 'ss');
}

const hasUmlaut = (s: string) => /[äöüÄÖÜß]/.test(s);
const hasDoublePart = (s: string) => /[ -]/.test(s.trim());

function dobTypo(rng: Rng, date: string): string {
  const digits = date.replace(/-/g, '').split('');
  // Positions 2,3 (decade, year), 6,7 (day) and 5 (month) are where dates get mistyped.
  const i = pick(rng, [3, 3, 2, 5, 6, 7, 7]);
  if (chance(rng, 0.4) && i < 7 && digits[i] !== digits[i + 1]) [digits[i], digits[i + 1]] = [digits[i + 1], digits[i]];
  else {
    let d = digits[i];
    while (d === digits[i]) d = String(Math.floor(rng() * 10));
    digits[i] = d;
  }
  const s = digits.join('');
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

/** Apply one error; returns false when it does not apply to this record (e.g. no umlaut). */
function applyError(rng: Rng, kind: ErrorKind, r: PersonRecord): boolean {
  const nameField = (): 'firstName' | 'lastName' => (chance(rng, 0.5) ? 'firstName' : 'lastName');
  switch (kind) {
    case 'typo_first':
      r.firstName = typo(rng, r.firstName);
      return true;
    case 'typo_last':
      r.lastName = typo(rng, r.lastName);
      return true;
    case 'ocr': {
      const f = nameField();
      r[f] = ocr(rng, r[f]);
      return true;
    }
    case 'umlaut': {
      const fields = (['firstName', 'lastName'] as const).filter((f) => hasUmlaut(r[f]));
      if (fields.length === 0) return false;
      for (const f of fields) r[f] = umlautSpelling(rng, r[f]);
      return true;
    }
    case 'transliteration': {
      const fields = (['firstName', 'lastName'] as const).filter((f) => TRANSLITERATIONS[r[f]]);
      if (fields.length === 0) return false;
      const f = pick(rng, fields);
      r[f] = pick(rng, TRANSLITERATIONS[r[f]]);
      return true;
    }
    case 'swap_names':
      [r.firstName, r.lastName] = [r.lastName, r.firstName];
      return true;
    case 'title':
      if (chance(rng, 0.5)) r.lastName = `${pick(rng, ['Dr.', 'Prof. Dr.', 'Dr. med.'])} ${r.lastName}`;
      else r.firstName = `${pick(rng, ['Dr.', 'Dipl.-Ing.', 'Dr. rer. nat.'])} ${r.firstName}`;
      return true;
    case 'hyphen_dropped': {
      const fields = (['firstName', 'lastName'] as const).filter((f) => r[f].includes('-'));
      if (fields.length === 0) return false;
      const f = pick(rng, fields);
      r[f] = r[f].replace(/-/g, chance(rng, 0.6) ? ' ' : '');
      return true;
    }
    case 'double_name_shortened': {
      const fields = (['firstName', 'lastName'] as const).filter((f) => hasDoublePart(r[f]) && !/^(von|van|de|zu)\b/i.test(r[f]));
      if (fields.length === 0) return false;
      const f = pick(rng, fields);
      const parts = r[f].split(/[ -]/);
      r[f] = chance(rng, 0.8) ? parts[0] : parts[parts.length - 1];
      return true;
    }
    case 'dob_day_month_swap': {
      const d = r.birthDate;
      if (!d) return false;
      const [y, m, day] = d.split('-');
      if (day === m || Number(day) > 12) return false;
      r.birthDate = `${y}-${day}-${m}`;
      return true;
    }
    case 'dob_typo':
      if (!r.birthDate) return false;
      r.birthDate = dobTypo(rng, r.birthDate);
      return true;
    case 'dob_missing':
      r.birthDate = null;
      return true;
    case 'moved':
      Object.assign(r, makeAddress(rng));
      return true;
    case 'street_typo':
      if (!r.street) return false;
      r.street = typo(rng, r.street);
      return true;
    case 'postal_missing':
      if (chance(rng, 0.5)) r.postalCode = null;
      else r.city = null;
      return true;
    case 'phone_typo':
    case 'phone_changed':
    case 'identifier_typo':
      return false;
  }
}

/** Harmless differences between channels: abbreviations, case, number formats. */
function reformat(rng: Rng, r: PersonRecord): void {
  if (r.street && /straße$/i.test(r.street) && chance(rng, 0.5)) {
    // "Lindenstraße" → "Lindenstr.", "Linden Str.", "Lindenstrasse" …; "Lange Straße" → "Langestr." …
    r.street = r.street.replace(/\s*straße$/i, '') + pick(rng, ['str.', 'strasse', ' Str.', ' Strasse', 'str']);
  }
  if (r.houseNumber && /[a-c]$/.test(r.houseNumber) && chance(rng, 0.5)) r.houseNumber = r.houseNumber.replace(/(\d+)([a-c])$/, (_, n, s) => `${n} ${s.toUpperCase()}`);
  if (r.postalCode && chance(rng, 0.1)) r.postalCode = r.postalCode.replace(/^0/, '');
  if (chance(rng, 0.1)) {
    r.firstName = r.firstName.toUpperCase();
    r.lastName = r.lastName.toUpperCase();
  }
}

function errorCount(rng: Rng): number {
  const r = rng();
  return r < 0.25 ? 0 : r < 0.7 ? 1 : r < 0.92 ? 2 : 3;
}

function pickError(rng: Rng): ErrorKind {
  const total = ERROR_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  let r = rng() * total;
  for (const [k, w] of ERROR_WEIGHTS) if ((r -= w) < 0) return k;
  return ERROR_WEIGHTS[0][0];
}

/** Another channel's record of the same person, with `n` errors (not counting reformatting). */
function makeVariant(rng: Rng, p: Person): { record: PersonRecord; errors: ErrorKind[] } {
  const record = toRecord(p);
  const errors: ErrorKind[] = [];
  const n = errorCount(rng);
  for (let tries = 0; errors.length < n && tries < 20; tries++) {
    const k = pickError(rng);
    if (errors.includes(k)) continue;
    if (applyError(rng, k, record)) errors.push(k);
  }
  reformat(rng, record);
  return { record, errors };
}

// ---------------------------------------------------------------------------------------------
// Phone numbers and identifiers
// ---------------------------------------------------------------------------------------------

/** What a household shares: the contact phone (40 % of households) and a BG number (20 %). */
interface Household {
  phone: string | null;
  bg: string | null;
  /** Two-digit area number of the pension insurance; the household members' numbers share it. */
  rvArea: string;
}

/** A person's own numbers; `phone` may be the household's. */
interface Contacts {
  phone: string | null;
  rv: string | null;
}

const digits = (rng: Rng, n: number) => Array.from({ length: n }, () => String(Math.floor(rng() * 10))).join('');
const MOBILE_PREFIXES = ['151', '152', '157', '159', '160', '162', '170', '171', '172', '175', '176', '177', '178', '179'];

/** A German phone number as "prefix subscriber" without the trunk 0 (mobile 75 %, landline). */
function makePhone(rng: Rng): string {
  if (chance(rng, 0.75)) return `${pick(rng, MOBILE_PREFIXES)} ${digits(rng, 7)}`;
  return `5${digits(rng, 3)} ${1 + Math.floor(rng() * 9)}${digits(rng, 5)}`;
}

function makeHousehold(rng: Rng): Household {
  return {
    phone: chance(rng, 0.4) ? makePhone(rng) : null,
    // Jobcenter number (5 digits), "BG", serial (7 digits).
    bg: chance(rng, 0.2) ? `05${digits(rng, 3)}BG${digits(rng, 7)}` : null,
    rvArea: String(10 + Math.floor(rng() * 80)),
  };
}

/**
 * Rentenversicherungsnummer: area (2 digits), birth date DDMMYY, initial of the birth surname,
 * serial (00–49 men, 50–99 women), check digit (the letter as its two-digit alphabet position;
 * weights 2,1,2,5,7,1,2,1,2,1,2,1; sum of the products' digit sums, mod 10).
 */
export function pensionNumber(area: string, birthDate: string, lastName: string, serial: number): string {
  const [y, m, d] = birthDate.split('-');
  const initial = lastName.normalize('NFKD').replace(/[^A-Za-z]/g, '').charAt(0).toUpperCase() || 'X';
  const body = `${area}${d}${m}${y.slice(2)}`;
  const ser = String(serial).padStart(2, '0');
  const numeric = `${body}${String(initial.charCodeAt(0) - 64).padStart(2, '0')}${ser}`;
  const weights = [2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1];
  const sum = [...numeric].reduce((acc, c, i) => {
    const prod = Number(c) * weights[i];
    return acc + Math.floor(prod / 10) + (prod % 10);
  }, 0);
  return `${body}${initial}${ser}${sum % 10}`;
}

function makeContacts(rng: Rng, p: Person, h: Household, member: boolean, twinOf?: { serial: number }): Contacts & { serial: number } {
  // Household members give the household's contact number more often than their own.
  let phone: string | null;
  if (!member) phone = h.phone;
  else if (h.phone) phone = chance(rng, 0.6) ? h.phone : chance(rng, 0.4) ? makePhone(rng) : null;
  else phone = chance(rng, 0.3) ? makePhone(rng) : null;
  const base = p.sex === 'm' ? 0 : 50;
  // Twins registered together get neighbouring serials.
  const serial = twinOf && Math.floor(twinOf.serial / 50) === base / 50 ? twinOf.serial + 1 : base + Math.floor(rng() * 45);
  const rv = chance(rng, 0.1) ? pensionNumber(h.rvArea, p.birthDate, p.lastName.split(/[ -]/).pop() ?? p.lastName, serial) : null;
  return { phone, rv, serial };
}

/** One digit replaced by another or two neighbouring digits swapped. */
function digitTypo(rng: Rng, s: string): string {
  const positions = [...s].map((c, i) => (/\d/.test(c) ? i : -1)).filter((i) => i >= 0);
  const chars = [...s];
  const i = positions[1 + Math.floor(rng() * (positions.length - 1))];
  const j = positions[positions.indexOf(i) + 1];
  if (j !== undefined && j === i + 1 && chars[i] !== chars[j] && chance(rng, 0.4)) [chars[i], chars[j]] = [chars[j], chars[i]];
  else {
    let d = chars[i];
    while (d === chars[i]) d = String(Math.floor(rng() * 10));
    chars[i] = d;
  }
  return chars.join('');
}

function formatPhone(rng: Rng, phone: string): string {
  const [pre, sub] = phone.split(' ');
  return pick(rng, [`0${pre} ${sub}`, `0${pre}/${sub}`, `0${pre}-${sub}`, `+49 ${pre} ${sub}`, `+49 (0)${pre} ${sub}`, `0049 ${pre} ${sub}`, `0${pre}${sub}`]);
}

function formatBg(rng: Rng, bg: string): string {
  const [jc, serial] = bg.split('BG');
  return pick(rng, [`bg:${bg}`, `bg:${jc} BG ${serial}`, `bg:${jc}-BG-${serial}`, `bg:${jc}bg${serial}`]);
}

function formatRv(rng: Rng, rv: string): string {
  return pick(rng, [`rv:${rv}`, `rv:${rv.slice(0, 2)} ${rv.slice(2, 8)} ${rv.slice(8, 9)} ${rv.slice(9)}`, `rv:${rv.toLowerCase()}`]);
}

/**
 * Phone number and identifiers for one record. The first record of a person carries all of
 * them; another channel keeps each (phone 65 %, BG and rv 60 %), leaves it out (25 % / 35 %),
 * mistypes one digit (5 %), or, for the phone, has a new number (5 %).
 */
function addContacts(rng: Rng, record: PersonRecord, errors: ErrorKind[], c: Contacts, h: Household, first: boolean): void {
  const ids: string[] = [];
  const fate = (keep: number, drop: number) => {
    if (first) return 'keep';
    const r = rng();
    return r < keep ? 'keep' : r < keep + drop ? 'drop' : r < keep + drop + 0.05 ? 'typo' : 'changed';
  };
  if (c.phone) {
    const f = fate(0.65, 0.25);
    if (f === 'keep') record.phone = formatPhone(rng, c.phone);
    else if (f === 'typo') {
      record.phone = formatPhone(rng, digitTypo(rng, c.phone));
      errors.push('phone_typo');
    } else if (f === 'changed') {
      record.phone = formatPhone(rng, makePhone(rng));
      errors.push('phone_changed');
    }
  }
  for (const [value, format] of [
    [h.bg, formatBg],
    [c.rv, formatRv],
  ] as const) {
    if (!value) continue;
    const f = fate(0.6, 0.35);
    if (f === 'drop') continue;
    const typoed = f === 'keep' ? value : digitTypo(rng, value);
    if (typoed !== value) errors.push('identifier_typo');
    ids.push(format(rng, typoed));
  }
  if (ids.length) record.identifiers = ids;
}

// ---------------------------------------------------------------------------------------------
// The test set
// ---------------------------------------------------------------------------------------------

export type RecordRole = 'base' | 'variant' | 'twin' | 'namesake' | 'family';

export interface TestRecord {
  id: string;
  /** Ground truth: records with the same personId are the same person. */
  personId: string;
  role: RecordRole;
  errors: ErrorKind[];
  record: PersonRecord;
  /** For every record of a hard-negative person: what it imitates and whom. */
  negativeOf?: { kind: 'twin' | 'namesake' | 'family'; personId: string };
}

export interface TestSetOptions {
  /** Base persons (hard negatives come on top). */
  persons: number;
  seed: number;
  /** Share of base persons with a twin, a namesake elsewhere, a family member in the household. */
  twins?: number;
  namesakes?: number;
  family?: number;
}

export interface TestSet {
  records: TestRecord[];
  basePersons: number;
  hardNegatives: { twin: number; namesake: number; family: number };
}

/**
 * Generate the set, records in a seeded random order (the order notices would arrive in).
 */
export function generateTestSet(options: TestSetOptions): TestSet {
  const rng = mulberry32(options.seed);
  // Phones and identifiers: a generator of their own, so that the rest of the set is the same
  // with or without them.
  const contactRng = mulberry32((options.seed ^ 0x5bd1e995) >>> 0);
  const { twins = 0.04, namesakes = 0.06, family = 0.1 } = options;
  const records: TestRecord[] = [];
  let nextPerson = 0;
  let nextRecord = 0;
  const hardNegatives = { twin: 0, namesake: 0, family: 0 };

  /** A person's records; `household` is shared with the person's household members. */
  const emit = (p: Person, role: RecordRole, household: Household, of?: string, twinOf?: { serial: number }): { personId: string; serial: number } => {
    const personId = `P${String(++nextPerson).padStart(5, '0')}`;
    const negativeOf = of && role !== 'base' && role !== 'variant' ? { kind: role, personId: of } : undefined;
    const contacts = makeContacts(contactRng, p, household, role === 'twin' || role === 'family', twinOf);
    const first: TestRecord = { id: `R${++nextRecord}`, personId, role, errors: [], record: toRecord(p), negativeOf };
    addContacts(contactRng, first.record, first.errors, contacts, household, true);
    records.push(first);
    // Further records through other channels: 0 (30 %), 1 (40 %), 2 (20 %), 3 (10 %).
    const r = rng();
    const variants = r < 0.3 ? 0 : r < 0.7 ? 1 : r < 0.9 ? 2 : 3;
    for (let i = 0; i < variants; i++) {
      const v = makeVariant(rng, p);
      addContacts(contactRng, v.record, v.errors, contacts, household, false);
      records.push({ id: `R${++nextRecord}`, personId, role: 'variant', errors: v.errors, record: v.record, negativeOf });
    }
    return { personId, serial: contacts.serial };
  };

  for (let i = 0; i < options.persons; i++) {
    const p = makePerson(rng);
    const household = makeHousehold(contactRng);
    const { personId: id, serial } = emit(p, 'base', household);
    if (chance(rng, twins)) {
      // Same surname, birth date and address; another first name.
      const sex = chance(rng, 0.5) ? p.sex : p.sex === 'f' ? 'm' : 'f';
      emit({ ...p, sex, firstName: otherFirstName(rng, p, sex) }, 'twin', household, id, { serial });
      hardNegatives.twin++;
    }
    if (chance(rng, namesakes)) {
      // Same first and last name; another address and birth date (half of them the same year).
      const year = Number(p.birthDate.slice(0, 4));
      let birthDate = p.birthDate;
      while (birthDate === p.birthDate) birthDate = chance(rng, 0.5) ? makeBirthDate(rng, year, year) : makeBirthDate(rng, 1935, 2006);
      emit({ ...p, birthDate, address: makeAddress(rng) }, 'namesake', makeHousehold(contactRng), id);
      hardNegatives.namesake++;
    }
    if (chance(rng, family)) {
      // Spouse, child or parent in the same household: same surname and address.
      const year = Number(p.birthDate.slice(0, 4));
      const relation = rng();
      const [from, to] = relation < 0.4 ? [year - 6, year + 6] : relation < 0.8 ? [year + 18, year + 40] : [year - 40, year - 18];
      const sex = chance(rng, 0.5) ? 'f' : 'm';
      let birthDate = p.birthDate;
      while (birthDate === p.birthDate) birthDate = makeBirthDate(rng, Math.max(1920, from), Math.min(2024, to));
      emit({ ...p, sex, firstName: otherFirstName(rng, p, sex), birthDate }, 'family', household, id);
      hardNegatives.family++;
    }
  }

  // Arrival order: Fisher-Yates with the same generator.
  for (let i = records.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [records[i], records[j]] = [records[j], records[i]];
  }
  return { records, basePersons: options.persons, hardNegatives };
}
