import { useState } from 'react';
import { Alert, Anchor, Button, Group, Modal, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../contracts/admin';
import { ETHOS_CATEGORIES } from '../../../contracts/casefile';
import { ApiError, api, apiRequest } from '../../app/api';
import { FormError, errorMessage, useFormErrors } from '../../app/errors';
import { useActiveSession, useSession } from '../../app/session';
import { StatusBadge } from '../../ui/StatusBadge';
import { TableScroll } from '../../ui/TableScroll';
import { formatAddress } from '../admin/shared';
import { useDayFormat } from '../deadlines/dates';
import { Day, DeadlineList } from '../deadlines/DeadlineParts';
import type { CaseSummary } from '../cases/types';
import { ArrearsDialog, ContactDialog, HandoverDialog, LegalDialog, MembersDialog, SituationDialog, TenancyDialog, languageName } from './dialogs';
import { Fact, Section, type FileEditing } from './parts';
import { SensitiveSection } from './SensitiveSection';
import { useFormatters } from '../../ui/format';

const TERMINATION_TYPES = ['without_notice', 'ordinary', 'both'];
const ROUTING_NOTES = ['unknown_postal_code', 'no_location_covers_municipality', 'several_locations_cover_municipality'];

const tenantName = (tn: CaseSummary['tenants'][number]) => `${tn.firstName} ${tn.lastName}`;

export function ServiceDatesModal({
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

export function Assignment({ summary, onChanged, onConflict }: { summary: CaseSummary; onChanged: (c: CaseSummary, message: string) => void; onConflict: (message: string) => void }) {
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


type Dialog = 'members' | 'situation' | 'tenancy' | 'arrears' | 'legal' | 'contact' | 'handover' | 'serviceDates';

/** An edit button that names the section for screen readers ("Bearbeiten: Lebenslage"). */
function EditButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Button variant="default" size="sm" onClick={onClick}>
      {label}
    </Button>
  );
}

/**
 * The "file" tab of the case page: the household case file in sections, each edited in a dialog.
 * Every save sends the case's version; a conflict reloads the case and says so.
 */
export function CaseFileTab({
  summary: c,
  onSaved,
  reload,
  onConflict,
}: FileEditing & { onConflict: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const { dateTime } = useFormatters();
  const { can } = useSession();
  const fmt = useDayFormat();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);
  const editing: FileEditing = { summary: c, onSaved, reload };
  const mayEdit = can('cases.edit');
  const f = c.file;
  const legal = c.legal;
  const money = (n: number | null) => (n !== null ? fmt.money(Number(n)) : '');
  const ethos = f.livingSituation ? ETHOS_CATEGORIES.find((x) => x.code === f.livingSituation!.category) : null;
  // Team leads hand over any case; caseworkers their own and a colleague's they stand in for
  // (the server knows the absences and refuses anything else).
  const mayHandOver = mayEdit && (can('cases.assign') || c.assignee !== null);

  return (
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
            <Fact label={t('address.label')}>{formatAddress(c.household.address)}</Fact>
          </Stack>
        </Section>
        <Section
          id="case-assignment"
          title={t('case.assignment.title')}
          actions={mayHandOver ? <EditButton label={t('casefile.handover.open')} onClick={() => setDialog('handover')} /> : undefined}
        >
          <Assignment
            key={`${c.id}:${c.version}`}
            summary={c}
            onChanged={(fresh, message) => onSaved(fresh, message)}
            onConflict={onConflict}
          />
          {f.handovers.length > 0 && (
            <TableScroll label={t('casefile.handover.caption')} minWidth={560}>
              <Table verticalSpacing="xs" mt="sm">
                <Table.Caption>{t('casefile.handover.caption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('casefile.handover.at')}</Table.Th>
                    <Table.Th scope="col">{t('casefile.handover.from')}</Table.Th>
                    <Table.Th scope="col">{t('casefile.handover.toCol')}</Table.Th>
                    <Table.Th scope="col">{t('casefile.handover.note')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {f.handovers.map((h) => (
                    <Table.Tr key={h.id}>
                      <Table.Th scope="row">{dateTime(h.at)}</Table.Th>
                      <Table.Td>{h.from?.name ?? t('casefile.handover.nobody')}</Table.Td>
                      <Table.Td>{h.to.name}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{h.note}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )}
        </Section>
      </SimpleGrid>

      <Section
        id="case-members"
        title={t('casefile.sections.members')}
        actions={mayEdit ? <EditButton label={t('casefile.members.edit')} onClick={() => setDialog('members')} /> : undefined}
      >
        <Text mb="xs">{t('casefile.members.facts', { size: f.facts.size, children: f.facts.children })}</Text>
        {f.members.length === 0 ? (
          <Text>{t('casefile.members.none')}</Text>
        ) : (
          <TableScroll label={t('casefile.members.caption')} minWidth={560}>
            <Table verticalSpacing="xs" data-testid="case-members">
              <Table.Caption>{t('casefile.members.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('case.name')}</Table.Th>
                  <Table.Th scope="col">{t('casefile.members.relation')}</Table.Th>
                  <Table.Th scope="col">{t('casefile.members.birthDate')}</Table.Th>
                  <Table.Th scope="col">{t('casefile.members.age')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {f.members.map((m) => (
                  <Table.Tr key={m.personId}>
                    <Table.Th scope="row">
                      {m.firstName} {m.lastName}
                      {m.isCaseTenant && <Text span size="sm"> ({t('casefile.members.defendant')})</Text>}
                    </Table.Th>
                    <Table.Td>{t(`casefile.relations.${m.relation}`)}</Table.Td>
                    <Table.Td>{m.birthDate ? <Day value={m.birthDate} /> : t('case.unknown')}</Table.Td>
                    <Table.Td>{m.age !== null ? t('casefile.members.ageYears', { age: m.age }) : t('case.unknown')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
      </Section>

      <Section
        id="case-situation"
        title={t('casefile.sections.situation')}
        actions={mayEdit ? <EditButton label={t('casefile.situation.edit')} onClick={() => setDialog('situation')} /> : undefined}
      >
        <Stack gap={4}>
          <Fact label={t('casefile.situation.targetGroups')}>
            {f.targetGroups.length ? f.targetGroups.map((g) => t(`casefile.targetGroups.${g}`)).join(', ') : ''}
          </Fact>
          {f.derivedTargetGroups.length > 0 && (
            <Group gap="xs" aria-label={t('casefile.situation.derived')}>
              <Text span>{t('casefile.situation.derived')}:</Text>
              {f.derivedTargetGroups.map((g) => (
                <StatusBadge key={g} tone="info">
                  {t(`casefile.targetGroups.${g}`)}
                </StatusBadge>
              ))}
            </Group>
          )}
          <Fact label={t('casefile.situation.livingSituation')}>
            {f.livingSituation && ethos
              ? `${t(`casefile.ethosCategories.${ethos.code}`)} – ${t(`casefile.ethosSituations.${f.livingSituation.situation}`)}${
                  f.livingSituation.since ? ` (${t('casefile.situation.since')} ${fmt.short(f.livingSituation.since)})` : ''
                }`
              : ''}
          </Fact>
          <Fact label={t('casefile.situation.incomeSources')}>
            {f.incomeSources.length ? f.incomeSources.map((s) => t(`casefile.incomeSources.${s}`)).join(', ') : ''}
          </Fact>
          {f.incomeNote && <Fact label={t('casefile.situation.incomeNote')}>{f.incomeNote}</Fact>}
        </Stack>
      </Section>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Section
          id="case-tenancy"
          title={t('casefile.sections.tenancy')}
          actions={mayEdit ? <EditButton label={t('casefile.tenancy.edit')} onClick={() => setDialog('tenancy')} /> : undefined}
        >
          <Stack gap={4}>
            <Fact label={t('casefile.tenancy.landlordName')}>
              {f.tenancy.landlord ? [f.tenancy.landlord.name, f.tenancy.landlord.address, f.tenancy.landlord.contact].filter(Boolean).join(', ') : ''}
            </Fact>
            <Fact label={t('casefile.tenancy.baseRent')}>{money(f.tenancy.baseRent)}</Fact>
            <Fact label={t('casefile.tenancy.serviceCharges')}>{money(f.tenancy.serviceCharges)}</Fact>
            <Fact label={t('casefile.tenancy.heatingCosts')}>{money(f.tenancy.heatingCosts)}</Fact>
            <Fact label={t('casefile.tenancy.totalRent')}>{money(f.tenancy.totalRent)}</Fact>
            <Fact label={t('casefile.tenancy.tenancyStart')}>{f.tenancy.tenancyStart ? <Day value={f.tenancy.tenancyStart} /> : ''}</Fact>
            <Fact label={t('casefile.tenancy.floorArea')}>{f.tenancy.floorArea ?? ''}</Fact>
          </Stack>
        </Section>
        <Section
          id="case-arrears"
          title={t('casefile.sections.arrears')}
          actions={mayEdit ? <EditButton label={t('casefile.arrears.edit')} onClick={() => setDialog('arrears')} /> : undefined}
        >
          <Fact label={t('casefile.arrears.current')}>
            {f.arrears.current !== null
              ? `${money(f.arrears.current)}${f.arrears.months !== null ? ` (${t('casefile.arrears.months', { months: f.arrears.months.toLocaleString(i18n.language) })})` : ''}`
              : ''}
          </Fact>
          {f.arrears.entries.length === 0 ? (
            <Text mt="xs">{t('casefile.arrears.none')}</Text>
          ) : (
            <TableScroll label={t('casefile.arrears.caption')} minWidth={420}>
              <Table verticalSpacing="xs" mt="xs">
                <Table.Caption>{t('casefile.arrears.caption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('casefile.arrears.recordedOn')}</Table.Th>
                    <Table.Th scope="col">{t('casefile.arrears.amount')}</Table.Th>
                    <Table.Th scope="col">{t('casefile.arrears.monthsLabel')}</Table.Th>
                    <Table.Th scope="col">{t('casefile.arrears.note')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {f.arrears.entries.map((e) => (
                    <Table.Tr key={e.id}>
                      <Table.Th scope="row">{fmt.short(e.recordedOn)}</Table.Th>
                      <Table.Td>{money(e.amount)}</Table.Td>
                      <Table.Td>{e.months ?? ''}</Table.Td>
                      <Table.Td>{e.note ?? ''}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )}
        </Section>
      </SimpleGrid>

      <Section
        id="case-tenants"
        title={t('case.tenants')}
        actions={mayEdit ? <EditButton label={t('case.serviceDates.edit')} onClick={() => setDialog('serviceDates')} /> : undefined}
      >
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
      </Section>

      <Section
        id="case-legal"
        title={t('casefile.sections.legal')}
        actions={mayEdit ? <EditButton label={t('casefile.legal.edit')} onClick={() => setDialog('legal')} /> : undefined}
      >
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs" mb="md">
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
          <Fact label={t('casefile.legal.suitFiledOn')}>{legal.suitFiledOn ? <Day value={legal.suitFiledOn} /> : ''}</Fact>
          <Fact label={t('intake.courtHearingOn')}>{legal.hearingOn ? <Day value={legal.hearingOn} /> : ''}</Fact>
          <Fact label={t('casefile.legal.judgmentOn')}>{legal.judgmentOn ? <Day value={legal.judgmentOn} /> : ''}</Fact>
          <Fact label={t('casefile.legal.judgmentFinalOn')}>{legal.judgmentFinalOn ? <Day value={legal.judgmentFinalOn} /> : ''}</Fact>
          <Fact label={t('casefile.legal.raeumungsfristEnd')}>{legal.raeumungsfristEnd ? <Day value={legal.raeumungsfristEnd} /> : ''}</Fact>
          <Fact label={t('intake.evictionOn')}>{legal.evictionOn ? <Day value={legal.evictionOn} /> : ''}</Fact>
        </SimpleGrid>
      </Section>

      <Section id="case-deadlines" title={t('case.deadlines')}>
          <DeadlineList deadlines={c.deadlines} headingOrder={3} />
      </Section>

      <Section
        id="case-contact"
        title={t('casefile.sections.contact')}
        actions={mayEdit ? <EditButton label={t('casefile.contact.edit')} onClick={() => setDialog('contact')} /> : undefined}
      >
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs">
          <Fact label={t('casefile.contact.phone')}>{f.contact.phone ? <Anchor href={`tel:${f.contact.phone.replace(/[^+0-9]/g, '')}`}>{f.contact.phone}</Anchor> : ''}</Fact>
          <Fact label={t('casefile.contact.email')}>{f.contact.email ? <Anchor href={`mailto:${f.contact.email}`}>{f.contact.email}</Anchor> : ''}</Fact>
          <Fact label={t('casefile.contact.postalAddress')}>{f.contact.postalAddress ?? ''}</Fact>
          <Fact label={t('casefile.contact.bestTimes')}>{f.contact.bestTimes ?? ''}</Fact>
          <Fact label={t('casefile.contact.preferredLanguage')}>{f.contact.preferredLanguage ? languageName(f.contact.preferredLanguage, i18n.language) : ''}</Fact>
          <Fact label={t('casefile.contact.interpreterNeeded')}>{f.contact.interpreterNeeded ? t('casefile.contact.yes') : t('casefile.contact.no')}</Fact>
        </SimpleGrid>
      </Section>

      {can('cases.sensitive') && <SensitiveSection caseId={c.id} />}

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
                    <StatusBadge tone={n.householdMatch === 'review' ? 'danger' : 'neutral'}>{t(`intake.result.match.${n.householdMatch}`)}</StatusBadge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      </Section>

      {dialog === 'members' && <MembersDialog editing={editing} onClose={close} />}
      {dialog === 'situation' && <SituationDialog editing={editing} onClose={close} />}
      {dialog === 'tenancy' && <TenancyDialog editing={editing} onClose={close} />}
      {dialog === 'arrears' && <ArrearsDialog editing={editing} onClose={close} />}
      {dialog === 'legal' && <LegalDialog editing={editing} onClose={close} />}
      {dialog === 'contact' && <ContactDialog editing={editing} onClose={close} />}
      {dialog === 'handover' && <HandoverDialog editing={editing} onClose={close} />}
      {dialog === 'serviceDates' && (
        <ServiceDatesModal
          summary={c}
          onClose={close}
          onConflict={reload}
          onSaved={(fresh) => {
            close();
            onSaved(fresh, t('case.serviceDates.saved'));
          }}
        />
      )}
    </Stack>
  );
}
