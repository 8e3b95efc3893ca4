import { useState } from 'react';
import { Alert, Anchor, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { FormError, QueryError, useFormErrors } from '../../app/errors';
import { useSession } from '../../app/session';
import { DefinitionItem } from '../../ui/DefinitionItem';
import { Loading } from '../../ui/Loading';
import { Notice, useNotice } from '../../ui/Notice';
import { StatusBadge } from '../../ui/StatusBadge';
import { TableScroll } from '../../ui/TableScroll';
import { useFormatters } from '../../ui/format';
import type { CaseTabProps } from '../cases/types';
import { Day } from '../deadlines/DeadlineParts';
import { useDayFormat } from '../deadlines/dates';
import { SEARCH_STATUS_TONES, brokerageKeys, householdText, offerAddress, type CaseHousing, type OfferFit, type Proposal, type Search } from './brokerage';
import { FitReasons } from './FitReasons';
import { PlacementsSection } from './PlacementsSection';
import { ProposalTable } from './ProposalWorkflow';
import { SearchForm } from './SearchForm';

/** The search's criteria as a definition list. */
function SearchFacts({ s }: { s: Search }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const yesNo = (b: boolean) => (b ? t('housing.offers.yes') : t('housing.offers.no'));
  return (
    <SimpleGrid component="dl" cols={{ base: 1, sm: 2, md: 3 }} spacing="sm" m={0}>
      <DefinitionItem label={t('housing.search.fields.startedOn')}>
        <Day value={s.startedOn} />
      </DefinitionItem>
      <DefinitionItem label={t('housing.search.household')}>{householdText(t, s.persons, s.children)}</DefinitionItem>
      <DefinitionItem label={t('housing.search.fields.minRooms')}>{s.minRooms === null ? '–' : fmt.number(s.minRooms)}</DefinitionItem>
      <DefinitionItem label={t('housing.search.fields.needsStepFree')}>{yesNo(s.needsStepFree)}</DefinitionItem>
      <DefinitionItem label={t('housing.search.fields.hasWbs')}>{yesNo(s.hasWbs)}</DefinitionItem>
      <DefinitionItem label={t('housing.search.fields.neededBy')}>{s.neededBy ? <Day value={s.neededBy} /> : '–'}</DefinitionItem>
      <DefinitionItem label={t('housing.search.fields.preferredMunicipalities')}>
        {s.preferredMunicipalities.length ? s.preferredMunicipalities.map((m) => m.name).join(', ') : t('housing.search.anyMunicipality')}
      </DefinitionItem>
      {s.note && <DefinitionItem label={t('housing.search.fields.note')}>{s.note}</DefinitionItem>}
    </SimpleGrid>
  );
}

/** The organisation's open offers for the household, fitting first, each with its reasons; fitting ones can be proposed. */
function OffersForSearch({ items, search, canPropose, onProposed }: { items: OfferFit[]; search: Search; canPropose: boolean; onProposed: (p: Proposal) => void }) {
  const { t } = useTranslation();
  const { money } = useDayFormat();
  const fmt = useFormatters();
  const errors = useFormErrors();
  const propose = useMutation({
    mutationFn: (offerId: string) => api.post<Proposal>(`/housing/offers/${offerId}/proposals`, { searchId: search.id }),
    onMutate: () => errors.clear(),
    onSuccess: onProposed,
    onError: errors.setError,
  });
  if (items.length === 0) return <Text>{t('housing.search.noOffers')}</Text>;
  const fitting = items.filter((i) => i.fit.fits).length;
  return (
    <Stack gap="xs">
      <FormError error={errors.error} />
      <TableScroll label={t('housing.search.offersLabel')} minWidth={960}>
        <Table striped>
          <Table.Caption>{t('housing.search.offersCaption', { count: items.length, fitting })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('housing.offers.fields.address')}</Table.Th>
              <Table.Th scope="col">{t('housing.search.flat')}</Table.Th>
              <Table.Th scope="col">{t('housing.offers.fields.availableFrom')}</Table.Th>
              <Table.Th scope="col">{t('housing.search.why')}</Table.Th>
              {canPropose && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map(({ offer, fit, proposalId }) => (
              <Table.Tr key={offer.id}>
                <Table.Th scope="row" fw={400}>
                  <Anchor component={Link} to={`/housing/offers/${offer.id}`}>
                    {offerAddress(offer)}
                  </Anchor>
                  <Text size="sm">{offer.landlord.name}</Text>
                </Table.Th>
                <Table.Td>
                  {t('housing.search.flatText', { rooms: fmt.number(offer.rooms), area: fmt.number(offer.floorArea), rent: money(offer.grossColdRent) })}
                </Table.Td>
                <Table.Td>
                  <Day value={offer.availableFrom} />
                </Table.Td>
                <Table.Td>
                  <FitReasons fit={fit} childCount={search.children} grossColdRent={offer.grossColdRent} label={t('housing.fit.reasonsOf', { name: offerAddress(offer) })} />
                </Table.Td>
                {canPropose && (
                  <Table.Td>
                    {proposalId ? (
                      <Text size="sm">{t('housing.offers.candidates.alreadyProposed')}</Text>
                    ) : fit.fits ? (
                      <Button
                        size="compact-sm"
                        loading={propose.isPending && propose.variables === offer.id}
                        onClick={() => propose.mutate(offer.id)}
                        aria-label={t('housing.search.proposeFor', { address: offerAddress(offer) })}
                      >
                        {t('housing.offers.candidates.propose')}
                      </Button>
                    ) : (
                      <Text size="sm">{t('housing.search.doesNotFit')}</Text>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </Stack>
  );
}

function PastSearches({ items }: { items: Search[] }) {
  const { t } = useTranslation();
  return (
    <TableScroll label={t('housing.search.pastLabel')} minWidth={560}>
      <Table>
        <Table.Caption>{t('housing.search.pastCaption', { count: items.length })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('housing.search.period')}</Table.Th>
            <Table.Th scope="col">{t('common.status')}</Table.Th>
            <Table.Th scope="col">{t('housing.search.household')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Th scope="row" fw={400}>
                <Day value={s.startedOn} /> – {s.endedOn ? <Day value={s.endedOn} /> : '…'}
              </Table.Th>
              <Table.Td>
                <StatusBadge tone={SEARCH_STATUS_TONES[s.status]}>{t(`housing.search.statuses.${s.status}`)}</StatusBadge>
              </Table.Td>
              <Table.Td>{householdText(t, s.persons, s.children)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

/**
 * Case tab "Wohnen": the household's shelter stays, its housing search, the offers that fit it
 * with the reasons, and its proposals up to the lease. After a lease the search shows as housed,
 * and the case file (reloaded here) shows the new tenancy the server recorded.
 */
export function CaseHousingPanel({ summary, onCaseChanged }: CaseTabProps) {
  const { t } = useTranslation();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const notice = useNotice();
  const [editing, setEditing] = useState(false);
  const [startingAgain, setStartingAgain] = useState(false);
  const query = useQuery({ queryKey: brokerageKeys.ofCase(summary.id), queryFn: () => api.get<CaseHousing>(`/cases/${summary.id}/housing`) });
  const canManage = can('housing.manage') && summary.status !== 'closed';

  const refresh = async (message: string, caseChanged = false) => {
    notice.show(message);
    await queryClient.invalidateQueries({ queryKey: brokerageKeys.all });
    if (caseChanged) await onCaseChanged();
  };

  if (query.isPending) return <Loading />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const h = query.data;
  const search = h.search && h.search.status !== 'housed' && h.search.status !== 'ended' ? h.search : null;
  // The search that ended with a lease: the tab says so until a new search starts.
  const housed = h.search?.status === 'housed' ? h.search : !h.search && h.pastSearches[0]?.status === 'housed' ? h.pastSearches[0] : null;
  const household = { size: summary.file.facts.size || summary.household.size || 1, children: summary.file.facts.children };

  return (
    <Stack gap="lg">
      <Notice notice={notice.notice} onClose={notice.clear} />

      <Paper withBorder p="md">
        <PlacementsSection
          caseId={summary.id}
          placements={h.placements}
          householdSize={household.size}
          headingOrder={2}
          onChanged={() => queryClient.invalidateQueries({ queryKey: brokerageKeys.ofCase(summary.id) })}
        />
      </Paper>

      <Paper component="section" aria-labelledby="housing-search-heading" withBorder p="md">
        <Group justify="space-between" align="flex-start" mb="sm" wrap="wrap">
          <Title order={2} size="h3" id="housing-search-heading">
            {t('housing.search.heading')}
          </Title>
          {search && <StatusBadge tone={SEARCH_STATUS_TONES[search.status]}>{t(`housing.search.statuses.${search.status}`)}</StatusBadge>}
        </Group>
        <Stack gap="md">
          {housed && (
            <Alert color="teal" title={t('housing.search.housedTitle')}>
              {housed.endedOn ? (
                <>
                  {t('housing.search.housedOn')} <Day value={housed.endedOn} />
                </>
              ) : (
                t('housing.search.housedTitle')
              )}
              {' · '}
              <Anchor component={Link} to={`/cases/${summary.id}`}>
                {t('housing.search.toCaseFile')}
              </Anchor>
            </Alert>
          )}
          {search && !editing && (
            <>
              <SearchFacts s={search} />
              {canManage && (
                <Group>
                  <Button variant="default" onClick={() => setEditing(true)}>
                    {t('housing.search.edit')}
                  </Button>
                </Group>
              )}
            </>
          )}
          {search && editing && (
            <SearchForm
              caseId={summary.id}
              search={search}
              household={household}
              headingId="housing-search-heading"
              onSaved={(s) => {
                setEditing(false);
                void refresh(t(`housing.search.saved.${s.status}`));
              }}
              onCancel={() => setEditing(false)}
            />
          )}
          {!search && !canManage && !housed && <Text>{t('housing.search.none')}</Text>}
          {!search && canManage && housed && !startingAgain && (
            <Group>
              <Text size="sm">{t('housing.search.startAgain')}</Text>
              <Button variant="default" onClick={() => setStartingAgain(true)}>
                {t('housing.search.newHeading')}
              </Button>
            </Group>
          )}
          {/* A housed household rarely searches again at once: its form opens on request only. */}
          {!search && canManage && (!housed || startingAgain) && (
            <>
              {!housed && <Text size="sm">{t('housing.search.none')}</Text>}
              <Title order={3} size="h4" id="housing-search-new-heading">
                {t('housing.search.newHeading')}
              </Title>
              <SearchForm
                caseId={summary.id}
                search={null}
                household={household}
                headingId="housing-search-new-heading"
                onSaved={() => {
                  setStartingAgain(false);
                  void refresh(t('housing.search.started'));
                }}
                onCancel={housed ? () => setStartingAgain(false) : undefined}
              />
            </>
          )}
        </Stack>
      </Paper>

      {search?.status === 'active' && (
        <Paper component="section" aria-labelledby="housing-offers-heading" withBorder p="md">
          <Title order={2} size="h3" id="housing-offers-heading" mb="xs">
            {t('housing.search.offersHeading')}
          </Title>
          <Text size="sm" mb="sm">
            {t('housing.search.offersIntro')}
          </Text>
          <OffersForSearch items={h.offers} search={search} canPropose={canManage} onProposed={(p) => void refresh(t('housing.search.proposed', { address: p.offerAddress }))} />
        </Paper>
      )}

      <Paper component="section" aria-labelledby="housing-proposals-heading" withBorder p="md">
        <Title order={2} size="h3" id="housing-proposals-heading" mb="sm">
          {t('housing.proposals.heading')}
        </Title>
        <ProposalTable
          proposals={h.proposals}
          of="case"
          canManage={canManage}
          onChanged={(p, step) => void refresh(t(`housing.proposals.saved.${step}`, { name: p.offerAddress }), step === 'lease_signed')}
        />
      </Paper>

      {h.pastSearches.length > 0 && (
        <Paper component="section" aria-labelledby="housing-past-heading" withBorder p="md">
          <Title order={2} size="h3" id="housing-past-heading" mb="sm">
            {t('housing.search.pastHeading')}
          </Title>
          <PastSearches items={h.pastSearches} />
        </Paper>
      )}
    </Stack>
  );
}
