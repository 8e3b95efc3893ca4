import { z } from 'zod';
import { Id, IsoDate } from './common.js';

export const ReviewPerson = z.object({
  id: Id,
  firstName: z.string(),
  lastName: z.string(),
  birthDate: IsoDate.nullable(),
  address: z.string().nullable(),
  caseNumbers: z.array(z.string()),
});

export const MatchReview = z.object({
  id: Id,
  score: z.number(),
  reasons: z.array(z.record(z.string(), z.unknown())),
  createdAt: z.string(),
  person: ReviewPerson,
  candidate: ReviewPerson,
});
export const MatchReviewList = z.object({ items: z.array(MatchReview) });
export const MergeResult = z.object({ survivorId: Id, mergedId: Id, mergeId: Id });
