import { SchonfristQuery, SchonfristResult } from '../../../contracts/intake.js';
import { DeadlineInputError, schonfristEnd } from '../../../domain/deadlines/index.js';
import { invalidInput } from '../../platform/http/errors.js';
import { route } from '../../platform/http/route.js';

export const deadlineRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/deadlines/schonfrist',
    access: 'public',
    summary:
      'Schonfrist calculator (§ 569 Abs. 3 Nr. 2 BGB with §§ 187, 188, 193 BGB): end of the two months after the last service ' +
      'of the eviction suit, shifted past weekends and public holidays of the Land. Repeat servedOn for several tenants.',
    tags: ['deadlines'],
    query: SchonfristQuery,
    response: SchonfristResult,
    handler: async (ctx) => {
      try {
        const d = schonfristEnd({ servedOn: ctx.query.servedOn, state: ctx.query.state });
        return { end: d.date, rawEnd: d.rawDate ?? d.date, shifts: d.shifts, state: ctx.query.state, basis: d.basis };
      } catch (err) {
        if (err instanceof DeadlineInputError) throw invalidInput([{ path: err.field.replace(/\[(\d+)\]/, '.$1'), key: 'invalid_date' }], 400);
        throw err;
      }
    },
  }),
];
