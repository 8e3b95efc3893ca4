import { SearchQuery, SearchResult } from '../../../contracts/search.js';
import { criteriaOf, parseQuery } from '../../../domain/search/query.js';
import { inTenantTx } from '../../platform/db/tenant.js';
import { invalidInput } from '../../platform/http/errors.js';
import { route, signedIn } from '../../platform/http/route.js';
import { searchCases } from './service.js';

export const searchRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/search',
    access: 'cases.read',
    summary: "Search the own organisation's cases (closed ones included) by name (spelling-tolerant), file number or address, ranked, with what matched",
    tags: ['cases'],
    query: SearchQuery,
    response: SearchResult,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      if (ctx.query.q === undefined) throw invalidInput([{ path: 'q', key: 'required' }], 400);
      const parsed = parseQuery(ctx.query.q);
      const criteria = criteriaOf(parsed);
      if (!criteria.length) throw invalidInput([{ path: 'q', key: 'search_no_terms' }], 400);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const { hits, total, truncated } = await searchCases(tx, actor, parsed, ctx.query);
        // A search reads personal data, so it is audited — but not the entry itself when it holds
        // a name or an address: the log would become a list of whom staff looked for, readable by
        // administrators. A hash would not help: names are few enough to be hashed one by one and
        // compared. What data protection needs is who saw which records, so the entry names the
        // criteria, the number of hits and the cases shown; file numbers (our own record keys,
        // like the case ids) are kept as typed in canonical form.
        tx.audit({
          action: 'case.search',
          entityType: 'case',
          details: {
            criteria,
            ...(parsed.caseNumber ? { caseNumber: parsed.caseNumber } : {}),
            ...(parsed.courtFileNumber ? { courtFileNumber: parsed.courtFileNumber } : {}),
            results: total,
            offset: ctx.query.offset,
            ids: hits.map((h) => h.id),
          },
        });
        return { criteria, items: hits, offset: ctx.query.offset, limit: ctx.query.limit, hasMore: total > ctx.query.offset + hits.length, truncated };
      });
    },
  }),
];
