import { Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { useTranslation } from 'react-i18next';
import type { Receipt, ReceiptList } from '../../../contracts/intake';
import { api } from '../../app/api';
import { QueryError } from '../../app/errors';
import { useActiveSession } from '../../app/session';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { StatusBadge, type Tone } from '../../ui/StatusBadge';
import { TableScroll } from '../../ui/TableScroll';
import { useFormatters } from '../../ui/format';
import { Day } from '../deadlines/DeadlineParts';
import { NoticeForm } from './NoticeForm';

type ReceiptItem = z.infer<typeof Receipt>;

const RECEIPTS_KEY = ['receipts'] as const;

const STATUS_TONE: Record<ReceiptItem['status'], Tone> = {
  received: 'info',
  in_progress: 'info',
  contact_made: 'success',
  closed: 'neutral',
};

/**
 * /portal: partners (Jobcenter, court, housing companies) report here and follow their own
 * notices. They see the status of each notice and nothing of the case behind it.
 */
export function PortalPage() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const fmt = useFormatters();
  const queryClient = useQueryClient();
  const receipts = useQuery({
    queryKey: RECEIPTS_KEY,
    queryFn: async () => (await api.get<z.infer<typeof ReceiptList>>('/receipts')).items,
  });

  return (
    <>
      <PageHeader title={t('portal.title')} description={t('portal.intro', { organisation: session.organisation.name })} />
      <Stack gap="xl">
        <section aria-labelledby="portal-new">
          <Title order={2} size="h3" id="portal-new" mb="sm">
            {t('portal.newHeading')}
          </Title>
          <NoticeForm
            detail="receipt"
            headingOrder={3}
            onSubmitted={() => void queryClient.invalidateQueries({ queryKey: RECEIPTS_KEY })}
          />
        </section>

        <section aria-labelledby="portal-receipts">
          <Title order={2} size="h3" id="portal-receipts" mb="sm">
            {t('portal.receiptsHeading')}
          </Title>
          {receipts.isPending ? (
            <Loading />
          ) : receipts.isError ? (
            <QueryError error={receipts.error} onRetry={() => void receipts.refetch()} />
          ) : receipts.data.length === 0 ? (
            <Text>{t('portal.empty')}</Text>
          ) : (
            <TableScroll label={t('portal.receiptsHeading')} minWidth={720}>
              <Table striped verticalSpacing="sm" data-testid="receipts">
                <Table.Caption>{t('portal.receiptsCaption', { count: receipts.data.length })}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('portal.externalId')}</Table.Th>
                    <Table.Th scope="col">{t('intake.kind')}</Table.Th>
                    <Table.Th scope="col">{t('intake.receivedOn')}</Table.Th>
                    <Table.Th scope="col">{t('portal.channel')}</Table.Th>
                    <Table.Th scope="col">{t('portal.sentAt')}</Table.Th>
                    <Table.Th scope="col">{t('common.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {receipts.data.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td style={{ wordBreak: 'break-all' }}>{r.externalId}</Table.Td>
                      <Table.Td>{t(`intake.kinds.${r.kind}`)}</Table.Td>
                      <Table.Td>
                        <Day value={r.receivedOn} />
                      </Table.Td>
                      <Table.Td>{t(`intake.channels.${r.channel}`, { defaultValue: r.channel })}</Table.Td>
                      <Table.Td>{fmt.dateTime(r.createdAt)}</Table.Td>
                      <Table.Td>
                        <StatusBadge tone={STATUS_TONE[r.status]}>{t(`portal.status.${r.status}`)}</StatusBadge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )}
        </section>
      </Stack>
    </>
  );
}
