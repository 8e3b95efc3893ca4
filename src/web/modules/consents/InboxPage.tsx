import { Anchor, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { QueryError } from '../../app/errors';
import { useSession } from '../../app/session';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { TableScroll } from '../../ui/TableScroll';
import { useFormatters } from '../../ui/format';
import { Day } from '../deadlines/DeadlineParts';
import { DisclosureStatus } from './DisclosureParts';
import { consentKeys, useCategoryList, type Disclosure } from './shared';

function ReceivedList() {
  const { t } = useTranslation();
  const f = useFormatters();
  const categoryList = useCategoryList();
  const query = useQuery({ queryKey: consentKeys.received, queryFn: () => api.get<{ items: Disclosure[] }>('/disclosures/received') });
  if (query.isPending) return <Loading />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const items = query.data.items;
  if (items.length === 0) return <Text>{t('inbox.received.none')}</Text>;
  const caption = t('inbox.received.caption', { count: items.length });
  return (
    <TableScroll label={caption} minWidth={860}>
      <Table verticalSpacing="xs" striped data-testid="inbox-received">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('inbox.received.receivedAt')}</Table.Th>
            <Table.Th scope="col">{t('disclosures.columns.kind')}</Table.Th>
            <Table.Th scope="col">{t('inbox.received.sender')}</Table.Th>
            <Table.Th scope="col">{t('inbox.received.service')}</Table.Th>
            <Table.Th scope="col">{t('disclosures.columns.categories')}</Table.Th>
            <Table.Th scope="col">{t('common.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((d) => {
            const kind = t(`disclosures.kinds.${d.kind}`);
            return (
              <Table.Tr key={d.id}>
                <Table.Td>
                  <time dateTime={d.createdAt}>{f.dateTime(d.createdAt)}</time>
                </Table.Td>
                <Table.Th scope="row" fw={400}>
                  {/* The row's link names what it opens: kind, sender and day. */}
                  <Anchor component={Link} to={`/inbox/${d.id}`} aria-label={t('inbox.received.openFor', { kind, sender: d.sender.name, date: f.date(d.createdAt) })}>
                    {kind}
                  </Anchor>
                </Table.Th>
                <Table.Td>{d.sender.name}</Table.Td>
                <Table.Td>{d.recipient.serviceName ?? '–'}</Table.Td>
                <Table.Td>{categoryList(d.categories)}</Table.Td>
                <Table.Td>
                  <DisclosureStatus d={d} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

/** The own organisation's referrals that the partner has not answered in time. */
function OverdueReferrals() {
  const { t } = useTranslation();
  const f = useFormatters();
  const query = useQuery({ queryKey: consentKeys.overdue, queryFn: () => api.get<{ items: Disclosure[] }>('/disclosures/sent', { overdue: 'true' }) });
  if (query.isPending) return <Loading />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const items = query.data.items;
  if (items.length === 0) return <Text>{t('inbox.overdue.none')}</Text>;
  const caption = t('inbox.overdue.caption', { count: items.length });
  return (
    <TableScroll label={caption} minWidth={720}>
      <Table verticalSpacing="xs" striped data-testid="inbox-overdue">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('inbox.overdue.case')}</Table.Th>
            <Table.Th scope="col">{t('disclosures.columns.recipient')}</Table.Th>
            <Table.Th scope="col">{t('disclosures.columns.sentAt')}</Table.Th>
            <Table.Th scope="col">{t('inbox.overdue.replyDue')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((d) => (
            <Table.Tr key={d.id}>
              <Table.Th scope="row" fw={400}>
                <Anchor component={Link} to={`/cases/${d.caseId}?tab=consents`}>
                  {d.caseNumber ?? '–'}
                </Anchor>
              </Table.Th>
              <Table.Td>{d.recipient.name}</Table.Td>
              <Table.Td>
                <time dateTime={d.createdAt}>{f.date(d.createdAt)}</time>
              </Table.Td>
              <Table.Td>{d.replyDueOn ? <Day value={d.replyDueOn} /> : '–'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

/**
 * /inbox: what other organisations sent here with the client's consent — shares, referrals,
 * transfers, status reports — and, for those who refer, the referrals still waiting for a reply.
 */
export function InboxPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  return (
    <>
      <PageHeader title={t('inbox.title')} description={t('inbox.intro')} />
      <Stack gap="xl">
        <section aria-labelledby="inbox-received">
          <Title order={2} size="h3" id="inbox-received" mb="sm">
            {t('inbox.received.heading')}
          </Title>
          <ReceivedList />
        </section>
        {can('cases.read') && (
          <section aria-labelledby="inbox-overdue">
            <Title order={2} size="h3" id="inbox-overdue" mb="xs">
              {t('inbox.overdue.heading')}
            </Title>
            <Text size="sm" mb="sm">
              {t('inbox.overdue.intro')}
            </Text>
            <OverdueReferrals />
          </section>
        )}
      </Stack>
    </>
  );
}
