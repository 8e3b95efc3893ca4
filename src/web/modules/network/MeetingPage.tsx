import { useState } from 'react';
import { Alert, Anchor, Button, Group, List, Paper, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { MEETING_LIMITS } from '../../../contracts/network';
import { api, buildUrl } from '../../app/api';
import { QueryError, useFormErrors } from '../../app/errors';
import { NotFoundPage } from '../../app/StatusPages';
import { DefinitionItem } from '../../ui/DefinitionItem';
import { Loading } from '../../ui/Loading';
import { Notice, useNotice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { StatusBadge } from '../../ui/StatusBadge';
import { TableScroll } from '../../ui/TableScroll';
import { Day } from '../deadlines/DeadlineParts';
import { ActionTable, NewActionForm } from './ActionParts';
import { MeetingForm } from './MeetingForm';
import { MEETING_STATUS_TONES, NetworkForm, networkKeys, type Meeting } from './shared';

export function useMeeting(id: string) {
  return useQuery({ queryKey: networkKeys.meeting(id), queryFn: () => api.get<Meeting>(`/network/meetings/${id}`) });
}

/** The minutes, written after the meeting by the organiser. Never data of clients: the help text says so. */
function MinutesForm({ meeting, onSaved }: { meeting: Meeting; onSaved: (m: Meeting) => void }) {
  const { t } = useTranslation();
  const [minutes, setMinutes] = useState(meeting.minutes ?? '');
  const errors = useFormErrors();
  const save = useMutation({
    mutationFn: () => api.patch<Meeting>(`/network/meetings/${meeting.id}`, { version: meeting.version, minutes: minutes.trim() ? minutes : null }),
    onMutate: () => errors.clear(),
    onSuccess: onSaved,
    onError: errors.setError,
  });
  return (
    <NetworkForm error={errors.error} knownPaths={['minutes']} onSubmit={() => save.mutate()} submitLabel={t('network.minutes.save')} pending={save.isPending}>
      <Textarea
        label={t('network.minutes.label')}
        description={t('network.minutes.noClientData')}
        value={minutes}
        onChange={(e) => setMinutes(e.currentTarget.value)}
        error={errors.field('minutes')}
        autosize
        minRows={8}
        maxLength={MEETING_LIMITS.minutesChars}
      />
    </NetworkForm>
  );
}

/** /network/meetings/:id: a meeting with agenda, participants, minutes and agreed actions. */
export function MeetingPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const queryClient = useQueryClient();
  const notice = useNotice();
  const query = useMeeting(id);
  const [editing, setEditing] = useState(false);
  // Arriving from the form that planned it: say so once, until closed.
  const [createdNotice, setCreatedNotice] = useState((location.state as { created?: boolean } | null)?.created === true);

  if (query.isPending) return <Loading />;
  if (query.isError) {
    if ((query.error as { status?: number }).status === 404) return <NotFoundPage />;
    return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  }
  const m = query.data;
  const refresh = async (message: string) => {
    notice.show(message);
    await queryClient.invalidateQueries({ queryKey: networkKeys.all });
  };
  const saved = (updated: Meeting, message: string) => {
    queryClient.setQueryData(networkKeys.meeting(id), updated);
    void refresh(message);
  };
  const present = m.participantList.filter((p) => p.attended === true).length;

  return (
    <>
      <PageHeader
        title={m.title}
        description={
          <>
            {t(`network.kinds.${m.kind}`)} · {t('network.organisedBy', { name: m.organiser.name })}
          </>
        }
        actions={
          <>
            <Button component={Link} to={`/network/meetings/${m.id}/print`} variant="default">
              {t('network.minutes.print')}
            </Button>
            <Button component="a" href={buildUrl(`/network/meetings/${m.id}/ics`)} download variant="default">
              {t('network.ics')}
            </Button>
          </>
        }
      />
      <Stack gap="lg">
        <Notice
          notice={notice.notice ?? (createdNotice ? t('network.form.created') : null)}
          onClose={() => {
            notice.clear();
            setCreatedNotice(false);
          }}
        />
        <Anchor component={Link} to="/network/meetings">
          {t('network.backToList')}
        </Anchor>

        {editing ? (
          <Paper withBorder p="md">
            <MeetingForm
              meeting={m}
              onSaved={(updated) => {
                setEditing(false);
                saved(updated, t('network.form.saved'));
              }}
              onCancel={() => setEditing(false)}
            />
          </Paper>
        ) : (
          <Paper component="section" aria-labelledby="meeting-data-heading" withBorder p="md">
            <Group justify="space-between" align="flex-start" mb="sm">
              <Title order={2} size="h3" id="meeting-data-heading">
                {t('network.detail.dataHeading')}
              </Title>
              {m.mayEdit && (
                <Button variant="default" onClick={() => setEditing(true)}>
                  {t('network.detail.edit')}
                </Button>
              )}
            </Group>
            <SimpleGrid component="dl" cols={{ base: 1, sm: 2, lg: 4 }} spacing="md" m={0}>
              <DefinitionItem label={t('network.fields.date')}>
                <Day value={m.date} long />
              </DefinitionItem>
              <DefinitionItem label={t('network.fields.time')}>{t('network.timeRange', { from: m.startTime, to: m.endTime })}</DefinitionItem>
              <DefinitionItem label={t('network.fields.place')}>{[m.place, m.municipality?.name].filter(Boolean).join(', ') || '–'}</DefinitionItem>
              <DefinitionItem label={t('network.fields.status')}>
                <StatusBadge tone={MEETING_STATUS_TONES[m.status]}>{t(`network.statuses.${m.status}`)}</StatusBadge>
              </DefinitionItem>
            </SimpleGrid>
          </Paper>
        )}

        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
          <Paper component="section" aria-labelledby="meeting-agenda-heading" withBorder p="md">
            <Title order={2} size="h3" id="meeting-agenda-heading" mb="sm">
              {t('network.agenda.heading')}
            </Title>
            {m.agenda.length === 0 ? (
              <Text>{t('network.agenda.none')}</Text>
            ) : (
              <List type="ordered" spacing="xs">
                {m.agenda.map((a) => (
                  <List.Item key={a.id}>
                    {a.title}
                    {a.presenter && <Text span size="sm">{` (${a.presenter})`}</Text>}
                  </List.Item>
                ))}
              </List>
            )}
          </Paper>

          <Paper component="section" aria-labelledby="meeting-participants-heading" withBorder p="md">
            <Title order={2} size="h3" id="meeting-participants-heading" mb="sm">
              {t('network.participants.heading')}
            </Title>
            {m.participantList.length === 0 ? (
              <Text>{t('network.participants.none')}</Text>
            ) : (
              <TableScroll label={t('network.participants.heading')} minWidth={480}>
                <Table>
                  <Table.Caption>{t('network.participants.caption', { count: m.participantList.length, present })}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('network.participants.organisation')}</Table.Th>
                      <Table.Th scope="col">{t('network.participants.person')}</Table.Th>
                      <Table.Th scope="col">{t('network.participants.attendance')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {m.participantList.map((p) => (
                      <Table.Tr key={p.id}>
                        <Table.Th scope="row" fw={400}>
                          {p.organisation?.name ?? '–'}
                        </Table.Th>
                        <Table.Td>{[p.personName, p.personFunction].filter(Boolean).join(', ') || '–'}</Table.Td>
                        <Table.Td>{t(`network.attendance.${p.attended === true ? 'present' : p.attended === false ? 'absent' : 'unknown'}`)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </TableScroll>
            )}
          </Paper>
        </SimpleGrid>

        <Paper component="section" aria-labelledby="meeting-minutes-heading" withBorder p="md">
          <Title order={2} size="h3" id="meeting-minutes-heading" mb="sm">
            {t('network.minutes.heading')}
          </Title>
          {m.mayEdit ? (
            <MinutesForm key={m.version} meeting={m} onSaved={(updated) => saved(updated, t('network.minutes.saved'))} />
          ) : m.minutes ? (
            <Text style={{ whiteSpace: 'pre-wrap' }}>{m.minutes}</Text>
          ) : (
            <Text>{t('network.minutes.none')}</Text>
          )}
        </Paper>

        <Paper component="section" aria-labelledby="meeting-actions-heading" withBorder p="md">
          <Title order={2} size="h3" id="meeting-actions-heading" mb="sm">
            {t('network.actions.heading')}
          </Title>
          <Stack gap="md">
            {m.actions.length === 0 ? (
              <Text>{t('network.actions.noneInMeeting')}</Text>
            ) : (
              <ActionTable actions={m.actions} caption={t('network.actions.meetingCaption', { count: m.actions.length })} onChanged={(msg) => void refresh(msg)} onError={notice.show} />
            )}
            {m.mayEdit && (
              <Paper withBorder p="md" bg="gray.0">
                <NewActionForm meetingId={m.id} onSaved={() => void refresh(t('network.actions.created'))} />
              </Paper>
            )}
            {!m.mayEdit && (
              <Alert color="gray" variant="light">
                {t('network.detail.readOnly', { name: m.organiser.name })}
              </Alert>
            )}
          </Stack>
        </Paper>
      </Stack>
    </>
  );
}
