import { useEffect, useState, type FormEvent } from 'react';
import { Anchor, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SearchHit, SearchMatch, SearchResult } from '../../../contracts/search';
import { api } from '../../app/api';
import { QueryError } from '../../app/errors';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { StatusBadge } from '../../ui/StatusBadge';
import { TableScroll } from '../../ui/TableScroll';
import { Day } from '../deadlines/DeadlineParts';

const PAGE_SIZE = 20;

/** Why a case came up, in words: "Name: Jürgen Weißgärber (ähnliche Schreibweise)". */
function MatchList({ matches }: { matches: SearchMatch[] }) {
  const { t } = useTranslation();
  return (
    <ul className="plain-list">
      {matches.map((m, i) => (
        <li key={`${m.field}-${m.value}-${i}`}>
          <Text span size="sm" fw={600}>
            {t(`search.fields.${m.field}`)}:
          </Text>{' '}
          <Text span size="sm">
            {m.value} ({t(`search.quality.${m.quality}`)}
            {m.viaMergedRecord ? `, ${t('search.viaMergedRecord')}` : ''})
          </Text>
        </li>
      ))}
    </ul>
  );
}

function HitRow({ hit }: { hit: SearchHit }) {
  const { t } = useTranslation();
  return (
    <Table.Tr data-testid={`search-hit-${hit.caseNumber}`}>
      <Table.Th scope="row">
        <Anchor component={Link} to={`/cases/${hit.id}`} fw={600}>
          {hit.caseNumber}
        </Anchor>
        <Stack gap={4} mt={4} align="flex-start">
          {hit.closed ? <StatusBadge tone="neutral">{t('search.closed')}</StatusBadge> : <Text size="sm">{t(`case.status.${hit.status}`, { defaultValue: hit.status })}</Text>}
          <Text size="sm">
            {t('search.received')} <Day value={hit.receivedOn} />
          </Text>
        </Stack>
      </Table.Th>
      <Table.Td>
        <ul className="plain-list">
          {hit.tenants.map((name, i) => (
            <li key={`${name}-${i}`}>{name}</li>
          ))}
        </ul>
        {hit.courtFileNumber && <Text size="sm">{t('search.courtFileNumber', { fileNumber: hit.courtFileNumber })}</Text>}
      </Table.Td>
      <Table.Td>{hit.address}</Table.Td>
      <Table.Td>
        <MatchList matches={hit.matches} />
      </Table.Td>
    </Table.Tr>
  );
}

/** /search?q=…: the organisation's cases (closed ones too) by name, file number or address, best match first. */
export function SearchPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const offset = Math.max(0, Number.parseInt(params.get('offset') ?? '0', 10) || 0);
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);

  const result = useQuery({
    queryKey: ['search', q, offset],
    queryFn: () => api.get<SearchResult>('/search', { q, offset, limit: PAGE_SIZE }),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = draft.trim();
    setParams(next ? { q: next } : {});
  };
  const goTo = (nextOffset: number) => setParams({ q, ...(nextOffset > 0 ? { offset: String(nextOffset) } : {}) });

  return (
    <>
      <PageHeader title={t('search.title')} description={t('search.intro')} />
      <form role="search" aria-label={t('search.pageLandmark')} onSubmit={submit}>
        <Group align="flex-end" gap="sm" mb="md" wrap="wrap">
          <TextInput
            label={t('search.label')}
            description={t('search.hint')}
            type="search"
            value={draft}
            onChange={(e) => setDraft(e.currentTarget.value)}
            w={420}
            maxLength={100}
          />
          <Button type="submit">{t('search.submit')}</Button>
        </Group>
      </form>

      {!q ? (
        <Text>{t('search.prompt')}</Text>
      ) : result.isPending ? (
        <Loading />
      ) : result.isError ? (
        <QueryError error={result.error} onRetry={() => void result.refetch()} />
      ) : result.data.items.length === 0 ? (
        <Text role="status">{offset > 0 ? t('search.noMore') : t('search.noMatches')}</Text>
      ) : (
        <>
          <Text role="status" mb="xs">
            {t('search.summary', {
              from: offset + 1,
              to: offset + result.data.items.length,
              criteria: result.data.criteria.map((c) => t(`search.fields.${c}`)).join(', '),
            })}
          </Text>
          {result.data.truncated && <Text mb="xs">{t('search.truncated')}</Text>}
          <TableScroll label={t('search.title')} minWidth={900}>
            <Table striped verticalSpacing="sm" data-testid="search-results">
              <Table.Caption>{t('search.caption', { q })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('search.case')}</Table.Th>
                  <Table.Th scope="col">{t('search.tenants')}</Table.Th>
                  <Table.Th scope="col">{t('address.label')}</Table.Th>
                  <Table.Th scope="col">{t('search.matched')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.data.items.map((hit) => (
                  <HitRow key={hit.id} hit={hit} />
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
          <Group mt="md" gap="sm">
            {offset > 0 && (
              <Button variant="default" onClick={() => goTo(Math.max(0, offset - PAGE_SIZE))}>
                {t('search.previous')}
              </Button>
            )}
            {result.data.hasMore && (
              <Button variant="default" onClick={() => goTo(offset + PAGE_SIZE)}>
                {t('search.next')}
              </Button>
            )}
          </Group>
        </>
      )}
    </>
  );
}
