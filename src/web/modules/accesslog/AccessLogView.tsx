import { Badge, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AccessLog, AccessLogActivity, AccessLogActor, AccessLogDisclosure, AccessLogOrganisation } from '../../../contracts/accesslog';
import { TableScroll } from '../../ui/TableScroll';
import { useFormatters } from '../../ui/format';

export const accessLogKeys = {
  log: (caseId: string, from: string, to: string) => ['cases', 'access-log', caseId, from, to] as const,
};

/** A day of the period (YYYY-MM-DD), or '' for an open end. */
export const isDay = (v: string | null): v is string => v !== null && /^\d{4}-\d{2}-\d{2}$/.test(v);

function useLabels() {
  const { t } = useTranslation();
  const activity = (a: AccessLogActivity) => {
    const label = a.activity === 'other' ? t('accessLog.otherAction', { actions: a.actions.join(', ') }) : t(`accessLog.activities.${a.activity}`);
    return a.recipients.length ? t('accessLog.activityTo', { activity: label, recipients: a.recipients.join(', ') }) : label;
  };
  const actor = (a: Pick<AccessLogActor, 'kind' | 'name'>) =>
    a.kind === 'api_key' ? t('accessLog.actorApiKey', { name: a.name }) : a.kind === 'system' ? t('accessLog.actorSystem', { name: a.name || 'system' }) : a.name;
  const organisation = (o: Pick<AccessLogOrganisation, 'name' | 'orgId'>) => o.name ?? t('accessLog.noOrganisation');
  return { activity, actor, organisation };
}

/**
 * The access log of a client: per organisation who acted, how often, first and last, and what
 * they did; then every flow of the data to another party. Used in the case tab and on paper.
 */
export function AccessLogView({ log, headingLevel = 3 }: { log: AccessLog; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const labels = useLabels();
  const sub = (headingLevel + 1) as 3 | 4;

  return (
    <Stack gap="lg">
      <section aria-labelledby="access-log-orgs">
        <Title order={headingLevel} size="h4" id="access-log-orgs" mb="xs">
          {t('accessLog.organisationsHeading')}
        </Title>
        {log.organisations.length === 0 ? (
          <Text>{t('accessLog.empty')}</Text>
        ) : (
          <Stack gap="md">
            <Text>{t('accessLog.total', { count: log.total })}</Text>
            {log.organisations.map((o, i) => (
              <section key={o.orgId ?? 'none'} aria-labelledby={`access-log-org-${i}`} className="access-log-org">
                <Group gap="xs" mb={4} wrap="wrap">
                  <Title order={sub} size="h5" id={`access-log-org-${i}`}>
                    {labels.organisation(o)}
                  </Title>
                  {o.own && (
                    <Badge variant="light" color="blue">
                      {t('accessLog.own')}
                    </Badge>
                  )}
                  {o.kind && <Text size="sm">{t(`organisationKinds.${o.kind}`, { defaultValue: o.kind })}</Text>}
                </Group>
                <Text size="sm" mb="xs">
                  {t('accessLog.orgSummary', { count: o.count, first: fmt.dateTime(o.firstAt), last: fmt.dateTime(o.lastAt) })}
                </Text>
                <TableScroll label={t('accessLog.tableLabel', { organisation: labels.organisation(o) })} minWidth={720}>
                  <Table verticalSpacing="xs" withTableBorder>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('accessLog.columns.person')}</Table.Th>
                        <Table.Th scope="col">{t('accessLog.columns.what')}</Table.Th>
                        <Table.Th scope="col">{t('accessLog.columns.count')}</Table.Th>
                        <Table.Th scope="col">{t('accessLog.columns.first')}</Table.Th>
                        <Table.Th scope="col">{t('accessLog.columns.last')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {o.actors.map((a) => (
                        <Table.Tr key={a.userId ?? `${a.kind}:${a.name}`}>
                          <Table.Th scope="row" fw={500} style={{ verticalAlign: 'top' }}>
                            {labels.actor(a)}
                          </Table.Th>
                          <Table.Td>
                            <List size="sm" spacing={2}>
                              {a.activities.map((x) => (
                                <List.Item key={x.activity}>{t('accessLog.activityCount', { activity: labels.activity(x), count: x.count })}</List.Item>
                              ))}
                            </List>
                          </Table.Td>
                          <Table.Td style={{ verticalAlign: 'top' }}>{fmt.number(a.count)}</Table.Td>
                          <Table.Td style={{ verticalAlign: 'top', whiteSpace: 'nowrap' }}>{fmt.dateTime(a.firstAt)}</Table.Td>
                          <Table.Td style={{ verticalAlign: 'top', whiteSpace: 'nowrap' }}>{fmt.dateTime(a.lastAt)}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </TableScroll>
              </section>
            ))}
          </Stack>
        )}
      </section>
      <section aria-labelledby="access-log-disclosures">
        <Title order={headingLevel} size="h4" id="access-log-disclosures" mb="xs">
          {t('accessLog.disclosuresHeading')}
        </Title>
        {log.disclosures.length === 0 ? <Text>{t('accessLog.disclosuresEmpty')}</Text> : <DisclosureTable items={log.disclosures} />}
      </section>
    </Stack>
  );
}

function DisclosureTable({ items }: { items: AccessLogDisclosure[] }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const categories = (d: AccessLogDisclosure) =>
    d.kind === 'rent_debt_application'
      ? t('accessLog.rentDebtContents')
      : d.categories.map((c) => t(`accessLog.categories.${c}`, { defaultValue: c })).join(', ');
  return (
    <TableScroll label={t('accessLog.disclosuresCaption', { count: items.length })} minWidth={820}>
      <Table verticalSpacing="xs" withTableBorder>
        <Table.Caption>{t('accessLog.disclosuresCaption', { count: items.length })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('accessLog.disclosureColumns.at')}</Table.Th>
            <Table.Th scope="col">{t('accessLog.disclosureColumns.recipient')}</Table.Th>
            <Table.Th scope="col">{t('accessLog.disclosureColumns.kind')}</Table.Th>
            <Table.Th scope="col">{t('accessLog.disclosureColumns.categories')}</Table.Th>
            <Table.Th scope="col">{t('accessLog.disclosureColumns.by')}</Table.Th>
            <Table.Th scope="col">{t('accessLog.disclosureColumns.received')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((d, i) => (
            <Table.Tr key={d.id ?? `${d.kind}-${i}`}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(d.at)}</Table.Td>
              <Table.Th scope="row" fw={500}>
                {d.recipientName}
              </Table.Th>
              <Table.Td>
                {t(`accessLog.disclosureKinds.${d.kind}`, { defaultValue: d.kind })}
                {d.status && (
                  <Text size="sm" c="dimmed">
                    {t(`accessLog.statuses.${d.status}`, { defaultValue: d.status })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{categories(d)}</Table.Td>
              <Table.Td>{[d.fromOrgName, d.by].filter(Boolean).join(', ')}</Table.Td>
              <Table.Td>
                {d.received
                  ? t('accessLog.received', { count: d.received.count, first: fmt.dateTime(d.received.firstAt), last: fmt.dateTime(d.received.lastAt) })
                  : t('accessLog.notReceived')}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
