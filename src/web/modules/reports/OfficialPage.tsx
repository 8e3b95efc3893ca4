import { Button, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { FederalCount, NrwCount, Totals } from '../../../contracts/official-statistics';
import { api } from '../../app/api';
import { QueryError } from '../../app/errors';
import { DefinitionItem } from '../../ui/DefinitionItem';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { TableScroll } from '../../ui/TableScroll';
import { todayIso } from '../deadlines/dates';
import { useNumber } from './labels';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The last reference day (31 January, 30 June) up to today: this year's once it has come, else last year's. */
export function lastReferenceDay(today: string, month: number, day: number): string {
  const md = `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const year = Number(today.slice(0, 4));
  return today.slice(5) >= md ? `${year}-${md}` : `${year - 1}-${md}`;
}

type Count = 'federal' | 'nrw';
const DEFAULTS: Record<Count, [number, number]> = { federal: [1, 31], nrw: [6, 30] };

/** Characteristics whose codes the UI names; the others (household size, municipality key) are shown as they are. */
const LABELLED = new Set(['sex', 'ageGroup', 'nationality', 'nationalityGroup', 'householdType', 'provisionType', 'providerType', 'welfareAssociation', 'situation']);

function TotalsTable({ name, totals }: { name: string; totals: Totals }) {
  const { t, i18n } = useTranslation();
  const n = useNumber();
  const caption = t(`reports.official.characteristics.${name}`);
  const label = (key: string) => {
    if (key === 'unknown') return t('reports.official.unknown');
    const path = `reports.official.codes.${name}.${key}`;
    return LABELLED.has(name) && i18n.exists(path) ? t(path) : key;
  };
  return (
    <TableScroll label={caption} minWidth={280}>
      <Table>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('reports.official.value')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('reports.official.persons')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {totals.length === 0 ? (
            <Table.Tr>
              <Table.Td colSpan={2}>{t('reports.official.none')}</Table.Td>
            </Table.Tr>
          ) : (
            totals.map((row) => (
              <Table.Tr key={row.key}>
                <Table.Th scope="row" fw={400}>
                  {label(row.key)}
                </Table.Th>
                <Table.Td ta="right">{n.int(row.count)}</Table.Td>
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

function CountSection({ count }: { count: Count }) {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const n = useNumber();
  const [month, day] = DEFAULTS[count];
  const fallback = lastReferenceDay(todayIso(), month, day);
  const given = search.get(count);
  const on = given && DAY.test(given) ? given : fallback;
  const lang = i18n.language.startsWith('en') ? 'en' : 'de';
  const query = useQuery({
    queryKey: ['reports', 'official', count, on],
    queryFn: () => api.get<FederalCount | NrwCount>(`/reports/official/${count}`, { on, format: 'json' }),
  });
  const id = `official-${count}`;
  const href = (format: 'csv' | 'xlsx' | 'pdf') => `/api/v1/reports/official/${count}?${new URLSearchParams({ on, format, lang }).toString()}`;

  return (
    <Paper component="section" aria-labelledby={id} withBorder p="md">
      <Title order={2} size="h3" id={id} mb="xs">
        {t(`reports.official.${count}.heading`)}
      </Title>
      <Text size="sm" mb="md">
        {t(`reports.official.${count}.intro`)}
      </Text>
      <Stack gap="md">
        <Group align="flex-end" gap="md" wrap="wrap">
          <TextInput
            type="date"
            label={t('reports.official.on')}
            description={t(`reports.official.${count}.onHint`)}
            value={on}
            onChange={(e) => {
              const value = e.currentTarget.value;
              if (!DAY.test(value)) return;
              setSearch((p) => {
                p.set(count, value);
                return p;
              });
            }}
          />
        </Group>
        <div role="group" aria-label={t(`reports.official.${count}.downloads`)}>
          <Group gap="sm">
            {(['csv', 'xlsx', 'pdf'] as const).map((format) => (
              <Button key={format} component="a" href={href(format)} download variant="default" size="sm">
                {t(`reports.official.download.${format}`, { what: t(`reports.official.${count}.short`) })}
              </Button>
            ))}
          </Group>
        </div>
        {query.isPending ? (
          <Loading />
        ) : query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : 'placements' in query.data ? (
          <>
            <SimpleGrid component="dl" cols={{ base: 1, sm: 3 }} spacing="sm" m={0}>
              <DefinitionItem label={t('reports.official.federal.persons')}>{n.int(query.data.persons)}</DefinitionItem>
              <DefinitionItem label={t('reports.official.federal.placements')}>{n.int(query.data.placements)}</DefinitionItem>
              <DefinitionItem label={t('reports.official.federal.unlisted')}>{n.int(query.data.unlistedPersons)}</DefinitionItem>
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="lg">
              {Object.entries(query.data.totals).map(([name, totals]) => (
                <TotalsTable key={name} name={name} totals={totals} />
              ))}
            </SimpleGrid>
          </>
        ) : (
          <>
            <SimpleGrid component="dl" cols={{ base: 1, sm: 3 }} spacing="sm" m={0}>
              <DefinitionItem label={t('reports.official.nrw.persons')}>{n.int(query.data.persons)}</DefinitionItem>
              <DefinitionItem label={t('reports.official.nrw.placed')}>{n.int(query.data.placed)}</DefinitionItem>
              <DefinitionItem label={t('reports.official.nrw.counselled')}>{n.int(query.data.counselled)}</DefinitionItem>
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="lg">
              {Object.entries(query.data.totals).map(([name, totals]) => (
                <TotalsTable key={name} name={name} totals={totals} />
              ))}
            </SimpleGrid>
          </>
        )}
      </Stack>
    </Paper>
  );
}

/** /statistics/official: the federal (31 January) and NRW (30 June) stock counts for a reference day, with their files. */
export function OfficialPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('reports.official.title')} description={t('reports.official.description')} />
      <Stack gap="lg">
        <CountSection count="federal" />
        <CountSection count="nrw" />
      </Stack>
    </>
  );
}
