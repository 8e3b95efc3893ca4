import type { z } from 'zod';
import type { Absence, AbsenceInput } from '../../../contracts/casefile.js';
import { absenceCovers, checkAbsence } from '../../../domain/casework/casefile.js';
import { can, type Actor } from '../../platform/auth/actor.js';
import type { Tx } from '../../platform/db/tenant.js';
import { AppError, invalidInput, notFound } from '../../platform/http/errors.js';
import { colleague } from './colleagues.js';

/** The absences running today in which `userId` stands in for a colleague. */
export function substitutesFor(tx: Tx, userId: string, today: string) {
  return tx.db
    .selectFrom('user_absences')
    .select(['user_id', 'ends_on'])
    .where('substitute_user_id', '=', userId)
    .where('starts_on', '<=', today)
    .where('ends_on', '>=', today)
    .execute();
}

function absenceQuery(tx: Tx) {
  return tx.db
    .selectFrom('user_absences as a')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .innerJoin('users as s', 's.id', 'a.substitute_user_id')
    .select(['a.id', 'a.user_id', 'u.display_name as user_name', 'a.substitute_user_id', 's.display_name as substitute_name', 'a.starts_on', 'a.ends_on', 'a.note', 'a.created_by']);
}

type Row = Awaited<ReturnType<ReturnType<typeof absenceQuery>['executeTakeFirstOrThrow']>>;

const toAbsence = (r: Row, today: string): Absence => ({
  id: r.id,
  user: { id: r.user_id, name: r.user_name },
  substitute: { id: r.substitute_user_id, name: r.substitute_name },
  startsOn: String(r.starts_on),
  endsOn: String(r.ends_on),
  note: r.note,
  current: absenceCovers({ startsOn: String(r.starts_on), endsOn: String(r.ends_on) }, today),
});

/**
 * Current and coming absences the actor has to know about: their own, those they stand in for,
 * and — for team leads, who plan the cover — everyone's in the organisation.
 */
export async function listAbsences(tx: Tx, actor: Actor, today: string): Promise<Absence[]> {
  let q = absenceQuery(tx).where('a.org_id', '=', actor.orgId).where('a.ends_on', '>=', today);
  if (!can(actor, 'cases.assign')) {
    q = q.where((eb) => eb.or([eb('a.user_id', '=', actor.userId), eb('a.substitute_user_id', '=', actor.userId)]));
  }
  const rows = await q.orderBy('a.starts_on').orderBy('u.display_name').execute();
  return rows.map((r) => toAbsence(r, today));
}

/** A user records their own absence; a team lead anyone's in the organisation. */
export async function createAbsence(tx: Tx, actor: Actor, input: z.output<typeof AbsenceInput>, today: string): Promise<Absence> {
  const userId = input.userId?.toLowerCase() ?? actor.userId;
  if (userId !== actor.userId && !can(actor, 'cases.assign')) throw new AppError(403, 'forbidden');
  await colleague(tx, actor, userId, 'userId');
  await colleague(tx, actor, input.substituteId, 'substituteId');
  const others = await tx.db
    .selectFrom('user_absences')
    .select(['id', 'user_id', 'substitute_user_id', 'starts_on', 'ends_on'])
    .where('user_id', '=', userId)
    .where('ends_on', '>=', input.startsOn)
    .execute();
  const problems = checkAbsence(
    { userId, substituteId: input.substituteId.toLowerCase(), startsOn: input.startsOn, endsOn: input.endsOn },
    others.map((o) => ({ id: o.id, userId: o.user_id, substituteId: o.substitute_user_id, startsOn: String(o.starts_on), endsOn: String(o.ends_on) })),
    today,
  );
  if (problems.length) throw invalidInput(problems);
  const { id } = await tx.db
    .insertInto('user_absences')
    .values({
      org_id: actor.orgId,
      user_id: userId,
      substitute_user_id: input.substituteId.toLowerCase(),
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      note: input.note || null,
      created_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  tx.audit({ action: 'absence.create', entityType: 'user', entityId: userId, details: { absence: id, substitute: input.substituteId.toLowerCase(), startsOn: input.startsOn, endsOn: input.endsOn } });
  return toAbsence(await absenceQuery(tx).where('a.id', '=', id).executeTakeFirstOrThrow(), today);
}

/**
 * The one access rule for an absence: of the actor's organisation, and the actor's own, one they
 * recorded, or — for team leads — anyone's. Everything else is "not found".
 */
export async function loadAbsenceForActor(tx: Tx, actor: Actor, id: string) {
  const row = await absenceQuery(tx).where('a.id', '=', id).where('a.org_id', '=', actor.orgId).executeTakeFirst();
  if (!row) throw notFound();
  if (!can(actor, 'cases.assign') && row.user_id !== actor.userId && row.created_by !== actor.userId) throw notFound();
  return row;
}

export async function deleteAbsence(tx: Tx, actor: Actor, id: string) {
  const row = await loadAbsenceForActor(tx, actor, id);
  await tx.db.deleteFrom('user_absences').where('id', '=', row.id).execute();
  tx.audit({ action: 'absence.delete', entityType: 'user', entityId: row.user_id, details: { absence: row.id } });
}
