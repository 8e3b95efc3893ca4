import { useState } from 'react';
import { ActionIcon, Button, Fieldset, Group, NativeSelect, Stack, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { MEETING_KINDS, MEETING_STATUSES, type MeetingKind, type MeetingStatus } from '../../../contracts/network';
import { api } from '../../app/api';
import { useFormErrors } from '../../app/errors';
import { useMunicipalities } from '../../app/queries';
import { todayIso } from '../deadlines/dates';
import { NetworkForm, PartySelect, partyFields, partyValue, type Meeting } from './shared';

interface AgendaRow {
  key: number;
  title: string;
  presenter: string;
}
interface ParticipantRow {
  key: number;
  party: string;
  personName: string;
  personFunction: string;
  /** '' not recorded, 'yes' present, 'no' absent or excused. */
  attended: '' | 'yes' | 'no';
}

let nextKey = 1;
const key = () => nextKey++;

function move<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return list;
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item);
  return copy;
}

/**
 * Plan a meeting or change its data, agenda, participants and attendance (the organiser only).
 * Agenda and participants are edited as whole lists, as the API replaces them.
 */
export function MeetingForm({ meeting, onSaved, onCancel }: { meeting?: Meeting; onSaved: (m: Meeting) => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const municipalities = useMunicipalities();
  const [kind, setKind] = useState<MeetingKind>(meeting?.kind ?? 'district_network');
  const [title, setTitle] = useState(meeting?.title ?? '');
  const [date, setDate] = useState(meeting?.date ?? todayIso());
  const [startTime, setStartTime] = useState(meeting?.startTime ?? '10:00');
  const [endTime, setEndTime] = useState(meeting?.endTime ?? '12:00');
  const [place, setPlace] = useState(meeting?.place ?? '');
  const [municipalityId, setMunicipalityId] = useState(meeting?.municipality?.id ?? '');
  const [status, setStatus] = useState<MeetingStatus>(meeting?.status ?? 'planned');
  const [agenda, setAgenda] = useState<AgendaRow[]>(() => (meeting?.agenda ?? []).map((a) => ({ key: key(), title: a.title, presenter: a.presenter ?? '' })));
  const [participants, setParticipants] = useState<ParticipantRow[]>(() =>
    (meeting?.participantList ?? []).map((p) => ({
      key: key(),
      party: partyValue(p.organisation),
      personName: p.personName ?? '',
      personFunction: p.personFunction ?? '',
      attended: p.attended === true ? 'yes' : p.attended === false ? 'no' : '',
    })),
  );
  const errors = useFormErrors();
  const body = () => ({
    kind,
    title: title.trim(),
    date,
    startTime,
    endTime,
    place: place.trim() || null,
    municipalityId: municipalityId || null,
    status,
    agenda: agenda.map((a) => ({ title: a.title.trim(), presenter: a.presenter.trim() || null })),
    participants: participants.map((p) => ({
      ...partyFields(p.party),
      personName: p.personName.trim() || null,
      personFunction: p.personFunction.trim() || null,
      attended: p.attended === '' ? null : p.attended === 'yes',
    })),
  });
  const save = useMutation({
    mutationFn: () => (meeting ? api.patch<Meeting>(`/network/meetings/${meeting.id}`, { version: meeting.version, ...body() }) : api.post<Meeting>('/network/meetings', body())),
    onMutate: () => errors.clear(),
    onSuccess: onSaved,
    onError: errors.setError,
  });
  const setAgendaRow = (i: number, patch: Partial<AgendaRow>) => setAgenda((rows) => rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const setParticipant = (i: number, patch: Partial<ParticipantRow>) => setParticipants((rows) => rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const headingId = meeting ? 'meeting-edit-heading' : 'meeting-new-heading';

  return (
    <NetworkForm
      labelledBy={headingId}
      heading={
        <Title order={2} size="h3" id={headingId} mb="sm">
          {meeting ? t('network.form.editHeading') : t('network.form.newHeading')}
        </Title>
      }
      error={errors.error}
      knownPaths={['kind', 'title', 'date', 'startTime', 'endTime', 'place', 'municipalityId', 'status', 'agenda', 'participants']}
      onSubmit={() => save.mutate()}
      submitLabel={meeting ? t('common.save') : t('network.form.create')}
      pending={save.isPending}
      onCancel={onCancel}
      gap="md"
    >
      <Group align="flex-start" gap="md" wrap="wrap">
        <NativeSelect
          label={t('network.fields.kind')}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as MeetingKind)}
          data={MEETING_KINDS.map((k) => ({ value: k, label: t(`network.kinds.${k}`) }))}
          error={errors.field('kind')}
        />
        <TextInput label={t('network.fields.title')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.field('title')} required maxLength={200} miw={320} style={{ flexGrow: 1 }} />
      </Group>
      <Group align="flex-start" gap="md" wrap="wrap">
        <TextInput type="date" label={t('network.fields.date')} value={date} onChange={(e) => setDate(e.currentTarget.value)} error={errors.field('date')} required />
        <TextInput type="time" label={t('network.fields.startTime')} value={startTime} onChange={(e) => setStartTime(e.currentTarget.value)} error={errors.field('startTime')} required />
        <TextInput type="time" label={t('network.fields.endTime')} value={endTime} onChange={(e) => setEndTime(e.currentTarget.value)} error={errors.field('endTime')} required />
        {meeting && (
          <NativeSelect
            label={t('network.fields.status')}
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value as MeetingStatus)}
            data={MEETING_STATUSES.map((s) => ({ value: s, label: t(`network.statuses.${s}`) }))}
            error={errors.field('status')}
          />
        )}
      </Group>
      <Text size="sm">{t('network.form.timeZoneHint')}</Text>
      <Group align="flex-start" gap="md" wrap="wrap">
        <TextInput label={t('network.fields.place')} value={place} onChange={(e) => setPlace(e.currentTarget.value)} error={errors.field('place')} maxLength={300} miw={320} style={{ flexGrow: 1 }} />
        <NativeSelect
          label={t('network.fields.municipality')}
          value={municipalityId}
          onChange={(e) => setMunicipalityId(e.currentTarget.value)}
          data={[{ value: '', label: t('network.fields.noMunicipality') }, ...(municipalities.data ?? []).map((m) => ({ value: m.id, label: m.name }))]}
          error={errors.field('municipalityId')}
        />
      </Group>

      <Fieldset legend={t('network.agenda.heading')}>
        <Stack gap="xs">
          {agenda.length === 0 && <Text size="sm">{t('network.agenda.empty')}</Text>}
          <ol className="plain-list">
            {agenda.map((row, i) => (
              <li key={row.key}>
                <Group align="flex-end" gap="sm" wrap="wrap" mb="xs">
                  <Text fw={700} w={60} pb={6}>
                    {t('network.agenda.item', { n: i + 1 })}
                  </Text>
                  <TextInput
                    label={t('network.agenda.titleOf', { n: i + 1 })}
                    value={row.title}
                    onChange={(e) => setAgendaRow(i, { title: e.currentTarget.value })}
                    error={errors.field(`agenda.${i}.title`)}
                    required
                    maxLength={300}
                    miw={280}
                    style={{ flexGrow: 1 }}
                  />
                  <TextInput
                    label={t('network.agenda.presenterOf', { n: i + 1 })}
                    value={row.presenter}
                    onChange={(e) => setAgendaRow(i, { presenter: e.currentTarget.value })}
                    error={errors.field(`agenda.${i}.presenter`)}
                    maxLength={200}
                  />
                  <Group gap={4} wrap="nowrap">
                    <ActionIcon variant="default" size="lg" disabled={i === 0} onClick={() => setAgenda((rows) => move(rows, i, i - 1))} aria-label={t('network.agenda.up', { n: i + 1 })}>
                      <span aria-hidden="true">↑</span>
                    </ActionIcon>
                    <ActionIcon variant="default" size="lg" disabled={i === agenda.length - 1} onClick={() => setAgenda((rows) => move(rows, i, i + 1))} aria-label={t('network.agenda.down', { n: i + 1 })}>
                      <span aria-hidden="true">↓</span>
                    </ActionIcon>
                    <Button variant="default" size="sm" onClick={() => setAgenda((rows) => rows.filter((_, j) => j !== i))} aria-label={t('network.agenda.remove', { n: i + 1 })}>
                      {t('common.remove')}
                    </Button>
                  </Group>
                </Group>
              </li>
            ))}
          </ol>
          <Group>
            <Button variant="default" onClick={() => setAgenda((rows) => [...rows, { key: key(), title: '', presenter: '' }])}>
              {t('network.agenda.add')}
            </Button>
          </Group>
        </Stack>
      </Fieldset>

      <Fieldset legend={t('network.participants.heading')}>
        <Stack gap="xs">
          <Text size="sm">{t('network.participants.hint')}</Text>
          {participants.length === 0 && <Text size="sm">{t('network.participants.empty')}</Text>}
          <ul className="plain-list">
            {participants.map((row, i) => (
              <li key={row.key}>
                <Group align="flex-end" gap="sm" wrap="wrap" mb="sm">
                  <VisuallyHidden>{t('network.participants.number', { n: i + 1 })}</VisuallyHidden>
                  <PartySelect
                    label={t('network.participants.organisationOf', { n: i + 1 })}
                    value={row.party}
                    onChange={(v) => setParticipant(i, { party: v })}
                    error={errors.field(`participants.${i}.orgId`) ?? errors.field(`participants.${i}.directoryOrganizationId`)}
                  />
                  <TextInput
                    label={t('network.participants.personOf', { n: i + 1 })}
                    value={row.personName}
                    onChange={(e) => setParticipant(i, { personName: e.currentTarget.value })}
                    error={errors.field(`participants.${i}.personName`)}
                    maxLength={200}
                  />
                  <TextInput
                    label={t('network.participants.functionOf', { n: i + 1 })}
                    value={row.personFunction}
                    onChange={(e) => setParticipant(i, { personFunction: e.currentTarget.value })}
                    error={errors.field(`participants.${i}.personFunction`)}
                    maxLength={200}
                  />
                  {meeting && (
                    <NativeSelect
                      label={t('network.participants.attendanceOf', { n: i + 1 })}
                      value={row.attended}
                      onChange={(e) => setParticipant(i, { attended: e.currentTarget.value as ParticipantRow['attended'] })}
                      data={[
                        { value: '', label: t('network.attendance.unknown') },
                        { value: 'yes', label: t('network.attendance.present') },
                        { value: 'no', label: t('network.attendance.absent') },
                      ]}
                    />
                  )}
                  <Button variant="default" size="sm" onClick={() => setParticipants((rows) => rows.filter((_, j) => j !== i))} aria-label={t('network.participants.remove', { n: i + 1 })}>
                    {t('common.remove')}
                  </Button>
                </Group>
              </li>
            ))}
          </ul>
          <Group>
            <Button variant="default" onClick={() => setParticipants((rows) => [...rows, { key: key(), party: '', personName: '', personFunction: '', attended: '' }])}>
              {t('network.participants.add')}
            </Button>
          </Group>
        </Stack>
      </Fieldset>
    </NetworkForm>
  );
}
