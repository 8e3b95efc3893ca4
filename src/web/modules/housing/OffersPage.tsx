import { Anchor, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { OFFER_STATUSES, type OfferStatus } from '../../../contracts/housing';
import { api } from '../../app/api';
import { QueryError } from '../../app/errors';
import { useSession } from '../../app/session';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { StatusBadge } from '../../ui/StatusBadge';
import { TableScroll } from '../../ui/TableScroll';
import { useFormatters } from '../../ui/format';
import { Day } from '../deadlines/DeadlineParts';
import { useDayFormat } from '../deadlines/dates';
import { brokerageKeys, offerAddress, type OfferList } from './brokerage';
import { OFFER_STATUS_TONES } from './housingShared';
import { OfferForm } from './OfferForm';

/** /housing/offers: the organisation's flat offers, filtered by status, and a form for a new one. */
export function OffersPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { money } = useDayFormat();
  const fmt = useFormatters();
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status') ?? '';
  const status = (OFFER_STATUSES as readonly string[]).includes(statusParam) ? (statusParam as OfferStatus) : '';
  const query = useQuery({
    queryKey: brokerageKeys.offers(status),
    queryFn: () => api.get<OfferList>('/housing/offers', { status: status || undefined }),
  });
  const items = query.data?.items ?? [];

  return (
    <>
      <PageHeader title={t('housing.offers.title')} description={t('housing.offers.description')} />
      <Stack gap="md">
        <Paper withBorder p="md">
          <Stack gap="md">
            <SegmentedControl
              aria-label={t('housing.offers.statusFilter')}
              value={status}
              onChange={(v) =>
                setParams((p) => {
                  if (v) p.set('status', v);
                  else p.delete('status');
                  return p;
                }, { replace: true })
              }
              data={[{ value: '', label: t('housing.offers.allStatuses') }, ...OFFER_STATUSES.map((s) => ({ value: s, label: t(`housing.offers.statuses.${s}`) }))]}
              style={{ alignSelf: 'flex-start' }}
            />
            {query.isPending ? (
              <Loading />
            ) : query.isError ? (
              <QueryError error={query.error} onRetry={() => void query.refetch()} />
            ) : items.length === 0 ? (
              <Text>{t('housing.offers.empty')}</Text>
            ) : (
              <TableScroll label={t('housing.offers.tableLabel')} minWidth={1000}>
                <Table striped>
                  <Table.Caption>{t('housing.offers.caption', { count: items.length })}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('housing.offers.fields.address')}</Table.Th>
                      <Table.Th scope="col">{t('common.status')}</Table.Th>
                      <Table.Th scope="col">{t('housing.offers.fields.landlord')}</Table.Th>
                      <Table.Th scope="col" ta="right">{t('housing.offers.fields.rooms')}</Table.Th>
                      <Table.Th scope="col" ta="right">{t('housing.offers.fields.floorAreaShort')}</Table.Th>
                      <Table.Th scope="col" ta="right">{t('housing.offers.fields.grossColdRent')}</Table.Th>
                      <Table.Th scope="col">{t('housing.offers.fields.availableFrom')}</Table.Th>
                      <Table.Th scope="col" ta="right">{t('housing.offers.fields.proposals')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((o) => (
                      <Table.Tr key={o.id}>
                        <Table.Th scope="row" fw={400}>
                          <Anchor component={Link} to={`/housing/offers/${o.id}`}>
                            {offerAddress(o)}
                          </Anchor>
                          <Text size="sm">{o.municipality.name}</Text>
                        </Table.Th>
                        <Table.Td>
                          <StatusBadge tone={OFFER_STATUS_TONES[o.status]}>{t(`housing.offers.statuses.${o.status}`)}</StatusBadge>
                        </Table.Td>
                        <Table.Td>
                          {o.landlord.name}
                          {o.landlord.cooperating && <Text size="sm">{t('housing.offers.cooperating')}</Text>}
                        </Table.Td>
                        <Table.Td ta="right">{fmt.number(o.rooms)}</Table.Td>
                        <Table.Td ta="right">{t('housing.offers.squareMetres', { area: fmt.number(o.floorArea) })}</Table.Td>
                        <Table.Td ta="right">{money(o.grossColdRent)}</Table.Td>
                        <Table.Td>
                          <Day value={o.availableFrom} />
                        </Table.Td>
                        <Table.Td ta="right">{o.proposals}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </TableScroll>
            )}
          </Stack>
        </Paper>
        {can('housing.manage') && (
          <Paper withBorder p="md">
            <Title order={2} size="h3" id="offer-new-heading" mb="sm">
              {t('housing.offers.newHeading')}
            </Title>
            <OfferForm
              headingId="offer-new-heading"
              onSaved={(d) => {
                void queryClient.invalidateQueries({ queryKey: ['housing', 'offers'] });
                void navigate(`/housing/offers/${d.offer.id}`, { state: { created: true } });
              }}
            />
          </Paper>
        )}
      </Stack>
    </>
  );
}
