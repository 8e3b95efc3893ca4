import type { Database } from '../../platform/db/connect.js';
import { unsafeInternalTx } from '../../platform/db/tenant.js';

/*
 * Sex and nationality of the demo persons (the official statistics' characteristics, migration 017).
 * The notices that created them do not carry these fields, as real notices do not; a caseworker
 * records them in the case file. Here they are set once by first name, only where nothing is
 * recorded yet, so data directories from before get them too and later edits stay.
 * Kevin is left unknown on purpose: the counts show unknown characteristics too.
 */
const PERSONS: Record<string, ['female' | 'male' | 'diverse', string | null]> = {
  Jelena: ['female', 'RS'], Dragan: ['male', 'RS'], Monika: ['female', 'DE'], Rüdiger: ['male', 'DE'],
  Ayşe: ['female', 'TR'], Hakan: ['male', 'TR'], Elif: ['female', 'DE'], Can: ['male', 'DE'],
  'Klaus-Dieter': ['male', 'DE'], Sven: ['male', 'DE'], Marlene: ['female', 'DE'], Olga: ['female', 'DE'], Viktor: ['male', 'DE'],
  Jonas: ['diverse', 'DE'], Petra: ['female', 'DE'], Yusuf: ['male', 'TR'], Hannelore: ['female', 'DE'], Karin: ['female', 'DE'],
  Bernhard: ['male', 'DE'], Nadia: ['female', 'SY'], Mirko: ['male', 'DE'], Rosemarie: ['female', 'DE'], Dariusz: ['male', 'PL'],
  Leonie: ['female', 'DE'], Tanja: ['female', 'DE'], Frank: ['male', 'DE'], Detlef: ['male', 'DE'], Ingrid: ['female', 'DE'],
  Stefan: ['male', 'DE'], Heike: ['female', 'DE'], Emre: ['male', 'DE'], Derya: ['female', 'TR'], Maik: ['male', 'DE'],
  Agnieszka: ['female', 'PL'], Ralf: ['male', 'DE'], Uwe: ['male', 'DE'], Sabine: ['female', 'DE'], Doris: ['female', 'DE'],
  Maren: ['female', 'DE'], Tomasz: ['male', 'PL'], Birgit: ['female', 'DE'], Norbert: ['male', 'DE'], Jacqueline: ['female', 'DE'],
  Leila: ['female', 'AF'], Omid: ['male', 'XX'], Sara: ['female', 'AF'], Ilyas: ['male', 'AF'],
};

export async function seedDemoPersonStatistics(db: Database) {
  await unsafeInternalTx(db, null, async (tx) => {
    for (const [firstName, [sex, nationality]] of Object.entries(PERSONS)) {
      await tx.db
        .updateTable('persons')
        .set({ sex, nationality })
        .where('first_name', '=', firstName)
        .where('sex', 'is', null)
        .where('nationality', 'is', null)
        .execute();
    }
  });
}
