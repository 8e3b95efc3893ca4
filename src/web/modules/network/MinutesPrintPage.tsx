import { Anchor, Button, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../app/errors';
import { NotFoundPage } from '../../app/StatusPages';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { TableScroll } from '../../ui/TableScroll';
import { useDayFormat } from '../deadlines/dates';
import { responsibleLabel } from './ActionParts';
import { useMeeting } from './MeetingPage';
import { partyLabel, type Participant } from './shared';
import './print.css';

function PeopleList({ people, empty }: { people: Participant[]; empty: string }) {
  if (people.length === 0) return <Text>{empty}</Text>;
  return (
    <List spacing={2}>
      {people.map((p) => (
        <List.Item key={p.id}>{partyLabel(p.organisation, p.personName, p.personFunction)}</List.Item>
      ))}
    </List>
  );
}

/**
 * /network/meetings/:id/print: the minutes as a document to print or save as PDF from the
 * browser: heading data, present and excused participants, agenda, minutes, agreed actions.
 */
export function MinutesPrintPage() {
  const { t } = useTranslation();
  const fmt = useDayFormat();
  const { id = '' } = useParams();
  const query = useMeeting(id);
  if (query.isPending) return <Loading />;
  if (query.isError) {
    if ((query.error as { status?: number }).status === 404) return <NotFoundPage />;
    return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  }
  const m = query.data;
  const present = m.participantList.filter((p) => p.attended === true);
  const absent = m.participantList.filter((p) => p.attended === false);
  const unknown = m.participantList.filter((p) => p.attended === null);

  return (
    <div className="minutes-document">
      <PageHeader
        title={t('network.print.title', { title: m.title })}
        documentTitle={t('network.print.documentTitle', { title: m.title })}
        actions={
          <Group className="no-print" gap="sm">
            <Anchor component={Link} to={`/network/meetings/${m.id}`}>
              {t('network.print.back')}
            </Anchor>
            <Button variant="default" onClick={() => window.print()}>
              {t('network.print.print')}
            </Button>
          </Group>
        }
      />
      <Stack gap="lg">
        <section aria-labelledby="print-data-heading">
          <Title order={2} size="h3" id="print-data-heading" mb="xs">
            {t('network.print.dataHeading')}
          </Title>
          <Text>
            {t(`network.kinds.${m.kind}`)} · {fmt.long(m.date)}, {t('network.timeRange', { from: m.startTime, to: m.endTime })}
          </Text>
          <Text>{[m.place, m.municipality?.name].filter(Boolean).join(', ') || '–'}</Text>
          <Text>{t('network.organisedBy', { name: m.organiser.name })}</Text>
          <Text>
            {t('network.fields.status')}: {t(`network.statuses.${m.status}`)}
          </Text>
        </section>

        <section aria-labelledby="print-present-heading">
          <Title order={2} size="h3" id="print-present-heading" mb="xs">
            {t('network.print.present', { count: present.length })}
          </Title>
          <PeopleList people={present} empty={t('network.print.nobody')} />
          {absent.length > 0 && (
            <>
              <Title order={3} size="h4" mt="sm" mb="xs">
                {t('network.print.absent', { count: absent.length })}
              </Title>
              <PeopleList people={absent} empty={t('network.print.nobody')} />
            </>
          )}
          {unknown.length > 0 && (
            <>
              <Title order={3} size="h4" mt="sm" mb="xs">
                {t('network.print.invited', { count: unknown.length })}
              </Title>
              <PeopleList people={unknown} empty={t('network.print.nobody')} />
            </>
          )}
        </section>

        <section aria-labelledby="print-agenda-heading">
          <Title order={2} size="h3" id="print-agenda-heading" mb="xs">
            {t('network.agenda.heading')}
          </Title>
          {m.agenda.length === 0 ? (
            <Text>{t('network.agenda.none')}</Text>
          ) : (
            <List type="ordered" spacing={2}>
              {m.agenda.map((a) => (
                <List.Item key={a.id}>
                  {a.title}
                  {a.presenter ? ` (${a.presenter})` : ''}
                </List.Item>
              ))}
            </List>
          )}
        </section>

        <section aria-labelledby="print-minutes-heading" className="minutes-text">
          <Title order={2} size="h3" id="print-minutes-heading" mb="xs">
            {t('network.minutes.heading')}
          </Title>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{m.minutes ?? t('network.minutes.none')}</Text>
        </section>

        <section aria-labelledby="print-actions-heading">
          <Title order={2} size="h3" id="print-actions-heading" mb="xs">
            {t('network.actions.heading')}
          </Title>
          {m.actions.length === 0 ? (
            <Text>{t('network.actions.noneInMeeting')}</Text>
          ) : (
            <TableScroll label={t('network.actions.heading')} minWidth={600}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('network.print.number')}</Table.Th>
                    <Table.Th scope="col">{t('network.actions.fields.text')}</Table.Th>
                    <Table.Th scope="col">{t('network.actions.fields.responsible')}</Table.Th>
                    <Table.Th scope="col">{t('network.actions.fields.dueOn')}</Table.Th>
                    <Table.Th scope="col">{t('network.actions.fields.state')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {m.actions.map((a, i) => (
                    <Table.Tr key={a.id}>
                      <Table.Td>{i + 1}</Table.Td>
                      <Table.Th scope="row" fw={400} style={{ whiteSpace: 'pre-wrap' }}>
                        {a.text}
                      </Table.Th>
                      <Table.Td>{responsibleLabel(a)}</Table.Td>
                      <Table.Td>{a.dueOn ? fmt.short(a.dueOn) : '–'}</Table.Td>
                      <Table.Td>
                        {t(`network.actions.states.${a.state}`)}
                        {a.doneOn ? ` (${fmt.short(a.doneOn)})` : ''}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )}
        </section>
        <Text size="sm">{t('network.print.footer')}</Text>
      </Stack>
    </div>
  );
}
