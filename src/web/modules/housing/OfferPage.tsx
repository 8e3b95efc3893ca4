import { useState } from 'react';
import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AdequacyCheck } from '../../../contracts/housing';
import { ApiError, api } from '../../app/api';
import { FormError, QueryError, useFormErrors } from '../../app/errors';
import { useSession } from '../../app/session';
import { NotFoundPage } from '../../app/StatusPages';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { DefinitionItem } from '../../ui/DefinitionItem';
import { Loading } from '../../ui/Loading';
import { Notice, useNotice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { StatusBadge, type Tone } from '../../ui/StatusBadge';
import { TableScroll } from '../../ui/TableScroll';
import { useFormatters } from '../../ui/format';
import { casesKeys } from '../cases/types';
import { Day } from '../deadlines/DeadlineParts';
import { useDayFormat } from '../deadlines/dates';
import { brokerageKeys, householdText, offerAddress, type Candidate, type CandidateList, type Offer, type OfferDetail, type Proposal } from './brokerage';
import { FitReasons } from './FitReasons';
import { OFFER_STATUS_TONES } from './housingShared';
import { OfferForm } from './OfferForm';
import { ProposalTable } from './ProposalWorkflow';

const VERDICT_TONES: Record<AdequacyCheck['verdict'], Tone> = { adequate: 'success', rent_too_high: 'danger', rent_unknown: 'neutral', no_limit: 'neutral' };

/** The flat's facts as a definition list. */
function OfferFacts({ o }: { o: Offer }) {
  const { t } = useTranslation();
  const { money } = useDayFormat();
  const fmt = useFormatters();
  const yesNo = (b: boolean) => (b ? t('housing.offers.yes') : t('housing.offers.no'));
  return (
    <SimpleGrid component="dl" cols={{ base: 1, sm: 2, md: 3 }} spacing="sm" m={0}>
      <DefinitionItem label={t('housing.offers.fields.landlord')}>
        <Anchor component={Link} to={`/housing/landlords/${o.landlord.id}`}>
          {o.landlord.name}
        </Anchor>
        {o.landlord.cooperating && ` · ${t('housing.offers.cooperating')}`}
      </DefinitionItem>
      <DefinitionItem label={t('housing.offers.fields.municipality')}>{o.municipality.name}</DefinitionItem>
      <DefinitionItem label={t('housing.offers.fields.availableFrom')}>
        <Day value={o.availableFrom} />
      </DefinitionItem>
      <DefinitionItem label={t('housing.offers.fields.rooms')}>{fmt.number(o.rooms)}</DefinitionItem>
      <DefinitionItem label={t('housing.offers.fields.floorArea')}>{t('housing.offers.squareMetres', { area: fmt.number(o.floorArea) })}</DefinitionItem>
      <DefinitionItem label={t('housing.offers.fields.floor')}>
        {o.floor === 0 ? t('housing.offers.groundFloor') : o.floor < 0 ? t('housing.offers.basement') : t('housing.offers.upperFloor', { floor: o.floor })}
      </DefinitionItem>
      <DefinitionItem label={t('housing.offers.fields.access')}>
        {t('housing.offers.accessText', { stepFree: yesNo(o.stepFree), lift: yesNo(o.lift) })}
      </DefinitionItem>
      <DefinitionItem label={t('housing.offers.fields.rentSplit')}>
        {t('housing.offers.rentSplitText', { base: money(o.baseRent), service: money(o.serviceCharges), heating: money(o.heatingCosts) })}
      </DefinitionItem>
      <DefinitionItem label={t('housing.offers.fields.grossColdRent')}>{money(o.grossColdRent)}</DefinitionItem>
      <DefinitionItem label={t('housing.offers.fields.deposit')}>{o.deposit === null ? '–' : money(o.deposit)}</DefinitionItem>
      <DefinitionItem label={t('housing.offers.fields.wbsRequired')}>{yesNo(o.wbsRequired)}</DefinitionItem>
      {o.note && <DefinitionItem label={t('housing.offers.fields.note')}>{o.note}</DefinitionItem>}
    </SimpleGrid>
  );
}

/** The rent against the adequacy limit of each household size the rooms suit. */
function AdequacyTable({ checks }: { checks: AdequacyCheck[] }) {
  const { t } = useTranslation();
  const { money } = useDayFormat();
  const fmt = useFormatters();
  if (checks.length === 0) return <Text>{t('housing.offers.adequacy.none')}</Text>;
  const source = checks.find((c) => c.areaName);
  return (
    <Stack gap="xs">
      {source && (
        <Text size="sm">
          {t('housing.offers.adequacy.source', { area: source.areaName })}
          {source.tableValidFrom && (
            <>
              {' '}
              {t('housing.offers.adequacy.validFrom')} <Day value={source.tableValidFrom} />
            </>
          )}
        </Text>
      )}
      <TableScroll label={t('housing.offers.adequacy.tableLabel')} minWidth={640}>
        <Table>
          <Table.Caption>{t('housing.offers.adequacy.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('housing.offers.adequacy.householdSize')}</Table.Th>
              <Table.Th scope="col" ta="right">{t('housing.offers.adequacy.rentLimit')}</Table.Th>
              <Table.Th scope="col">{t('housing.offers.adequacy.verdict')}</Table.Th>
              <Table.Th scope="col" ta="right">{t('housing.offers.adequacy.areaLimit')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {checks.map((c) => (
              <Table.Tr key={c.householdSize}>
                <Table.Th scope="row" fw={400}>
                  {t('housing.offers.adequacy.persons', { count: c.householdSize })}
                </Table.Th>
                <Table.Td ta="right">{c.rentLimit === null ? '–' : money(c.rentLimit)}</Table.Td>
                <Table.Td>
                  <StatusBadge tone={VERDICT_TONES[c.verdict]}>{t(`housing.offers.adequacy.verdicts.${c.verdict}`)}</StatusBadge>
                  {c.verdict === 'rent_too_high' && c.rentExcess !== null && (
                    <Text size="sm">{t('housing.offers.adequacy.excess', { amount: money(c.rentExcess) })}</Text>
                  )}
                </Table.Td>
                <Table.Td ta="right">
                  {c.areaLimit === null ? '–' : t('housing.offers.squareMetres', { area: fmt.number(c.areaLimit) })}
                  {c.areaAboveLimit && <Text size="sm">{t('housing.offers.adequacy.areaAbove')}</Text>}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </Stack>
  );
}

/** Households (fitting or near misses) with why they fit or not; fitting ones can be proposed. */
function CandidateTable({ items, offer, label, caption, ranked, onPropose }: { items: Candidate[]; offer: Offer; label: string; caption: string; ranked: boolean; onPropose?: (c: Candidate) => void }) {
  const { t } = useTranslation();
  return (
    <TableScroll label={label} minWidth={960}>
      <Table striped>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {ranked && <Table.Th scope="col">{t('housing.offers.candidates.rank')}</Table.Th>}
            <Table.Th scope="col">{t('housing.offers.candidates.household')}</Table.Th>
            <Table.Th scope="col">{t('housing.offers.candidates.size')}</Table.Th>
            <Table.Th scope="col">{t('housing.offers.candidates.searchingSince')}</Table.Th>
            <Table.Th scope="col">{ranked ? t('housing.offers.candidates.whyFits') : t('housing.offers.candidates.whyNot')}</Table.Th>
            {onPropose && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((c, i) => (
            <Table.Tr key={c.searchId}>
              {ranked && <Table.Td>{i + 1}</Table.Td>}
              <Table.Th scope="row" fw={400}>
                <Anchor component={Link} to={`/cases/${c.caseId}?tab=housing`}>
                  {c.caseNumber}
                </Anchor>
                <Text size="sm">{c.householdName}</Text>
              </Table.Th>
              <Table.Td>{householdText(t, c.persons, c.children)}</Table.Td>
              <Table.Td>
                <Day value={c.searchingSince} />
              </Table.Td>
              <Table.Td>
                <FitReasons fit={c.fit} childCount={c.children} grossColdRent={offer.grossColdRent} label={t('housing.fit.reasonsOf', { name: c.householdName })} />
              </Table.Td>
              {onPropose && (
                <Table.Td>
                  {c.proposalId ? (
                    <Text size="sm">{t('housing.offers.candidates.alreadyProposed')}</Text>
                  ) : (
                    <Button size="compact-sm" onClick={() => onPropose(c)} aria-label={t('housing.offers.candidates.proposeNamed', { name: `${c.householdName} (${c.caseNumber})` })}>
                      {t('housing.offers.candidates.propose')}
                    </Button>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

/** Propose a household for the flat, with an optional note for the colleagues. */
function ProposeDialog({ offer, candidate, onClose, onSaved }: { offer: Offer; candidate: Candidate; onClose: () => void; onSaved: (p: Proposal) => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const errors = useFormErrors();
  const save = useMutation({
    mutationFn: () => api.post<Proposal>(`/housing/offers/${offer.id}/proposals`, { searchId: candidate.searchId, note: note.trim() || null }),
    onMutate: () => errors.clear(),
    onSuccess: onSaved,
    onError: errors.setError,
  });
  return (
    <ConfirmModal
      opened
      title={t('housing.offers.candidates.proposeTitle')}
      message={t('housing.offers.candidates.proposeMessage', { household: candidate.householdName, caseNumber: candidate.caseNumber, address: offerAddress(offer) })}
      confirmLabel={t('housing.offers.candidates.propose')}
      pending={save.isPending}
      onConfirm={() => save.mutate()}
      onClose={onClose}
    >
      <FormError error={errors.error} knownPaths={['note']} />
      <Textarea label={t('housing.proposals.fields.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.field('note')} autosize minRows={2} maxLength={2000} />
    </ConfirmModal>
  );
}

/** The ranked households for an open offer: the fitting ones best first, the excluded counted by reason, the near misses. */
function CandidatesSection({ offer, canPropose, onProposed }: { offer: Offer; canPropose: boolean; onProposed: (p: Proposal) => void }) {
  const { t } = useTranslation();
  const [proposing, setProposing] = useState<Candidate | null>(null);
  const query = useQuery({
    queryKey: brokerageKeys.candidates(offer.id),
    queryFn: () => api.get<CandidateList>(`/housing/offers/${offer.id}/candidates`),
  });
  const excludedTotal = query.data?.excluded.reduce((n, e) => n + e.count, 0) ?? 0;
  return (
    <Paper component="section" aria-labelledby="candidates-heading" withBorder p="md">
      <Title order={2} size="h3" id="candidates-heading" mb="xs">
        {t('housing.offers.candidates.heading')}
      </Title>
      <Text size="sm" mb="sm">
        {t('housing.offers.candidates.intro')}
      </Text>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Stack gap="md">
          {query.data.items.length === 0 ? (
            <Text>{t('housing.offers.candidates.noneFitting')}</Text>
          ) : (
            <CandidateTable
              items={query.data.items}
              offer={offer}
              ranked
              label={t('housing.offers.candidates.tableLabel')}
              caption={
                query.data.fitting > query.data.items.length
                  ? t('housing.offers.candidates.captionSome', { count: query.data.fitting, shown: query.data.items.length })
                  : t('housing.offers.candidates.caption', { count: query.data.fitting })
              }
              onPropose={canPropose ? setProposing : undefined}
            />
          )}
          {excludedTotal > 0 && (
            <section aria-labelledby="excluded-heading">
              <Title order={3} size="h4" id="excluded-heading" mb="xs">
                {t('housing.offers.candidates.excludedHeading', { count: excludedTotal })}
              </Title>
              <Table maw={560}>
                <Table.Caption>{t('housing.offers.candidates.excludedCaption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('housing.offers.candidates.reason')}</Table.Th>
                    <Table.Th scope="col" ta="right">{t('housing.offers.candidates.households')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {query.data.excluded.map((e) => (
                    <Table.Tr key={e.blocker}>
                      <Table.Th scope="row" fw={400}>
                        {t(`housing.fit.blockers.${e.blocker}`)}
                      </Table.Th>
                      <Table.Td ta="right">{e.count}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </section>
          )}
          {query.data.nearMisses.length > 0 && (
            <section aria-labelledby="near-misses-heading">
              <Title order={3} size="h4" id="near-misses-heading" mb="xs">
                {t('housing.offers.candidates.nearMissesHeading')}
              </Title>
              <CandidateTable
                items={query.data.nearMisses}
                offer={offer}
                ranked={false}
                label={t('housing.offers.candidates.nearMissesLabel')}
                caption={t('housing.offers.candidates.nearMissesCaption', { count: query.data.nearMisses.length })}
              />
            </section>
          )}
        </Stack>
      )}
      {proposing && (
        <ProposeDialog
          offer={offer}
          candidate={proposing}
          onClose={() => setProposing(null)}
          onSaved={(p) => {
            setProposing(null);
            onProposed(p);
          }}
        />
      )}
    </Paper>
  );
}

/** Reserve, release or withdraw the offer (a let offer changes only through its lease). */
function StatusActions({ offer, onSaved }: { offer: Offer; onSaved: (d: OfferDetail, message: string) => void }) {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const change = useMutation({
    mutationFn: (status: 'open' | 'reserved' | 'withdrawn') => api.patch<OfferDetail>(`/housing/offers/${offer.id}`, { version: offer.version, status }),
    onMutate: () => errors.clear(),
    onSuccess: (d, status) => onSaved(d, t(`housing.offers.statusChanged.${status}`)),
    onError: errors.setError,
  });
  // A withdrawn flat can only come back on offer; an open or reserved one can be reserved, released or withdrawn.
  const targets = offer.status === 'withdrawn' ? (['open'] as const) : (['reserved', 'open', 'withdrawn'] as const).filter((s) => s !== offer.status);
  return (
    <Stack gap="xs">
      <FormError error={errors.error} />
      <Group gap="sm">
        {targets.map((s) => (
          <Button key={s} variant="default" loading={change.isPending && change.variables === s} onClick={() => change.mutate(s)}>
            {t(`housing.offers.setStatus.${s}`)}
          </Button>
        ))}
      </Group>
    </Stack>
  );
}

/** /housing/offers/:id: a flat offer with its adequacy, the ranked households, and its proposals. */
export function OfferPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const notice = useNotice();
  const fmt = useFormatters();
  const [editing, setEditing] = useState(false);
  const [createdNotice, setCreatedNotice] = useState((location.state as { created?: boolean } | null)?.created === true);
  const query = useQuery({ queryKey: brokerageKeys.offer(id), queryFn: () => api.get<OfferDetail>(`/housing/offers/${id}`) });

  if (query.isPending) return <Loading />;
  if (query.error instanceof ApiError && query.error.status === 404) return <NotFoundPage />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const { offer, adequacy, proposals, canEdit } = query.data;
  const changed = (message: string, detail?: OfferDetail) => {
    setCreatedNotice(false);
    notice.show(message);
    if (detail) queryClient.setQueryData(brokerageKeys.offer(id), detail);
    // Offers, candidates, the households' cases: a proposal or a lease touches all of them.
    void queryClient.invalidateQueries({ queryKey: brokerageKeys.all });
  };
  const matching = offer.status === 'open' || offer.status === 'reserved';

  return (
    <>
      <PageHeader
        title={offerAddress(offer)}
        description={t('housing.offers.headline', { rooms: fmt.number(offer.rooms), area: fmt.number(offer.floorArea), landlord: offer.landlord.name })}
        actions={<StatusBadge tone={OFFER_STATUS_TONES[offer.status]}>{t(`housing.offers.statuses.${offer.status}`)}</StatusBadge>}
      />
      <Stack gap="lg">
        <Notice
          notice={notice.notice ?? (createdNotice ? t('housing.offers.created') : null)}
          onClose={() => {
            notice.clear();
            setCreatedNotice(false);
          }}
        />
        <Anchor component={Link} to="/housing/offers">
          {t('housing.offers.backToList')}
        </Anchor>

        <Paper component="section" aria-labelledby="offer-data-heading" withBorder p="md">
          <Group justify="space-between" align="flex-start" mb="sm">
            <Title order={2} size="h3" id="offer-data-heading">
              {editing ? t('housing.offers.editHeading') : t('housing.offers.dataHeading')}
            </Title>
            {canEdit && offer.status !== 'let' && !editing && (
              <Button variant="default" onClick={() => setEditing(true)}>
                {t('housing.offers.edit')}
              </Button>
            )}
          </Group>
          {editing ? (
            <OfferForm
              offer={offer}
              headingId="offer-data-heading"
              onSaved={(d) => {
                setEditing(false);
                changed(t('housing.offers.saved'), d);
              }}
              onCancel={() => setEditing(false)}
            />
          ) : (
            <Stack gap="md">
              <OfferFacts o={offer} />
              {canEdit && offer.status !== 'let' && <StatusActions offer={offer} onSaved={(d, message) => changed(message, d)} />}
            </Stack>
          )}
        </Paper>

        <Paper component="section" aria-labelledby="adequacy-heading" withBorder p="md">
          <Title order={2} size="h3" id="adequacy-heading" mb="xs">
            {t('housing.offers.adequacy.heading')}
          </Title>
          <AdequacyTable checks={adequacy} />
        </Paper>

        {matching && <CandidatesSection offer={offer} canPropose={canEdit && can('housing.manage')} onProposed={(p) => changed(t('housing.offers.candidates.proposed', { name: p.householdName }))} />}

        <Paper component="section" aria-labelledby="proposals-heading" withBorder p="md">
          <Title order={2} size="h3" id="proposals-heading" mb="sm">
            {t('housing.proposals.heading')}
          </Title>
          <ProposalTable
            proposals={proposals}
            of="offer"
            canManage={canEdit && can('housing.manage')}
            onChanged={(p, step) => {
              changed(t(`housing.proposals.saved.${step}`, { name: p.householdName }));
              // The lease rewrote the household's case file (tenancy, address, living situation).
              if (step === 'lease_signed') void queryClient.invalidateQueries({ queryKey: casesKeys.detail(p.caseId) });
            }}
          />
        </Paper>
      </Stack>
    </>
  );
}
