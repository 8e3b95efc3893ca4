import { useState } from 'react';
import { Anchor, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ACCOMMODATION_KINDS, type AccommodationKind, type AccommodationList } from '../../../contracts/housing';
import { api } from '../../app/api';
import { QueryError } from '../../app/errors';
import { useSession } from '../../app/session';
import { NotFoundPage } from '../../app/StatusPages';
import { DefinitionItem } from '../../ui/DefinitionItem';
import { Loading } from '../../ui/Loading';
import { Notice, useNotice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { StatusBadge } from '../../ui/StatusBadge';
import { TableScroll } from '../../ui/TableScroll';
import { Day } from '../deadlines/DeadlineParts';
import { AccommodationForm } from './AccommodationForm';
import {
  AccommodationKindSelect,
  OccupancyBar,
  PersonsText,
  addressLine,
  housingKeys,
  type Accommodation,
  type AccommodationDetail,
} from './housingShared';

export function useAccommodations() {
  return useQuery({ queryKey: housingKeys.accommodations, queryFn: () => api.get<z.infer<typeof AccommodationList>>('/housing/accommodations') });
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'de');

/** Places, persons and free places of the accommodations shown, added up (free places only of active ones). */
export function registerTotals(items: readonly Accommodation[]) {
  return items.reduce(
    (sum, a) => ({
      places: sum.places + (a.active ? a.places : 0),
      persons: sum.persons + a.occupancy.persons,
      free: sum.free + (a.active ? Math.max(0, a.occupancy.free) : 0),
    }),
    { places: 0, persons: 0, free: 0 },
  );
}

/** /housing/shelters: the district's shelter register with occupancy, filtered by kind and municipality. */
export function SheltersPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const kindParam = params.get('kind') ?? '';
  const kind = (ACCOMMODATION_KINDS as readonly string[]).includes(kindParam) ? (kindParam as AccommodationKind) : '';
  const municipality = params.get('municipality') ?? '';
  const set = (k: string, v: string) =>
    setParams((p) => {
      if (v) p.set(k, v);
      else p.delete(k);
      return p;
    }, { replace: true });
  const query = useAccommodations();
  const all = query.data?.items ?? [];
  // The municipality filter offers the municipalities the register has, not every one of the district.
  const municipalities = [...new Map(all.map((a) => [a.municipality.id, a.municipality])).values()].sort(byName);
  const items = all.filter((a) => (!kind || a.kind === kind) && (!municipality || a.municipality.id === municipality)).sort(byName);
  const totals = registerTotals(items);

  return (
    <>
      <PageHeader
        title={t('housing.shelters.title')}
        description={t('housing.shelters.description')}
        actions={
          can('housing.manage') && !creating ? (
            <Button onClick={() => setCreating(true)}>{t('housing.shelters.form.newHeading')}</Button>
          ) : undefined
        }
      />
      <Stack gap="md">
        {creating && (
          <Paper withBorder p="md">
            <AccommodationForm
              onSaved={(a) => {
                void queryClient.invalidateQueries({ queryKey: housingKeys.accommodations });
                navigate(`/housing/shelters/${a.id}`, { state: { created: true } });
              }}
              onCancel={() => setCreating(false)}
            />
          </Paper>
        )}
        <Paper withBorder p="md">
          <Stack gap="md">
            <Group gap="md" wrap="wrap" align="flex-end">
              <AccommodationKindSelect label={t('housing.shelters.kindFilter')} value={kind} onChange={(v) => set('kind', v)} allLabel={t('housing.shelters.allKinds')} />
              <NativeSelect
                label={t('housing.shelters.municipalityFilter')}
                value={municipality}
                onChange={(e) => set('municipality', e.currentTarget.value)}
                data={[{ value: '', label: t('housing.shelters.allMunicipalities') }, ...municipalities.map((m) => ({ value: m.id, label: m.name }))]}
              />
            </Group>
            {query.isPending ? (
              <Loading />
            ) : query.isError ? (
              <QueryError error={query.error} onRetry={() => void query.refetch()} />
            ) : items.length === 0 ? (
              <Text>{all.length === 0 ? t('housing.shelters.empty') : t('housing.shelters.noneMatch')}</Text>
            ) : (
              <>
                <Text>{t('housing.shelters.totals', { places: totals.places, persons: totals.persons, free: totals.free })}</Text>
                <TableScroll label={t('housing.shelters.tableLabel')} minWidth={980}>
                  <Table striped>
                    <Table.Caption>{t('housing.shelters.caption', { count: items.length })}</Table.Caption>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('housing.shelters.fields.name')}</Table.Th>
                        <Table.Th scope="col">{t('housing.shelters.fields.kind')}</Table.Th>
                        <Table.Th scope="col">{t('housing.shelters.fields.municipality')}</Table.Th>
                        <Table.Th scope="col">{t('housing.shelters.fields.provider')}</Table.Th>
                        <Table.Th scope="col">{t('housing.shelters.fields.places')}</Table.Th>
                        <Table.Th scope="col">{t('housing.shelters.fields.occupancy')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {items.map((a) => (
                        <Table.Tr key={a.id}>
                          <Table.Th scope="row" fw={400}>
                            <Anchor component={Link} to={`/housing/shelters/${a.id}`} fw={600}>
                              {a.name}
                            </Anchor>
                            {addressLine(a) && (
                              <Text size="sm" component="span" display="block">
                                {addressLine(a)}
                              </Text>
                            )}
                            {!a.active && <StatusBadge tone="neutral">{t('housing.shelters.inactive')}</StatusBadge>}
                          </Table.Th>
                          <Table.Td>{t(`housing.shelters.kinds.${a.kind}`)}</Table.Td>
                          <Table.Td>{a.municipality.name}</Table.Td>
                          <Table.Td>
                            {a.provider ?? '–'}
                            <Text size="sm" component="span" display="block">
                              {t('housing.shelters.keptBy', { name: a.orgName })}
                            </Text>
                          </Table.Td>
                          <Table.Td>{a.places}</Table.Td>
                          <Table.Td>
                            <OccupancyBar accommodation={a} />
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </TableScroll>
              </>
            )}
          </Stack>
        </Paper>
      </Stack>
    </>
  );
}

/** The own organisation's households living in the accommodation now: counts across organisations, names only of one's own. */
function OwnPlacements({ detail }: { detail: AccommodationDetail }) {
  const { t } = useTranslation();
  const placements = [...detail.placements].sort((a, b) => (a.movedInOn < b.movedInOn ? -1 : a.movedInOn > b.movedInOn ? 1 : 0));
  return (
    <Paper component="section" aria-labelledby="shelter-placements-heading" withBorder p="md">
      <Title order={2} size="h3" id="shelter-placements-heading" mb="xs">
        {t('housing.shelters.detail.placementsHeading')}
      </Title>
      <Text size="sm" mb="sm">
        {t('housing.shelters.detail.placementsHint')}
      </Text>
      {placements.length === 0 ? (
        <Text>{t('housing.shelters.detail.noPlacements')}</Text>
      ) : (
        <TableScroll label={t('housing.shelters.detail.placementsTableLabel')} minWidth={640}>
          <Table striped>
            <Table.Caption>{t('housing.shelters.detail.placementsCaption', { count: placements.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('housing.placements.fields.caseNumber')}</Table.Th>
                <Table.Th scope="col">{t('housing.placements.fields.household')}</Table.Th>
                <Table.Th scope="col">{t('housing.placements.fields.persons')}</Table.Th>
                <Table.Th scope="col">{t('housing.placements.fields.movedInOn')}</Table.Th>
                <Table.Th scope="col">{t('housing.placements.fields.duration')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {placements.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Th scope="row" fw={400}>
                    <Anchor component={Link} to={`/cases/${p.caseId}?tab=housing`}>
                      {p.caseNumber}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>{p.householdName}</Table.Td>
                  <Table.Td>
                    <PersonsText persons={p.persons} />
                  </Table.Td>
                  <Table.Td>
                    <Day value={p.movedInOn} />
                  </Table.Td>
                  <Table.Td>{t('housing.placements.months', { count: p.months })}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Paper>
  );
}

/** /housing/shelters/:id: an accommodation's details and occupancy, and the own organisation's households there. */
export function ShelterPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const queryClient = useQueryClient();
  const notice = useNotice();
  const [editing, setEditing] = useState(false);
  const [createdNotice, setCreatedNotice] = useState((location.state as { created?: boolean } | null)?.created === true);
  const query = useQuery({ queryKey: housingKeys.accommodation(id), queryFn: () => api.get<AccommodationDetail>(`/housing/accommodations/${id}`) });

  if (query.isPending) return <Loading />;
  if (query.isError) {
    if ((query.error as { status?: number }).status === 404) return <NotFoundPage />;
    return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  }
  const a = query.data.accommodation;
  const address = addressLine(a);
  return (
    <>
      <PageHeader
        title={a.name}
        description={`${t(`housing.shelters.kinds.${a.kind}`)} · ${a.municipality.name} · ${t('housing.shelters.keptBy', { name: a.orgName })}`}
        actions={
          a.canEdit && !editing ? (
            <Button variant="default" onClick={() => setEditing(true)}>
              {t('housing.shelters.detail.edit')}
            </Button>
          ) : undefined
        }
      />
      <Stack gap="lg">
        <Notice
          notice={notice.notice ?? (createdNotice ? t('common.created', { name: a.name }) : null)}
          onClose={() => {
            notice.clear();
            setCreatedNotice(false);
          }}
        />
        <Anchor component={Link} to="/housing/shelters">
          {t('housing.shelters.backToList')}
        </Anchor>
        {editing ? (
          <Paper withBorder p="md">
            <AccommodationForm
              accommodation={a}
              onSaved={(saved) => {
                setEditing(false);
                setCreatedNotice(false);
                queryClient.setQueryData<AccommodationDetail>(housingKeys.accommodation(id), (d) => (d ? { ...d, accommodation: saved } : d));
                notice.show(t('common.saved', { name: saved.name }));
                void queryClient.invalidateQueries({ queryKey: housingKeys.accommodations, exact: true });
              }}
              onCancel={() => setEditing(false)}
              onConflict={() => void query.refetch()}
            />
          </Paper>
        ) : (
          <Paper component="section" aria-labelledby="shelter-facts-heading" withBorder p="md">
            <Title order={2} size="h3" id="shelter-facts-heading" mb="sm">
              {t('housing.shelters.detail.factsHeading')}
            </Title>
            <SimpleGrid component="dl" cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
              <DefinitionItem label={t('housing.shelters.fields.kind')}>{t(`housing.shelters.kinds.${a.kind}`)}</DefinitionItem>
              <DefinitionItem label={t('housing.shelters.fields.provider')}>{a.provider ?? '–'}</DefinitionItem>
              <DefinitionItem label={t('housing.shelters.fields.owner')}>{a.orgName}</DefinitionItem>
              <DefinitionItem label={t('address.label')}>{address || '–'}</DefinitionItem>
              <DefinitionItem label={t('housing.shelters.fields.municipality')}>{a.municipality.name}</DefinitionItem>
              <DefinitionItem label={t('common.status')}>{a.active ? t('housing.shelters.active') : t('housing.shelters.inactive')}</DefinitionItem>
              <DefinitionItem label={t('housing.shelters.fields.places')}>{a.places}</DefinitionItem>
              <DefinitionItem label={t('housing.shelters.fields.occupancy')}>
                <OccupancyBar accommodation={a} />
              </DefinitionItem>
              {a.note && <DefinitionItem label={t('housing.shelters.fields.note')}>{a.note}</DefinitionItem>}
            </SimpleGrid>
          </Paper>
        )}
        <OwnPlacements detail={query.data} />
      </Stack>
    </>
  );
}
