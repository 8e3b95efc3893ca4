import { useState } from 'react';
import { Anchor, Box, Button, Group, Modal, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { FollowUpPatch } from '../../../contracts/housing';
import { api } from '../../app/api';
import { FormError, QueryError, useFormErrors } from '../../app/errors';
import { useSession } from '../../app/session';
import { DefinitionItem } from '../../ui/DefinitionItem';
import { Loading } from '../../ui/Loading';
import { Notice, useNotice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { StatusBadge } from '../../ui/StatusBadge';
import { TableScroll } from '../../ui/TableScroll';
import { isDay } from '../accesslog/AccessLogView';
import { Day } from '../deadlines/DeadlineParts';
import { todayIso } from '../deadlines/dates';
import { brokerageKeys, monthStart, percent, type FollowUp, type FollowUpList, type HousingOutcomes } from './brokerage';

/** The period in the page address (?from=&to=); by default the last twelve months up to today. */
function usePeriod() {
  const [params, setParams] = useSearchParams();
  const today = todayIso();
  const from = isDay(params.get('from')) ? params.get('from')! : monthStart(today, 11);
  const to = isDay(params.get('to')) ? params.get('to')! : today;
  const set = (key: 'from' | 'to', value: string) =>
    setParams((p) => {
      if (isDay(value)) p.set(key, value);
      else p.delete(key);
      return p;
    }, { replace: true });
  return { from, to, set, reversed: from > to };
}

/** "2026-03" → "März 2026" in the UI language. */
function useMonthLabel() {
  const { i18n } = useTranslation();
  const f = new Intl.DateTimeFormat(i18n.language.startsWith('en') ? 'en-GB' : 'de-DE', { month: 'short', year: 'numeric', timeZone: 'UTC' });
  return (month: string) => {
    const d = new Date(`${month}-01T00:00:00Z`);
    return Number.isNaN(d.getTime()) ? month : f.format(d);
  };
}

/**
 * Leases per month as bars with the figure written on each, and the same figures as a table
 * right behind it: the chart is for the eye (hidden from screen readers), the table for everyone.
 */
function PlacementsChart({ rows }: { rows: HousingOutcomes['placementsPerMonth'] }) {
  const { t } = useTranslation();
  const label = useMonthLabel();
  const max = Math.max(1, ...rows.map((r) => r.placements));
  const total = rows.reduce((n, r) => n + r.placements, 0);
  if (rows.length === 0) return <Text>{t('housing.outcomes.noMonths')}</Text>;
  return (
    <Stack gap="md">
      <Box aria-hidden="true" style={{ display: 'flex', alignItems: 'flex-end', gap: 6, height: 180, overflowX: 'auto' }} data-testid="placements-chart">
        {rows.map((r) => (
          <Box key={r.month} style={{ display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'flex-end', minWidth: 44, height: '100%' }}>
            <Text size="xs" fw={700}>
              {r.placements}
            </Text>
            <Box bg="blue.9" w={28} style={{ height: `${(r.placements / max) * 130}px`, minHeight: r.placements > 0 ? 2 : 0, borderRadius: 2 }} />
            <Text size="xs" mt={4} style={{ whiteSpace: 'nowrap' }}>
              {label(r.month)}
            </Text>
          </Box>
        ))}
      </Box>
      <TableScroll label={t('housing.outcomes.perMonthLabel')} minWidth={320}>
        <Table maw={420}>
          <Table.Caption>{t('housing.outcomes.perMonthCaption', { count: total })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('housing.outcomes.month')}</Table.Th>
              <Table.Th scope="col" ta="right">{t('housing.outcomes.leases')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.month}>
                <Table.Th scope="row" fw={400}>
                  {label(r.month)}
                </Table.Th>
                <Table.Td ta="right">{r.placements}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </Stack>
  );
}

function DaysToLease({ d }: { d: HousingOutcomes['daysToLease'] }) {
  const { t } = useTranslation();
  if (d.count === 0 || d.median === null) return <Text>{t('housing.outcomes.noLeases')}</Text>;
  const days = (n: number | null) => (n === null ? '–' : t('housing.outcomes.days', { count: Math.round(n) }));
  return (
    <SimpleGrid component="dl" cols={{ base: 1, sm: 4 }} spacing="sm" m={0}>
      <DefinitionItem label={t('housing.outcomes.leaseCount')}>{d.count}</DefinitionItem>
      <DefinitionItem label={t('housing.outcomes.median')}>{days(d.median)}</DefinitionItem>
      <DefinitionItem label={t('housing.outcomes.q1')}>{days(d.q1)}</DefinitionItem>
      <DefinitionItem label={t('housing.outcomes.q3')}>{days(d.q3)}</DefinitionItem>
    </SimpleGrid>
  );
}

function Sustainment({ rows }: { rows: HousingOutcomes['sustainment'] }) {
  const { t } = useTranslation();
  return (
    <TableScroll label={t('housing.outcomes.sustainmentLabel')} minWidth={560}>
      <Table>
        <Table.Caption>{t('housing.outcomes.sustainmentCaption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('housing.outcomes.after')}</Table.Th>
            <Table.Th scope="col" ta="right">{t('housing.outcomes.due')}</Table.Th>
            <Table.Th scope="col" ta="right">{t('housing.outcomes.checked')}</Table.Th>
            <Table.Th scope="col" ta="right">{t('housing.outcomes.inPlace')}</Table.Th>
            <Table.Th scope="col" ta="right">{t('housing.outcomes.rate')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => {
            const rate = percent(r.inPlace, r.checked);
            return (
              <Table.Tr key={r.months}>
                <Table.Th scope="row" fw={400}>
                  {t('housing.outcomes.months', { count: r.months })}
                </Table.Th>
                <Table.Td ta="right">{r.due}</Table.Td>
                <Table.Td ta="right">{r.checked}</Table.Td>
                <Table.Td ta="right">{r.inPlace}</Table.Td>
                <Table.Td ta="right">{rate === null ? '–' : t('housing.outcomes.percent', { value: rate })}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

/** Record whether the household still lives in the flat, on which day it was checked, and a note. */
function CheckDialog({ item, inPlace, onClose, onSaved }: { item: FollowUp; inPlace: boolean; onClose: () => void; onSaved: (f: FollowUp) => void }) {
  const { t } = useTranslation();
  const [answer, setAnswer] = useState(inPlace ? 'yes' : 'no');
  const [checkedOn, setCheckedOn] = useState(todayIso());
  const [note, setNote] = useState('');
  const errors = useFormErrors();
  const save = useMutation({
    mutationFn: () => {
      const body: z.input<typeof FollowUpPatch> = { inPlace: answer === 'yes', checkedOn, note: note.trim() || null };
      return api.patch<FollowUp>(`/housing/follow-ups/${item.proposalId}/${item.months}`, body);
    },
    onMutate: () => errors.clear(),
    onSuccess: onSaved,
    onError: errors.setError,
  });
  return (
    <Modal opened onClose={onClose} title={t('housing.outcomes.checkTitle', { name: item.householdName, months: item.months })} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <FormError error={errors.error} knownPaths={['inPlace', 'checkedOn', 'note']} />
          <Text size="sm">{item.address}</Text>
          <div role="group" aria-labelledby="follow-up-answer-label">
            <Text id="follow-up-answer-label" size="sm" fw={500} mb={4}>
              {t('housing.outcomes.stillInPlace')}
            </Text>
            <SegmentedControl value={answer} onChange={setAnswer} data={[{ value: 'yes', label: t('housing.offers.yes') }, { value: 'no', label: t('housing.offers.no') }]} />
          </div>
          <TextInput type="date" label={t('housing.outcomes.checkedOn')} value={checkedOn} onChange={(e) => setCheckedOn(e.currentTarget.value)} error={errors.field('checkedOn')} required />
          <Textarea label={t('housing.outcomes.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.field('note')} autosize minRows={2} maxLength={1000} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The 6- and 12-month checks: due ones first with "still in place: yes/no", then the recently checked. */
function FollowUps({ canManage, onSaved }: { canManage: boolean; onSaved: (f: FollowUp) => void }) {
  const { t } = useTranslation();
  const [checking, setChecking] = useState<{ item: FollowUp; inPlace: boolean } | null>(null);
  const query = useQuery({ queryKey: brokerageKeys.followUps, queryFn: () => api.get<FollowUpList>('/housing/follow-ups') });
  if (query.isPending) return <Loading />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const items = query.data.items;
  if (items.length === 0) return <Text>{t('housing.outcomes.noFollowUps')}</Text>;
  const today = todayIso();
  const open = items.filter((f) => f.inPlace === null).length;
  return (
    <>
      <TableScroll label={t('housing.outcomes.followUpsLabel')} minWidth={880}>
        <Table striped>
          <Table.Caption>{t('housing.outcomes.followUpsCaption', { count: items.length, open })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('housing.outcomes.household')}</Table.Th>
              <Table.Th scope="col">{t('housing.outcomes.address')}</Table.Th>
              <Table.Th scope="col">{t('housing.outcomes.after')}</Table.Th>
              <Table.Th scope="col">{t('housing.outcomes.dueOn')}</Table.Th>
              <Table.Th scope="col">{t('housing.outcomes.stillInPlace')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((f) => {
              const name = `${f.householdName} (${f.caseNumber})`;
              return (
                <Table.Tr key={`${f.proposalId}:${f.months}`}>
                  <Table.Th scope="row" fw={400}>
                    <Anchor component={Link} to={`/cases/${f.caseId}?tab=housing`}>
                      {f.caseNumber}
                    </Anchor>
                    <Text size="sm">{f.householdName}</Text>
                  </Table.Th>
                  <Table.Td>{f.address}</Table.Td>
                  <Table.Td>{t('housing.outcomes.months', { count: f.months })}</Table.Td>
                  <Table.Td>
                    <Day value={f.dueOn} />
                    {f.inPlace === null && f.dueOn < today && <Text size="sm">{t('housing.outcomes.overdue')}</Text>}
                  </Table.Td>
                  <Table.Td>
                    {f.inPlace !== null ? (
                      <Stack gap={2}>
                        <div>
                          <StatusBadge tone={f.inPlace ? 'success' : 'danger'}>{f.inPlace ? t('housing.outcomes.yesInPlace') : t('housing.outcomes.notInPlace')}</StatusBadge>
                        </div>
                        {f.checkedOn && (
                          <Text size="sm">
                            {t('housing.outcomes.checkedOn')} <Day value={f.checkedOn} />
                          </Text>
                        )}
                        {f.note && (
                          <Text size="sm" fs="italic">
                            {f.note}
                          </Text>
                        )}
                      </Stack>
                    ) : canManage ? (
                      <Group gap={6}>
                        <Button size="compact-sm" variant="default" onClick={() => setChecking({ item: f, inPlace: true })} aria-label={t('housing.outcomes.answerYes', { name })}>
                          {t('housing.offers.yes')}
                        </Button>
                        <Button size="compact-sm" variant="default" onClick={() => setChecking({ item: f, inPlace: false })} aria-label={t('housing.outcomes.answerNo', { name })}>
                          {t('housing.offers.no')}
                        </Button>
                      </Group>
                    ) : (
                      t('housing.outcomes.notChecked')
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </TableScroll>
      {checking && (
        <CheckDialog
          item={checking.item}
          inPlace={checking.inPlace}
          onClose={() => setChecking(null)}
          onSaved={(f) => {
            setChecking(null);
            onSaved(f);
          }}
        />
      )}
    </>
  );
}

/** /housing/outcomes: what brokerage achieved in a period, and the follow-ups of the tenancies it began. */
export function OutcomesPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const notice = useNotice();
  const period = usePeriod();
  const query = useQuery({
    queryKey: brokerageKeys.outcomes(period.from, period.to),
    queryFn: () => api.get<HousingOutcomes>('/housing/outcomes', { from: period.from, to: period.to }),
    enabled: !period.reversed,
  });

  return (
    <>
      <PageHeader title={t('housing.outcomes.title')} description={t('housing.outcomes.description')} />
      <Stack gap="lg">
        <Notice notice={notice.notice} onClose={notice.clear} />
        <Paper withBorder p="md">
          <Group align="flex-start" gap="md" wrap="wrap">
            <TextInput type="date" label={t('housing.outcomes.from')} value={period.from} onChange={(e) => period.set('from', e.currentTarget.value)} />
            <TextInput
              type="date"
              label={t('housing.outcomes.to')}
              value={period.to}
              onChange={(e) => period.set('to', e.currentTarget.value)}
              error={period.reversed ? t('housing.outcomes.toBeforeFrom') : undefined}
            />
          </Group>
        </Paper>
        {period.reversed ? null : query.isPending ? (
          <Loading />
        ) : query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <>
            <Paper component="section" aria-labelledby="outcomes-months-heading" withBorder p="md">
              <Title order={2} size="h3" id="outcomes-months-heading" mb="sm">
                {t('housing.outcomes.perMonthHeading')}
              </Title>
              <PlacementsChart rows={query.data.placementsPerMonth} />
            </Paper>
            <Paper component="section" aria-labelledby="outcomes-days-heading" withBorder p="md">
              <Title order={2} size="h3" id="outcomes-days-heading" mb="xs">
                {t('housing.outcomes.daysHeading')}
              </Title>
              <Text size="sm" mb="sm">
                {t('housing.outcomes.daysIntro')}
              </Text>
              <DaysToLease d={query.data.daysToLease} />
            </Paper>
            <Paper component="section" aria-labelledby="outcomes-sustainment-heading" withBorder p="md">
              <Title order={2} size="h3" id="outcomes-sustainment-heading" mb="xs">
                {t('housing.outcomes.sustainmentHeading')}
              </Title>
              <Text size="sm" mb="sm">
                {t('housing.outcomes.sustainmentIntro')} <Day value={query.data.to} />
              </Text>
              <Sustainment rows={query.data.sustainment} />
            </Paper>
          </>
        )}
        <Paper component="section" aria-labelledby="outcomes-followups-heading" withBorder p="md">
          <Title order={2} size="h3" id="outcomes-followups-heading" mb="xs">
            {t('housing.outcomes.followUpsHeading')}
          </Title>
          <Text size="sm" mb="sm">
            {t('housing.outcomes.followUpsIntro')}
          </Text>
          <FollowUps
            canManage={can('housing.manage')}
            onSaved={(f) => {
              notice.show(t('housing.outcomes.checkSaved', { name: f.householdName }));
              void queryClient.invalidateQueries({ queryKey: ['housing', 'follow-ups'] });
              void queryClient.invalidateQueries({ queryKey: ['housing', 'outcomes'] });
            }}
          />
        </Paper>
      </Stack>
    </>
  );
}
