import { useState, type ReactNode } from 'react';
import { Alert, Button, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { MatchReview, MatchReviewList, MergeResult } from '../../../contracts/matching';
import { api } from '../../app/api';
import { QueryError, errorMessage } from '../../app/errors';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { StatusBadge } from '../../ui/StatusBadge';
import { TableScroll } from '../../ui/TableScroll';
import { useFormatters } from '../../ui/format';
import { Day } from '../deadlines/DeadlineParts';

type Review = z.infer<typeof MatchReview>;
type ReviewPerson = Review['person'];

const REVIEWS_KEY = ['matchReviews'] as const;

// The engine's reason and conflict names (src/domain/matching/score.ts) are translated by key;
// a name the catalogue does not know yet is shown as it is rather than hidden.
const label = (t: TFunction, group: 'fields' | 'kinds' | 'conflicts', key: string) => t(`matching.${group}.${key}`, { defaultValue: key });

export interface ReasonLine {
  text: string;
  conflict: boolean;
  weight: number | null;
}

/**
 * The score's explanation in words: `{field, kind, weight}` lines from the matching engine, and
 * `{conflict}` entries for facts that kept it from linking automatically.
 */
export function describeReasons(reasons: Record<string, unknown>[], t: TFunction): ReasonLine[] {
  return reasons.flatMap((r): ReasonLine[] => {
    if (typeof r.conflict === 'string') {
      const c = r.conflict;
      return [{ text: label(t, 'conflicts', c), conflict: true, weight: null }];
    }
    if (typeof r.field === 'string' && typeof r.kind === 'string') {
      if (r.kind === 'not_compared') return [];
      return [{ text: `${label(t, 'fields', r.field)}: ${label(t, 'kinds', r.kind)}`, conflict: false, weight: typeof r.weight === 'number' ? r.weight : null }];
    }
    return [];
  });
}

function PersonCell({ p }: { p: ReviewPerson }) {
  return (
    <>
      {p.firstName} {p.lastName}
    </>
  );
}

function ReviewCard({
  review,
  index,
  onMerge,
  onDistinct,
}: {
  review: Review;
  index: number;
  onMerge: () => void;
  onDistinct: () => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const headingId = `review-${review.id}`;
  const lines = describeReasons(review.reasons, t);
  const signed = (w: number) => `${w > 0 ? '+' : ''}${fmt.number(w)}`;
  const rows: { label: string; value: (p: ReviewPerson) => ReactNode }[] = [
    { label: t('matching.name'), value: (p) => <PersonCell p={p} /> },
    { label: t('intake.tenant.birthDate'), value: (p) => (p.birthDate ? <Day value={p.birthDate} /> : t('case.unknown')) },
    { label: t('address.label'), value: (p) => p.address ?? t('case.unknown') },
    { label: t('matching.cases'), value: (p) => (p.caseNumbers.length ? p.caseNumbers.join(', ') : t('matching.noCases')) },
  ];
  const title = t('matching.reviewN', {
    n: index + 1,
    a: `${review.person.firstName} ${review.person.lastName}`,
    b: `${review.candidate.firstName} ${review.candidate.lastName}`,
  });

  return (
    <Paper component="li" withBorder p="md" data-testid="match-review">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Title order={2} size="h3" id={headingId}>
            {title}
          </Title>
          <StatusBadge tone="info">{t('matching.score', { score: fmt.number(review.score) })}</StatusBadge>
        </Group>
        <TableScroll label={title} minWidth={560}>
          <Table verticalSpacing="xs" withColumnBorders>
            <Table.Caption>{t('matching.sideBySide')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('matching.attribute')}</Table.Th>
                <Table.Th scope="col">{t('matching.newRecord')}</Table.Th>
                <Table.Th scope="col">{t('matching.existingRecord')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.label}>
                  <Table.Th scope="row">{row.label}</Table.Th>
                  <Table.Td>{row.value(review.person)}</Table.Td>
                  <Table.Td>{row.value(review.candidate)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
        <div>
          <Text fw={600}>{t('matching.reasons')}</Text>
          <List size="sm">
            {lines.map((l, i) => (
              <List.Item key={i}>
                {l.conflict ? (
                  <>
                    <strong>{t('matching.conflict')}:</strong> {l.text}
                  </>
                ) : (
                  <>
                    {l.text}
                    {l.weight !== null && ` (${t('matching.weight', { weight: signed(l.weight) })})`}
                  </>
                )}
              </List.Item>
            ))}
          </List>
        </div>
        <Group>
          <Button onClick={onMerge} aria-label={t('matching.mergeNamed', { title })}>
            {t('matching.merge')}
          </Button>
          <Button variant="default" onClick={onDistinct} aria-label={t('matching.distinctNamed', { title })}>
            {t('matching.distinct')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

interface DoneMerge {
  mergeId: string;
  names: string;
  split: boolean;
}

/** /matching: pairs the engine was unsure about, for a person to decide. */
export function ReviewPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [confirm, setConfirm] = useState<{ review: Review; action: 'merge' | 'distinct' } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [lastMerge, setLastMerge] = useState<DoneMerge | null>(null);
  const [error, setError] = useState<string | null>(null);

  const list = useQuery({
    queryKey: REVIEWS_KEY,
    queryFn: async () => (await api.get<z.infer<typeof MatchReviewList>>('/match-reviews')).items,
  });

  const names = (r: Review) => `${r.person.firstName} ${r.person.lastName} / ${r.candidate.firstName} ${r.candidate.lastName}`;

  const decide = useMutation({
    mutationFn: async ({ review, action }: { review: Review; action: 'merge' | 'distinct' }) =>
      action === 'merge'
        ? { action, review, merge: await api.post<z.infer<typeof MergeResult>>(`/match-reviews/${review.id}/merge`) }
        : { action, review, merge: (await api.post(`/match-reviews/${review.id}/distinct`), null) },
    onMutate: () => {
      setError(null);
      setMessage(null);
    },
    onSuccess: ({ action, review, merge }) => {
      setConfirm(null);
      if (action === 'merge' && merge) {
        setLastMerge({ mergeId: merge.mergeId, names: names(review), split: false });
      } else {
        setLastMerge(null);
        setMessage(t('matching.distinctDone', { names: names(review) }));
      }
    },
    onError: (e) => {
      setConfirm(null);
      setError(errorMessage(e, t));
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: REVIEWS_KEY });
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
    },
  });

  const split = useMutation({
    mutationFn: (mergeId: string) => api.post(`/person-merges/${mergeId}/split`),
    onMutate: () => setError(null),
    onSuccess: () => setLastMerge((m) => (m ? { ...m, split: true } : m)),
    onError: (e) => setError(errorMessage(e, t)),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['cases'] }),
  });

  return (
    <>
      <PageHeader title={t('matching.title')} description={t('matching.intro')} />
      <div role="status">
        {lastMerge && (
          <Alert color="teal" role="note" mb="md" title={lastMerge.split ? t('matching.splitDoneTitle') : t('matching.mergedTitle')}>
            <Stack gap="xs">
              <Text>
                {lastMerge.split
                  ? t('matching.splitDone', { names: lastMerge.names })
                  : t('matching.merged', { names: lastMerge.names })}
              </Text>
              {!lastMerge.split && (
                <Group>
                  <Button variant="default" loading={split.isPending} onClick={() => split.mutate(lastMerge.mergeId)}>
                    {t('matching.undo')}
                  </Button>
                </Group>
              )}
            </Stack>
          </Alert>
        )}
        {message && (
          <Alert color="teal" role="note" mb="md" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setMessage(null)}>
            {message}
          </Alert>
        )}
      </div>
      {error && (
        <Alert color="red" role="alert" title={t('errors.title')} mb="md">
          {error}
        </Alert>
      )}
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Text>{t('matching.empty')}</Text>
      ) : (
        <Stack component="ul" className="plain-list" gap="lg">
          {list.data.map((review, i) => (
            <ReviewCard
              key={review.id}
              review={review}
              index={i}
              onMerge={() => setConfirm({ review, action: 'merge' })}
              onDistinct={() => setConfirm({ review, action: 'distinct' })}
            />
          ))}
        </Stack>
      )}
      <ConfirmModal
        opened={confirm !== null}
        title={confirm?.action === 'merge' ? t('matching.confirmMergeTitle') : t('matching.confirmDistinctTitle')}
        message={
          confirm
            ? confirm.action === 'merge'
              ? t('matching.confirmMerge', { names: names(confirm.review) })
              : t('matching.confirmDistinct', { names: names(confirm.review) })
            : ''
        }
        confirmLabel={confirm?.action === 'merge' ? t('matching.merge') : t('matching.distinct')}
        pending={decide.isPending}
        onConfirm={() => confirm && decide.mutate(confirm)}
        onClose={() => setConfirm(null)}
      />
    </>
  );
}
