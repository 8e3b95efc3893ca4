import { useState } from 'react';
import { Alert, Anchor, Button, Group, SegmentedControl, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDayFormat } from '../deadlines/dates';
import { ApiError, api } from '../../app/api';
import { errorMessage, QueryError } from '../../app/errors';
import { useActiveSession, useSession } from '../../app/session';
import { Loading } from '../../ui/Loading';
import { Notice, useNotice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { StatusBadge } from '../../ui/StatusBadge';
import { TableScroll } from '../../ui/TableScroll';
import { Day, deadlineKindLabel } from '../deadlines/DeadlineParts';
import { casesKeys, SCOPES, type CaseSummary, type QueueItem, type QueueResponse, type Scope } from './types';

const isScope = (v: string | null): v is Scope => v !== null && (SCOPES as readonly string[]).includes(v);

export function DaysLeft({ days }: { days: number | null }) {
  const { t } = useTranslation();
  if (days === null) return null;
  if (days < 0) return <>{t('queue.daysOverdue', { count: -days })}</>;
  if (days === 0) return <>{t('queue.dueToday')}</>;
  return <>{t('queue.daysLeft', { count: days })}</>;
}

/** Markers that raise a case's urgency, as words: colour alone would say nothing to many users. */
function Markers({ item }: { item: QueueItem }) {
  const { t } = useTranslation();
  const fmtDay = useDayFormat().short;
  const markers = [
    item.overdueFirstContact && (
      <StatusBadge key="overdue" tone="danger">
        {t('queue.overdueFirstContact')}
      </StatusBadge>
    ),
    item.children > 0 && (
      <StatusBadge key="children" tone="info">
        {t('queue.children', { count: item.children })}
      </StatusBadge>
    ),
    item.vulnerable && (
      <StatusBadge key="vulnerable" tone="info">
        {t('queue.vulnerable')}
      </StatusBadge>
    ),
    // In "my cases": a case of a colleague the user stands in for while they are away.
    item.substituteFor && (
      <StatusBadge key="substitute" tone="neutral">
        {t('casefile.queue.substituteFor', { name: item.substituteFor.name, until: fmtDay(item.substituteFor.until) })}
      </StatusBadge>
    ),
  ].filter(Boolean);
  if (markers.length === 0) return <Text span size="sm">{t('queue.noMarkers')}</Text>;
  return (
    <Stack gap={4} align="flex-start">
      {markers}
    </Stack>
  );
}

/** /cases: the organisation's open cases, most urgent first, as the server orders them. */
export function QueuePage() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const scopeParam = params.get('scope');
  const scope: Scope = isScope(scopeParam) ? scopeParam : 'team';
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(search.trim(), 300);
  const { notice, show, clear } = useNotice();
  const [actionError, setActionError] = useState<string | null>(null);
  const canTake = can('cases.assign') || can('cases.edit');

  // The search lives in the address too, so a reload or "back" shows the same list. It is written
  // there as it is typed, not when the debounced search catches up: a navigation still pending then
  // would run after a case link (or any other) was followed meanwhile, and, being relative to this
  // page, bring the user back here, replacing the page they had opened.
  const changeSearch = (value: string) => {
    setSearch(value);
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value.trim()) next.set('q', value.trim());
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  };

  const queue = useQuery({
    queryKey: casesKeys.queue(scope, q),
    queryFn: async () => (await api.get<QueueResponse>('/cases/queue', { scope, q })).items,
    // While a search is typed, the view's current list stays until the narrower one arrives (no
    // flicker). Not across a switch of view: the old view's rows would stand under the new view's
    // caption until its list arrives (a case just taken, still offering "take", under "my cases").
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[2] === scope ? previous : undefined),
  });

  // The queue item carries no version: load the case for it, then assign with that version.
  const take = useMutation({
    mutationFn: async (item: QueueItem) => {
      const current = await api.get<CaseSummary>(`/cases/${item.id}`);
      return api.post<CaseSummary>(`/cases/${item.id}/assign`, { version: current.version, userId: session.user.id });
    },
    onMutate: () => {
      setActionError(null);
      clear();
    },
    onSuccess: (c) => {
      queryClient.setQueryData(casesKeys.detail(c.id), c);
      show(t('queue.taken', { caseNumber: c.caseNumber }));
    },
    onError: (error) => {
      setActionError(
        error instanceof ApiError && error.isVersionConflict
          ? `${errorMessage(error, t)} ${t('queue.reloaded')}`
          : errorMessage(error, t),
      );
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: casesKeys.all }),
  });

  const scopes = SCOPES.map((s) => ({ value: s, label: t(`queue.scopes.${s}`) }));

  return (
    <>
      <PageHeader title={t('queue.title')} description={t('queue.intro')} />
      <Notice notice={notice} onClose={clear} />
      {actionError && (
        <Alert color="red" role="alert" title={t('errors.title')} mb="md" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setActionError(null)}>
          {actionError}
        </Alert>
      )}
      <Group align="flex-end" mb="md" gap="md" wrap="wrap">
        <Stack gap={4}>
          <Text component="span" size="sm" fw={500} id="queue-scope-label">
            {t('queue.scopeLabel')}
          </Text>
          <SegmentedControl
            aria-labelledby="queue-scope-label"
            data={scopes}
            value={scope}
            onChange={(value) =>
              setParams((prev) => {
                const next = new URLSearchParams(prev);
                next.set('scope', value);
                return next;
              })
            }
          />
        </Stack>
        <TextInput
          label={t('queue.search')}
          description={t('queue.searchHint')}
          type="search"
          value={search}
          onChange={(e) => changeSearch(e.currentTarget.value)}
          w={340}
        />
      </Group>

      {queue.isPending ? (
        <Loading />
      ) : queue.isError ? (
        <QueryError error={queue.error} onRetry={() => void queue.refetch()} />
      ) : queue.data.length === 0 ? (
        <Text role="status">{q ? t('queue.noMatches') : t('queue.empty')}</Text>
      ) : (
        <>
          <Text role="status" mb="xs">
            {t('queue.count', { count: queue.data.length })}
          </Text>
          <TableScroll label={t('queue.title')} minWidth={1100}>
            <Table striped highlightOnHover verticalSpacing="sm" data-testid="queue">
              <Table.Caption>{t('queue.caption', { scope: t(`queue.scopes.${scope}`) })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('queue.case')}</Table.Th>
                  <Table.Th scope="col">{t('queue.tenants')}</Table.Th>
                  <Table.Th scope="col">{t('address.label')}</Table.Th>
                  <Table.Th scope="col">{t('queue.nextDeadline')}</Table.Th>
                  <Table.Th scope="col">{t('queue.markers')}</Table.Th>
                  <Table.Th scope="col">{t('queue.assignee')}</Table.Th>
                  <Table.Th scope="col">{t('queue.location')}</Table.Th>
                  {canTake && (
                    <Table.Th scope="col">
                      <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {queue.data.map((item) => (
                  <Table.Tr key={item.id} data-testid={`queue-row-${item.caseNumber}`}>
                    <Table.Td>
                      <Anchor component={Link} to={`/cases/${item.id}`} fw={600}>
                        {item.caseNumber}
                      </Anchor>
                      <Text size="sm">{t(`case.status.${item.status}`)}</Text>
                      <Text size="sm">
                        {t('queue.received')} <Day value={item.receivedOn} />
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <ul className="plain-list">
                        {item.tenants.map((name, i) => (
                          <li key={`${name}-${i}`}>{name}</li>
                        ))}
                      </ul>
                      {item.courtFileNumber && (
                        <Text size="sm">{t('queue.fileNumber', { fileNumber: item.courtFileNumber })}</Text>
                      )}
                    </Table.Td>
                    <Table.Td>{item.address}</Table.Td>
                    <Table.Td>
                      {item.nextDeadline ? (
                        <Stack gap={2} align="flex-start">
                          <Text size="sm" fw={600}>
                            {deadlineKindLabel(item.nextDeadline.kind, t)}
                          </Text>
                          <Text size="sm">
                            <Day value={item.nextDeadline.date} />
                          </Text>
                          <Text size="sm">
                            <DaysLeft days={item.daysLeft} />
                          </Text>
                          {item.nextDeadline.estimate && <StatusBadge tone="info">{t('deadlines.estimate')}</StatusBadge>}
                        </Stack>
                      ) : (
                        <Text size="sm">{t('queue.noDeadline')}</Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Markers item={item} />
                    </Table.Td>
                    <Table.Td>{item.assignee ? item.assignee.name : t('queue.unassigned')}</Table.Td>
                    <Table.Td>{item.locationName ?? t('queue.noLocation')}</Table.Td>
                    {canTake && (
                      <Table.Td>
                        {!item.assignee && (
                          <Button
                            size="xs"
                            variant="default"
                            loading={take.isPending && take.variables?.id === item.id}
                            onClick={() => take.mutate(item)}
                            aria-label={t('queue.takeNamed', { caseNumber: item.caseNumber })}
                          >
                            {t('queue.take')}
                          </Button>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        </>
      )}
    </>
  );
}
