import { useState } from 'react';
import { Anchor, Button, Group, Modal, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, api, apiRequest } from '../../app/api';
import { FormError, errorMessage, useFormErrors } from '../../app/errors';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { StatusBadge } from '../../ui/StatusBadge';
import { TableScroll } from '../../ui/TableScroll';
import { Day } from '../deadlines/DeadlineParts';
import { ACTION_STATE_TONES, NetworkForm, PartySelect, partyFields, partyLabel, partyValue, type NetworkAction } from './shared';

/** "Organisation (Person)" or whichever of the two is there. */
export function responsibleLabel(a: NetworkAction) {
  return partyLabel(a.responsibleOrganisation, a.responsibleName);
}

/** The fields of an action, for recording one in a meeting or changing it. */
function ActionFields({
  value,
  onChange,
  field,
  idPrefix,
}: {
  value: { text: string; party: string; person: string; dueOn: string };
  onChange: (patch: Partial<{ text: string; party: string; person: string; dueOn: string }>) => void;
  field: (path: string) => string | undefined;
  idPrefix: string;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Textarea
        id={`${idPrefix}-text`}
        label={t('network.actions.fields.text')}
        value={value.text}
        onChange={(e) => onChange({ text: e.currentTarget.value })}
        error={field('text')}
        required
        autosize
        minRows={2}
        maxLength={1000}
      />
      <Group align="flex-start" gap="md" wrap="wrap">
        <PartySelect
          label={t('network.actions.fields.organisation')}
          value={value.party}
          onChange={(party) => onChange({ party })}
          error={field('responsibleOrgId') ?? field('responsibleDirectoryOrganizationId')}
        />
        <TextInput
          label={t('network.actions.fields.person')}
          value={value.person}
          onChange={(e) => onChange({ person: e.currentTarget.value })}
          error={field('responsibleName')}
          maxLength={200}
        />
        <TextInput type="date" label={t('network.actions.fields.dueOn')} value={value.dueOn} onChange={(e) => onChange({ dueOn: e.currentTarget.value })} error={field('dueOn')} />
      </Group>
      <Text size="sm">{t('network.actions.responsibleHint')}</Text>
    </Stack>
  );
}

const ACTION_PATHS = ['text', 'responsibleOrgId', 'responsibleDirectoryOrganizationId', 'responsibleName', 'dueOn'];

const toBody = (v: { text: string; party: string; person: string; dueOn: string }) => {
  const party = partyFields(v.party);
  return {
    text: v.text.trim(),
    responsibleOrgId: party.orgId,
    responsibleDirectoryOrganizationId: party.directoryOrganizationId,
    responsibleName: v.person.trim() || null,
    dueOn: v.dueOn || null,
  };
};

/** Record an action agreed in the meeting. */
export function NewActionForm({ meetingId, onSaved }: { meetingId: string; onSaved: (a: NetworkAction) => void }) {
  const { t } = useTranslation();
  const empty = { text: '', party: '', person: '', dueOn: '' };
  const [value, setValue] = useState(empty);
  const errors = useFormErrors();
  const save = useMutation({
    mutationFn: () => api.post<NetworkAction>(`/network/meetings/${meetingId}/actions`, toBody(value)),
    onMutate: () => errors.clear(),
    onSuccess: (a) => {
      setValue(empty);
      onSaved(a);
    },
    onError: errors.setError,
  });
  return (
    <NetworkForm
      labelledBy="action-new-heading"
      heading={
        <Title order={3} size="h4" id="action-new-heading" mb="xs">
          {t('network.actions.newHeading')}
        </Title>
      }
      error={errors.error}
      knownPaths={ACTION_PATHS}
      onSubmit={() => save.mutate()}
      submitLabel={t('network.actions.add')}
      pending={save.isPending}
    >
      <ActionFields value={value} onChange={(p) => setValue((v) => ({ ...v, ...p }))} field={errors.field} idPrefix="action-new" />
    </NetworkForm>
  );
}

function EditActionModal({ action, onClose, onSaved }: { action: NetworkAction; onClose: () => void; onSaved: (message: string) => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState({
    text: action.text,
    party: partyValue(action.responsibleOrganisation),
    person: action.responsibleName ?? '',
    dueOn: action.dueOn ?? '',
  });
  const errors = useFormErrors();
  const save = useMutation({
    mutationFn: () => api.patch<NetworkAction>(`/network/actions/${action.id}`, { version: action.version, ...toBody(value) }),
    onMutate: () => errors.clear(),
    onSuccess: () => onSaved(t('network.actions.saved')),
    onError: errors.setError,
  });
  return (
    <Modal opened onClose={onClose} title={t('network.actions.editHeading')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <FormError error={errors.error} knownPaths={ACTION_PATHS} />
          <ActionFields value={value} onChange={(p) => setValue((v) => ({ ...v, ...p }))} field={errors.field} idPrefix={`action-${action.id}`} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * Agreed actions as a table: state, due day, what, who; for the organiser the buttons to mark
 * them done or open again, change or remove them. `showMeeting` adds the meeting they come from.
 */
export function ActionTable({
  actions,
  caption,
  showMeeting,
  onChanged,
  onError,
}: {
  actions: NetworkAction[];
  caption: string;
  showMeeting?: boolean;
  onChanged: (message: string) => void;
  onError: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<NetworkAction | null>(null);
  const [removing, setRemoving] = useState<NetworkAction | null>(null);
  const status = useMutation({
    mutationFn: (a: NetworkAction) => api.patch<NetworkAction>(`/network/actions/${a.id}`, { version: a.version, status: a.status === 'done' ? 'open' : 'done' }),
    onSuccess: (a) => onChanged(a.status === 'done' ? t('network.actions.markedDone') : t('network.actions.markedOpen')),
    onError: (e) => onError(`${errorMessage(e, t)}${e instanceof ApiError && e.fields.length ? ` ${e.fields.map((f) => f.message).join(' ')}` : ''}`),
  });
  const remove = useMutation({
    mutationFn: (a: NetworkAction) => apiRequest(`/network/actions/${a.id}`, { method: 'DELETE' }),
    onSuccess: () => {
      setRemoving(null);
      onChanged(t('network.actions.removed'));
    },
    onError: (e) => {
      setRemoving(null);
      onError(errorMessage(e, t));
    },
  });
  const anyEditable = actions.some((a) => a.mayEdit);
  return (
    <>
      <TableScroll label={caption} minWidth={showMeeting ? 960 : 760}>
        <Table striped>
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('network.actions.fields.state')}</Table.Th>
              <Table.Th scope="col">{t('network.actions.fields.dueOn')}</Table.Th>
              <Table.Th scope="col">{t('network.actions.fields.text')}</Table.Th>
              <Table.Th scope="col">{t('network.actions.fields.responsible')}</Table.Th>
              {showMeeting && <Table.Th scope="col">{t('network.actions.fields.meeting')}</Table.Th>}
              {anyEditable && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {actions.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <StatusBadge tone={ACTION_STATE_TONES[a.state]}>{t(`network.actions.states.${a.state}`)}</StatusBadge>
                  {a.doneOn && (
                    <Text size="sm" component="span" display="block">
                      {t('network.actions.doneOn')} <Day value={a.doneOn} />
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{a.dueOn ? <Day value={a.dueOn} /> : '–'}</Table.Td>
                <Table.Th scope="row" fw={400} style={{ whiteSpace: 'pre-wrap' }}>
                  {a.text}
                </Table.Th>
                <Table.Td>{responsibleLabel(a)}</Table.Td>
                {showMeeting && (
                  <Table.Td>
                    <Anchor component={Link} to={`/network/meetings/${a.meeting.id}`}>
                      {a.meeting.title}
                    </Anchor>
                    <Text size="sm" component="span" display="block">
                      <Day value={a.meeting.date} />, {a.meeting.organiser.name}
                    </Text>
                  </Table.Td>
                )}
                {anyEditable && (
                  <Table.Td>
                    {a.mayEdit && (
                      <Group gap="xs" wrap="nowrap">
                        <Button
                          size="compact-sm"
                          variant="default"
                          loading={status.isPending && status.variables?.id === a.id}
                          onClick={() => status.mutate(a)}
                          aria-label={t(a.status === 'done' ? 'network.actions.reopenNamed' : 'network.actions.markDoneNamed', { text: a.text })}
                        >
                          {a.status === 'done' ? t('network.actions.reopen') : t('network.actions.markDone')}
                        </Button>
                        <Button size="compact-sm" variant="default" onClick={() => setEditing(a)} aria-label={t('common.editNamed', { name: a.text })}>
                          {t('common.edit')}
                        </Button>
                        <Button size="compact-sm" variant="default" onClick={() => setRemoving(a)} aria-label={t('network.actions.removeNamed', { text: a.text })}>
                          {t('common.remove')}
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      {editing && (
        <EditActionModal
          key={editing.id}
          action={editing}
          onClose={() => setEditing(null)}
          onSaved={(m) => {
            setEditing(null);
            onChanged(m);
          }}
        />
      )}
      <ConfirmModal
        opened={removing !== null}
        title={t('network.actions.removeTitle')}
        message={t('network.actions.removeMessage', { text: removing?.text ?? '' })}
        confirmLabel={t('common.remove')}
        danger
        pending={remove.isPending}
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={() => setRemoving(null)}
      />
    </>
  );
}
