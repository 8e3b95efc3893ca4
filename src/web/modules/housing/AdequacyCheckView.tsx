import { useId } from 'react';
import { Alert, Group, Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { errorMessage } from '../../app/errors';
import { useSession } from '../../app/session';
import { DefinitionItem } from '../../ui/DefinitionItem';
import { Loading } from '../../ui/Loading';
import { StatusBadge, type Tone } from '../../ui/StatusBadge';
import { housingKeys, useHousingFormat, type AdequacyCheck } from './housingShared';

const VERDICT_TONES: Record<AdequacyCheck['verdict'], Tone> = { adequate: 'success', rent_too_high: 'danger', rent_unknown: 'neutral', no_limit: 'neutral' };

/**
 * One adequacy check in words: the verdict, the limit for the household size with the rent and
 * how far it is above, the floor area against the adequate one, and which table was used. The
 * badge repeats the verdict the sentence states, so colour never carries it alone.
 */
export function AdequacyCheckFacts({ check: c }: { check: AdequacyCheck }) {
  const { t } = useTranslation();
  const fmt = useHousingFormat();
  const persons = t('housing.placements.persons', { count: c.householdSize });
  const sentence =
    c.verdict === 'adequate'
      ? t('housing.adequacy.check.adequateText', { rent: fmt.money(c.grossColdRent), limit: fmt.money(c.rentLimit), persons })
      : c.verdict === 'rent_too_high'
        ? t('housing.adequacy.check.tooHighText', { rent: fmt.money(c.grossColdRent), excess: fmt.money(c.rentExcess), limit: fmt.money(c.rentLimit), persons })
        : c.verdict === 'rent_unknown'
          ? t('housing.adequacy.check.rentUnknownText', { limit: fmt.money(c.rentLimit), persons })
          : t('housing.adequacy.check.noLimitText', { persons });
  return (
    <>
      <Group gap="xs" wrap="wrap" mb={4}>
        <StatusBadge tone={VERDICT_TONES[c.verdict]}>{t(`housing.adequacy.check.verdicts.${c.verdict}`)}</StatusBadge>
      </Group>
      <Text size="sm">{sentence}</Text>
      {c.verdict !== 'no_limit' && (
        <SimpleGrid component="dl" cols={{ base: 1, sm: 2, md: 4 }} spacing="xs" mt="xs">
          <DefinitionItem label={t('housing.adequacy.check.householdSize')} size="sm">
            {persons}
          </DefinitionItem>
          <DefinitionItem label={t('housing.adequacy.check.rent')} size="sm">
            {fmt.money(c.grossColdRent)}
          </DefinitionItem>
          <DefinitionItem label={t('housing.adequacy.check.limit')} size="sm">
            {fmt.money(c.rentLimit)}
          </DefinitionItem>
          <DefinitionItem label={t('housing.adequacy.check.excess')} size="sm">
            {c.rentExcess !== null && c.rentExcess > 0 ? fmt.money(c.rentExcess) : t('housing.adequacy.check.noExcess')}
          </DefinitionItem>
          <DefinitionItem label={t('housing.adequacy.check.floorArea')} size="sm">
            {fmt.area(c.floorArea)}
          </DefinitionItem>
          <DefinitionItem label={t('housing.adequacy.check.areaLimit')} size="sm">
            {fmt.area(c.areaLimit)}
          </DefinitionItem>
          {c.areaName && (
            <DefinitionItem label={t('housing.adequacy.check.table')} size="sm">
              {c.tableValidFrom ? t('housing.adequacy.check.tableText', { area: c.areaName, from: fmt.day(c.tableValidFrom) }) : c.areaName}
            </DefinitionItem>
          )}
        </SimpleGrid>
      )}
      {c.areaAboveLimit && (
        <Alert color="blue" mt="xs" title={t('housing.adequacy.check.areaNoteTitle')}>
          {t('housing.adequacy.check.areaNote', { area: fmt.area(c.floorArea), limit: fmt.area(c.areaLimit) })}
        </Alert>
      )}
    </>
  );
}

/**
 * The adequacy of the case's current tenancy (GET /cases/:id/adequacy), shown beside a rent-debt
 * assumption: the finance service usually refuses to take over the debts of a flat the Jobcenter
 * would not pay for. Only for sessions that read housing data; nothing otherwise.
 */
export function CaseAdequacyCheck({ caseId, headingOrder = 4 }: { caseId: string; headingOrder?: 3 | 4 | 5 }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const allowed = can('housing.read');
  // Several rent-debt assumptions of one case each show the check: their headings need their own ids.
  const headingId = useId();
  const query = useQuery({
    queryKey: housingKeys.caseAdequacy(caseId),
    queryFn: () => api.get<AdequacyCheck>(`/cases/${caseId}/adequacy`),
    enabled: allowed,
  });
  if (!allowed) return null;
  return (
    <Paper component="section" aria-labelledby={headingId} withBorder p="sm" mt="sm" bg="gray.0">
      <Title order={headingOrder} size="h5" id={headingId} mb={4}>
        {t('housing.adequacy.check.heading')}
      </Title>
      {query.isPending ? (
        <Loading label={t('housing.adequacy.check.loading')} />
      ) : query.isError ? (
        <Text size="sm" role="alert">
          {t('housing.adequacy.check.failed', { message: errorMessage(query.error, t) })}
        </Text>
      ) : (
        <AdequacyCheckFacts check={query.data} />
      )}
    </Paper>
  );
}
