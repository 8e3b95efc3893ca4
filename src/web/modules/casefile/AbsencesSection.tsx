import { useState } from 'react';
import { Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Absence, AbsenceInput } from '../../../contracts/casefile';
import { api, apiRequest } from '../../app/api';
import { FormError, QueryError, emptyToNull, useFormErrors } from '../../app/errors';
import { useActiveSession, useSession } from '../../app/session';
import { Notice, useNotice } from '../../ui/Notice';
import { StatusBadge } from '../../ui/StatusBadge';
import { TableScroll } from '../../ui/TableScroll';
import { useDayFormat } from '../deadlines/dates';
import { useColleagues } from './dialogs';

const absencesKey = ['absences'] as const;

/**
 * Absences and substitutes (account page): one's own, those one stands in for, and — for team
 * leads — the whole team's, with a form to record one. During an absence the substitute sees the
 * absent person's cases in "my cases".
 */
export function AbsencesSection() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const { can } = useSession();
  const fmt = useDayFormat();
  const queryClient = useQueryClient();
  const { notice, show, clear } = useNotice();
  const teamLead = can('cases.assign');
  const colleagues = useColleagues();
  const me = session.user.id;
  const [form, setForm] = useState({ userId: me, substituteId: '', startsOn: '', endsOn: '', note: '' });
  const errors = useFormErrors();
  const list = useQuery({ queryKey: absencesKey, queryFn: async () => (await api.get<{ items: Absence[] }>('/absences')).items });
  const create = useMutation({
    mutationFn: (body: AbsenceInput) => apiRequest<Absence>('/absences', { method: 'POST', body }),
    onMutate: () => {
      errors.clear();
      clear();
    },
    onSuccess: () => {
      setForm({ userId: me, substituteId: '', startsOn: '', endsOn: '', note: '' });
      show(t('casefile.absences.created'));
      void queryClient.invalidateQueries({ queryKey: absencesKey });
      void queryClient.invalidateQueries({ queryKey: ['cases', 'queue'] });
    },
    onError: errors.setError,
  });
  const remove = useMutation({
    mutationFn: (id: string) => apiRequest(`/absences/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      show(t('casefile.absences.removed'));
      void queryClient.invalidateQueries({ queryKey: absencesKey });
      void queryClient.invalidateQueries({ queryKey: ['cases', 'queue'] });
    },
    onError: errors.setError,
  });
  const mayRemove = (a: Absence) => teamLead || a.user.id === me;

  return (
    <Paper component="section" aria-labelledby="absences-title" withBorder p="md">
      <Title order={2} size="h3" id="absences-title" mb="md">
        {t('casefile.absences.title')}
      </Title>
      <Stack gap="md">
        <Text>{t('casefile.absences.intro')}</Text>
        <Notice notice={notice} onClose={clear} />
        {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
        {list.data && list.data.length === 0 && <Text>{t('casefile.absences.none')}</Text>}
        {list.data && list.data.length > 0 && (
          <TableScroll label={t('casefile.absences.title')} minWidth={640}>
            <Table verticalSpacing="xs">
              <Table.Caption>{t('casefile.absences.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('casefile.absences.who')}</Table.Th>
                  <Table.Th scope="col">{t('casefile.absences.substitute')}</Table.Th>
                  <Table.Th scope="col">{t('casefile.absences.from')}</Table.Th>
                  <Table.Th scope="col">{t('casefile.absences.until')}</Table.Th>
                  <Table.Th scope="col">{t('casefile.absences.note')}</Table.Th>
                  <Table.Th scope="col">{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Th scope="row">
                      {a.user.name} {a.current && <StatusBadge tone="info">{t('casefile.absences.current')}</StatusBadge>}
                    </Table.Th>
                    <Table.Td>{a.substitute.name}</Table.Td>
                    <Table.Td>{fmt.short(a.startsOn)}</Table.Td>
                    <Table.Td>{fmt.short(a.endsOn)}</Table.Td>
                    <Table.Td>{a.note ?? ''}</Table.Td>
                    <Table.Td>
                      {mayRemove(a) && (
                        <Button
                          variant="subtle"
                          color="red"
                          size="xs"
                          aria-label={t('casefile.absences.removeNamed', { name: a.user.name, from: fmt.short(a.startsOn) })}
                          loading={remove.isPending && remove.variables === a.id}
                          onClick={() => remove.mutate(a.id)}
                        >
                          {t('common.remove')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
        <form
          noValidate
          aria-labelledby="absence-add-title"
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate({
              ...(form.userId !== me ? { userId: form.userId } : {}),
              substituteId: form.substituteId,
              startsOn: form.startsOn,
              endsOn: form.endsOn,
              note: emptyToNull(form.note),
            });
          }}
        >
          <Stack gap="sm">
            <Title order={3} size="h4" id="absence-add-title">
              {t('casefile.absences.add')}
            </Title>
            <FormError error={errors.error} knownPaths={['userId', 'substituteId', 'startsOn', 'endsOn', 'note']} />
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
              {teamLead && (
                <NativeSelect
                  label={t('casefile.absences.forWhom')}
                  value={form.userId}
                  onChange={(e) => { const v = e.currentTarget.value; setForm((f) => ({ ...f, userId: v })); }}
                  data={[{ value: me, label: t('casefile.absences.me') }, ...colleagues.filter((u) => u.id !== me).map((u) => ({ value: u.id, label: u.displayName }))]}
                  error={errors.field('userId')}
                />
              )}
              <NativeSelect
                label={t('casefile.absences.substitute')}
                required
                value={form.substituteId}
                onChange={(e) => { const v = e.currentTarget.value; setForm((f) => ({ ...f, substituteId: v })); }}
                data={[{ value: '', label: t('casefile.absences.choose') }, ...colleagues.filter((u) => u.id !== form.userId).map((u) => ({ value: u.id, label: u.displayName }))]}
                error={errors.field('substituteId')}
              />
              <TextInput type="date" required label={t('casefile.absences.from')} value={form.startsOn} onChange={(e) => { const v = e.currentTarget.value; setForm((f) => ({ ...f, startsOn: v })); }} error={errors.field('startsOn')} />
              <TextInput type="date" required label={t('casefile.absences.until')} value={form.endsOn} onChange={(e) => { const v = e.currentTarget.value; setForm((f) => ({ ...f, endsOn: v })); }} error={errors.field('endsOn')} />
              <TextInput label={t('casefile.absences.note')} value={form.note} onChange={(e) => { const v = e.currentTarget.value; setForm((f) => ({ ...f, note: v })); }} error={errors.field('note')} />
            </SimpleGrid>
            <Group>
              <Button type="submit" loading={create.isPending}>
                {t('casefile.absences.add')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Paper>
  );
}
