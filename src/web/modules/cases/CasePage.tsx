import { useState, type ReactNode } from 'react';
import {
  Alert,
  Anchor,
  Button,
  Group,
  Modal,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../contracts/admin';
import { ApiError, api, apiRequest } from '../../app/api';
import { FormError, QueryError, errorMessage, useFormErrors } from '../../app/errors';
import { useActiveSession, useSession } from '../../app/session';
import { Loading } from '../../ui/Loading';
import { Notice, useNotice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { StatusBadge } from '../../ui/StatusBadge';
import { TableScroll } from '../../ui/TableScroll';
import { useDayFormat } from '../deadlines/dates';
import { Day, DeadlineList } from '../deadlines/DeadlineParts';
import { formatAddress } from '../admin/shared';
import { CASE_TABS } from './tabs';
import { casesKeys, type CaseSummary } from './types';

const TERMINATION_TYPES = ['without_notice', 'ordinary', 'both'];
const ROUTING_NOTES = ['unknown_postal_code', 'no_location_covers_municipality', 'several_locations_cover_municipality'];

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper component="section" aria-labelledby={id} withBorder p="md">
      <Title order={2} size="h3" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/** A label–value line; empty values say so in words. */
function Fact({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation();
  const empty = children === null || children === undefined || children === '';
  return (
    <Text>
      <strong>{label}:</strong> {empty ? t('case.unknown') : children}
    </Text>
  );
}

const tenantName = (tn: CaseSummary['tenants'][number]) => `${tn.firstName} ${tn.lastName}`;

function ServiceDatesModal({
  summary,
  onClose,
  onSaved,
  onConflict,
}: {
  summary: CaseSummary;
  onClose: () => void;
  onSaved: (c: CaseSummary) => void;
  onConflict: () => Promise<CaseSummary>;
}) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState(summary);
  const [dates, setDates] = useState<Record<string, string>>(() =>
    Object.fromEntries(summary.tenants.map((tn) => [tn.personId, tn.servedOn ?? ''])),
  );
  const [conflict, setConflict] = useState<string | null>(null);
  const errors = useFormErrors();

  const save = useMutation({
    mutationFn: () =>
      apiRequest<CaseSummary>(`/cases/${current.id}/service-dates`, {
        method: 'PUT',
        body: {
          version: current.version,
          tenants: current.tenants.map((tn) => ({ personId: tn.personId, servedOn: dates[tn.personId] || null })),
        },
      }),
    onMutate: () => {
      errors.clear();
      setConflict(null);
    },
    onSuccess: onSaved,
    onError: async (error) => {
      if (error instanceof ApiError && error.isVersionConflict) {
        // Someone else changed the case: show what is stored now, and let the user decide again.
        try {
          const fresh = await onConflict();
          setCurrent(fresh);
          setDates(Object.fromEntries(fresh.tenants.map((tn) => [tn.personId, tn.servedOn ?? ''])));
          setConflict(`${errorMessage(error, t)} ${t('errors.conflictReloaded')}`);
        } catch (reloadError) {
          errors.setError(reloadError);
        }
        return;
      }
      errors.setError(error);
    },
  });

  return (
    <Modal opened onClose={onClose} title={t('case.serviceDates.title')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="md">
          {conflict && (
            <Alert color="red" role="alert" title={t('errors.conflictTitle')}>
              {conflict}
            </Alert>
          )}
          <FormError error={errors.error} knownPaths={current.tenants.map((_, i) => `tenants.${i}`)} />
          <Text>{t('case.serviceDates.intro')}</Text>
          {current.tenants.map((tn, i) => (
            <TextInput
              key={tn.personId}
              type="date"
              label={t('case.serviceDates.servedOnFor', { name: tenantName(tn) })}
              value={dates[tn.personId] ?? ''}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setDates((prev) => ({ ...prev, [tn.personId]: value }));
              }}
              error={errors.field(`tenants.${i}`)}
              data-autofocus={i === 0 ? true : undefined}
            />
          ))}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('case.serviceDates.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function Assignment({ summary, onChanged, onConflict }: { summary: CaseSummary; onChanged: (c: CaseSummary, message: string) => void; onConflict: (message: string) => void }) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const { can } = useSession();
  const canAssign = can('cases.assign');
  const canSelfService = can('cases.edit');
  const me = session.user.id;
  const mine = summary.assignee?.id === me;
  const [choice, setChoice] = useState(summary.assignee?.id ?? '');
  const [error, setError] = useState<unknown>(null);

  const users = useQuery({
    queryKey: ['users', 'list', { orgId: session.organisation.id, q: '' }],
    queryFn: async () => (await api.get<{ items: User[] }>('/users', { orgId: session.organisation.id })).items,
    enabled: canAssign && can('users.read'),
  });
  // Only active caseworkers and team leads can hold a case (the server refuses anyone else).
  const candidates = (users.data ?? []).filter(
    (u) => u.orgId === session.organisation.id && u.active && u.roles.some((r) => r === 'caseworker' || r === 'team_lead'),
  );

  const assign = useMutation({
    mutationFn: (userId: string | null) =>
      api.post<CaseSummary>(`/cases/${summary.id}/assign`, { version: summary.version, userId }),
    onMutate: () => setError(null),
    onSuccess: (c) => {
      setChoice(c.assignee?.id ?? '');
      onChanged(
        c,
        c.assignee
          ? c.assignee.id === me
            ? t('case.assignment.takenByMe')
            : t('case.assignment.assignedTo', { name: c.assignee.name })
          : t('case.assignment.released'),
      );
    },
    onError: (e) => {
      if (e instanceof ApiError && e.isVersionConflict) onConflict(`${errorMessage(e, t)} ${t('errors.conflictReloaded')}`);
      else setError(e);
    },
  });

  return (
    <Stack gap="sm">
      <Text>
        <strong>{t('case.assignment.current')}:</strong>{' '}
        {summary.assignee ? (
          <>
            {summary.assignee.name}
            {mine && ` (${t('users.you')})`}
          </>
        ) : (
          t('queue.unassigned')
        )}
      </Text>
      {error ? <FormError error={error} knownPaths={[]} /> : null}
      {canAssign ? (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            assign.mutate(choice || null);
          }}
        >
          <Group align="flex-end" gap="sm">
            <NativeSelect
              label={t('case.assignment.choose')}
              value={choice}
              onChange={(e) => setChoice(e.currentTarget.value)}
              data={[
                { value: '', label: t('case.assignment.nobody') },
                ...candidates.map((u) => ({ value: u.id, label: u.id === me ? `${u.displayName} (${t('users.you')})` : u.displayName })),
                // Keep the current assignee selectable even when the list cannot show them.
                ...(summary.assignee && !candidates.some((u) => u.id === summary.assignee!.id)
                  ? [{ value: summary.assignee.id, label: summary.assignee.name }]
                  : []),
              ]}
              w={320}
            />
            <Button type="submit" loading={assign.isPending}>
              {t('case.assignment.assign')}
            </Button>
          </Group>
        </form>
      ) : canSelfService ? (
        <Group>
          {mine ? (
            <Button variant="default" loading={assign.isPending} onClick={() => assign.mutate(null)}>
              {t('case.assignment.release')}
            </Button>
          ) : (
            <Button loading={assign.isPending} onClick={() => assign.mutate(me)}>
              {t('queue.take')}
            </Button>
          )}
        </Group>
      ) : null}
    </Stack>
  );
}

/** /cases/:id: everything known about one case, its deadlines, and who works on it. */
export function CasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { can } = useSession();
  const fmt = useDayFormat();
  const queryClient = useQueryClient();
  const { notice, show, clear } = useNotice();
  const [conflict, setConflict] = useState<string | null>(null);
  const [editingDates, setEditingDates] = useState(false);
  const [searchParams, setSearchParams] = useSearchParams();
  const tabs = CASE_TABS.filter((tab) => !tab.permission || can(tab.permission));
  const activeTab = tabs.some((tab) => tab.value === searchParams.get('tab')) ? searchParams.get('tab')! : 'file';
  const chooseTab = (value: string | null) =>
    setSearchParams((params) => {
      if (!value || value === 'file') params.delete('tab');
      else params.set('tab', value);
      return params;
    }, { replace: true });

  const query = useQuery({
    queryKey: casesKeys.detail(id),
    queryFn: () => api.get<CaseSummary>(`/cases/${id}`),
  });

  const stored = (c: CaseSummary) => {
    queryClient.setQueryData(casesKeys.detail(c.id), c);
    void queryClient.invalidateQueries({ queryKey: [...casesKeys.all, 'queue'] });
  };
  const reload = async () => {
    const fresh = await api.get<CaseSummary>(`/cases/${id}`);
    stored(fresh);
    return fresh;
  };

  if (query.isPending) return <Loading />;
  if (query.isError) {
    return (
      <>
        <PageHeader title={t('case.titleUnknown')} />
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
        <Anchor component={Link} to="/cases" mt="md" display="inline-block">
          {t('case.backToQueue')}
        </Anchor>
      </>
    );
  }
  const c = query.data;
  const legal = c.legal;

  return (
    <>
      <PageHeader
        title={t('case.title', { caseNumber: c.caseNumber })}
        description={
          <>
            {t(`case.status.${c.status}`)} · {c.tenants.map(tenantName).join(', ')}
          </>
        }
        actions={
          <Anchor component={Link} to="/cases">
            {t('case.backToQueue')}
          </Anchor>
        }
      />
      <Notice notice={notice} onClose={clear} />
      {conflict && (
        <Alert color="red" role="alert" title={t('errors.conflictTitle')} mb="md" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setConflict(null)}>
          {conflict}
        </Alert>
      )}
      <Tabs value={activeTab} onChange={chooseTab} keepMounted={false}>
        <Tabs.List mb="md" aria-label={t('case.tabs.label')}>
          <Tabs.Tab value="file">{t('case.tabs.file')}</Tabs.Tab>
          {tabs.map((tab) => (
            <Tabs.Tab key={tab.value} value={tab.value}>
              {t(tab.labelKey)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map(({ value, Panel }) => (
          <Tabs.Panel key={value} value={value}>
            <Panel summary={c} onCaseChanged={reload} />
          </Tabs.Panel>
        ))}
        <Tabs.Panel value="file">
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Section id="case-overview" title={t('case.overview')}>
            <Stack gap={4}>
              <Fact label={t('common.status')}>{t(`case.status.${c.status}`)}</Fact>
              <Fact label={t('case.receivedOn')}>
                <Day value={c.receivedOn} />
              </Fact>
              <Fact label={t('case.firstContactDue')}>
                <Day value={c.firstContactDue} />
              </Fact>
              <Fact label={t('queue.location')}>{c.location?.name}</Fact>
              {c.routingNote && (
                <Fact label={t('case.routingNote')}>
                  {ROUTING_NOTES.includes(c.routingNote) ? t(`case.routingNotes.${c.routingNote}`) : c.routingNote}
                </Fact>
              )}
            </Stack>
          </Section>
          <Section id="case-household" title={t('case.household')}>
            <Stack gap={4}>
              <Fact label={t('address.label')}>{formatAddress(c.household.address)}</Fact>
              <Fact label={t('intake.householdSize')}>{c.household.size ?? ''}</Fact>
              <Fact label={t('intake.children')}>{c.household.children ?? ''}</Fact>
            </Stack>
          </Section>
        </SimpleGrid>

        <Section id="case-tenants" title={t('case.tenants')}>
          <TableScroll label={t('case.tenants')} minWidth={560}>
            <Table verticalSpacing="xs" data-testid="case-tenants">
              <Table.Caption>{t('case.tenantsCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('case.name')}</Table.Th>
                  <Table.Th scope="col">{t('intake.tenant.birthDate')}</Table.Th>
                  <Table.Th scope="col">{t('case.servedOn')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {c.tenants.map((tn) => (
                  <Table.Tr key={tn.personId}>
                    <Table.Th scope="row">{tenantName(tn)}</Table.Th>
                    <Table.Td>{tn.birthDate ? <Day value={tn.birthDate} /> : t('case.unknown')}</Table.Td>
                    <Table.Td>{tn.servedOn ? <Day value={tn.servedOn} /> : t('case.notServedYet')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
          {can('cases.edit') && (
            <Group mt="sm">
              <Button variant="default" onClick={() => setEditingDates(true)}>
                {t('case.serviceDates.edit')}
              </Button>
            </Group>
          )}
        </Section>

        <Section id="case-deadlines" title={t('case.deadlines')}>
          <DeadlineList deadlines={c.deadlines} headingOrder={3} />
        </Section>

        <Section id="case-legal" title={t('case.legal')}>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs">
            <Fact label={t('intake.landlordName')}>
              {legal.landlord ? [legal.landlord.name, legal.landlord.address, legal.landlord.contact].filter(Boolean).join(', ') : ''}
            </Fact>
            <Fact label={t('intake.monthlyRent')}>{legal.monthlyRent !== null ? fmt.money(Number(legal.monthlyRent)) : ''}</Fact>
            <Fact label={t('intake.arrears')}>{legal.arrears !== null ? fmt.money(Number(legal.arrears)) : ''}</Fact>
            <Fact label={t('intake.terminationType')}>
              {legal.terminationType
                ? TERMINATION_TYPES.includes(legal.terminationType)
                  ? t(`intake.terminationTypes.${legal.terminationType}`)
                  : legal.terminationType
                : ''}
            </Fact>
            <Fact label={t('intake.terminationReceivedOn')}>{legal.terminationReceivedOn ? <Day value={legal.terminationReceivedOn} /> : ''}</Fact>
            <Fact label={t('intake.courtName')}>{legal.courtName ?? ''}</Fact>
            <Fact label={t('intake.courtFileNumber')}>{legal.courtFileNumber ?? ''}</Fact>
            <Fact label={t('intake.courtHearingOn')}>{legal.hearingOn ? <Day value={legal.hearingOn} /> : ''}</Fact>
            <Fact label={t('intake.evictionOn')}>{legal.evictionOn ? <Day value={legal.evictionOn} /> : ''}</Fact>
          </SimpleGrid>
        </Section>

        <Section id="case-notices" title={t('case.notices')}>
          <TableScroll label={t('case.notices')} minWidth={640}>
            <Table verticalSpacing="xs" striped>
              <Table.Caption>{t('case.noticesCaption', { count: c.notices.length })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('intake.kind')}</Table.Th>
                  <Table.Th scope="col">{t('portal.channel')}</Table.Th>
                  <Table.Th scope="col">{t('intake.receivedOn')}</Table.Th>
                  <Table.Th scope="col">{t('case.sender')}</Table.Th>
                  <Table.Th scope="col">{t('case.householdMatch')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {c.notices.map((n) => (
                  <Table.Tr key={n.id}>
                    <Table.Td>{t(`intake.kinds.${n.kind}`)}</Table.Td>
                    <Table.Td>{t(`intake.channels.${n.channel}`, { defaultValue: n.channel })}</Table.Td>
                    <Table.Td>
                      <Day value={n.receivedOn} />
                    </Table.Td>
                    <Table.Td>{n.sourceOrgName}</Table.Td>
                    <Table.Td>
                      <StatusBadge tone={n.householdMatch === 'review' ? 'danger' : 'neutral'}>
                        {t(`intake.result.match.${n.householdMatch}`)}
                      </StatusBadge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        </Section>

        <Section id="case-assignment" title={t('case.assignment.title')}>
          <Assignment
            key={`${c.id}:${c.version}`}
            summary={c}
            onChanged={(fresh, message) => {
              setConflict(null);
              stored(fresh);
              show(message);
            }}
            onConflict={(message) => {
              clear();
              setConflict(message);
              void reload();
            }}
          />
        </Section>
      </Stack>
        </Tabs.Panel>
      </Tabs>

      {editingDates && (
        <ServiceDatesModal
          summary={c}
          onClose={() => setEditingDates(false)}
          onConflict={reload}
          onSaved={(fresh) => {
            setEditingDates(false);
            setConflict(null);
            stored(fresh);
            show(t('case.serviceDates.saved'));
          }}
        />
      )}
    </>
  );
}
