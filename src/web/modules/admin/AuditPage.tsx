import { useState } from 'react';
import { Alert, Button, Code, Group, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../contracts/admin';
import type { AuditEntry } from '../../../contracts/audit';
import { api } from '../../app/api';
import { FormError, QueryError } from '../../app/errors';
import { queryKeys } from '../../app/queries';
import { useSession } from '../../app/session';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { TableScroll } from '../../ui/TableScroll';
import { useFormatters } from '../../ui/format';

const PAGE_SIZE = 50;

interface Filters {
  userId: string;
  entityType: string;
  entityId: string;
  action: string;
  from: string;
  to: string;
}

const EMPTY_FILTERS: Filters = { userId: '', entityType: '', entityId: '', action: '', from: '', to: '' };

interface AuditPageData {
  items: AuditEntry[];
  nextBeforeId: number | null;
}

interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBrokenId: number | null;
}

function trimmed(f: Filters): Filters {
  return Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v.trim()])) as unknown as Filters;
}

function VerifyChain() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const verify = useMutation({ mutationFn: () => api.post<VerifyResult>('/audit/verify') });
  const result = verify.data;
  return (
    <Stack gap="sm">
      <Group>
        <Button variant="outline" color="blue.9" onClick={() => verify.mutate()} loading={verify.isPending}>
          {t('audit.verify')}
        </Button>
      </Group>
      <div role="status">
        {result &&
          (result.ok ? (
            <Alert color="teal" title={t('audit.verifyOkTitle')} role="note">
              {t('audit.verifyOk', { count: result.checked, checked: fmt.number(result.checked) })}
            </Alert>
          ) : (
            <Alert color="red" title={t('audit.verifyBrokenTitle')} role="note">
              {t('audit.verifyBroken', { id: result.firstBrokenId ?? '?', checked: fmt.number(result.checked) })}
            </Alert>
          ))}
      </div>
      <FormError error={verify.error} />
    </Stack>
  );
}

export function AuditPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const fmt = useFormatters();
  const canPickUser = can('users.read');
  const [draft, setDraft] = useState<Filters>(EMPTY_FILTERS);
  const [applied, setApplied] = useState<Filters>(EMPTY_FILTERS);

  const users = useQuery({
    queryKey: [...queryKeys.users, 'list', { orgId: '', q: '' }],
    queryFn: async () => (await api.get<{ items: User[] }>('/users')).items,
    enabled: canPickUser,
  });

  const log = useInfiniteQuery({
    queryKey: [...queryKeys.audit, applied],
    queryFn: ({ pageParam }) => api.get<AuditPageData>('/audit', { ...applied, beforeId: pageParam, limit: PAGE_SIZE }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBeforeId ?? undefined,
  });

  const entries = log.data?.pages.flatMap((p) => p.items) ?? [];
  const set = (key: keyof Filters) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setDraft((d) => ({ ...d, [key]: value }));
  };

  return (
    <>
      <PageHeader title={t('audit.title')} description={t('audit.intro')} />
      <Stack gap="lg">
        {can('audit.verify') && <VerifyChain />}

        <form
          role="search"
          aria-label={t('audit.filters')}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            setApplied(trimmed(draft));
          }}
        >
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
            {canPickUser ? (
              <NativeSelect
                label={t('audit.user')}
                value={draft.userId}
                onChange={set('userId')}
                data={[
                  { value: '', label: t('audit.allUsers') },
                  ...(users.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.email})` })),
                ]}
              />
            ) : (
              <TextInput label={t('audit.userId')} value={draft.userId} onChange={set('userId')} />
            )}
            <TextInput
              label={t('audit.entityType')}
              description={t('audit.entityTypeHint')}
              value={draft.entityType}
              onChange={set('entityType')}
            />
            <TextInput label={t('audit.entityId')} value={draft.entityId} onChange={set('entityId')} />
            <TextInput
              label={t('audit.action')}
              description={t('audit.actionHint')}
              value={draft.action}
              onChange={set('action')}
            />
            <TextInput type="date" label={t('audit.from')} value={draft.from} onChange={set('from')} />
            <TextInput type="date" label={t('audit.to')} value={draft.to} onChange={set('to')} />
          </SimpleGrid>
          <Group mt="md">
            <Button type="submit">{t('audit.search')}</Button>
            <Button
              variant="default"
              onClick={() => {
                setDraft(EMPTY_FILTERS);
                setApplied(EMPTY_FILTERS);
              }}
            >
              {t('audit.reset')}
            </Button>
          </Group>
        </form>

        {log.isPending ? (
          <Loading />
        ) : log.isError && entries.length === 0 ? (
          <QueryError error={log.error} onRetry={() => void log.refetch()} />
        ) : (
          <Stack gap="sm">
            <Text role="status">
              {entries.length === 0 ? t('audit.empty') : t('audit.shown', { count: entries.length })}
            </Text>
            {entries.length > 0 && (
              <TableScroll label={t('audit.title')} minWidth={860}>
                <Table striped verticalSpacing="xs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('audit.at')}</Table.Th>
                      <Table.Th scope="col">{t('audit.actor')}</Table.Th>
                      <Table.Th scope="col">{t('audit.action')}</Table.Th>
                      <Table.Th scope="col">{t('audit.entity')}</Table.Th>
                      <Table.Th scope="col">{t('audit.requestId')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {entries.map((e) => (
                      <Table.Tr key={e.id}>
                        <Table.Td>{fmt.dateTime(e.at)}</Table.Td>
                        <Table.Td>{e.actorLabel ?? t('audit.system')}</Table.Td>
                        <Table.Td>
                          <Code>{e.action}</Code>
                        </Table.Td>
                        <Table.Td>
                          {e.entityType && <Code>{e.entityType}</Code>} {e.entityId && <Text span size="sm">{e.entityId}</Text>}
                        </Table.Td>
                        <Table.Td>
                          <Text span size="sm">
                            {e.requestId ?? ''}
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </TableScroll>
            )}
            {log.isFetchNextPageError && <QueryError error={log.error} />}
            {log.hasNextPage && (
              <Group>
                <Button variant="default" onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
                  {t('audit.loadMore')}
                </Button>
              </Group>
            )}
          </Stack>
        )}
      </Stack>
    </>
  );
}
