import { useState } from 'react';
import { Anchor, Button, Group, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { MOVE_OUT_REASONS, type AccommodationList, type MoveOutReason, type PlacementInput, type PlacementPatch } from '../../../contracts/housing';
import type { z } from 'zod';
import { api } from '../../app/api';
import { QueryError, useFormErrors } from '../../app/errors';
import { useSession } from '../../app/session';
import { DefinitionItem } from '../../ui/DefinitionItem';
import { Loading } from '../../ui/Loading';
import { Notice, useNotice } from '../../ui/Notice';
import { StatusBadge } from '../../ui/StatusBadge';
import { TableScroll } from '../../ui/TableScroll';
import { Day } from '../deadlines/DeadlineParts';
import { todayIso } from '../deadlines/dates';
import { HousingForm, PersonsText, housingKeys, isConflict, type Placement } from './housingShared';

export interface PlacementsSectionProps {
  caseId: string;
  /** The case's placements, current and past (CaseHousing.placements). */
  placements: Placement[];
  /** The household's size: the number of persons a new placement starts with. */
  householdSize?: number;
  /** After a placement was recorded or ended: reload what the tab shows (the case's housing). */
  onChanged: () => Promise<unknown> | void;
  /** The section heading's level: 2 directly in the tab, 3 under a tab heading. */
  headingOrder?: 2 | 3;
}

/** The accommodations a household can be placed in: active ones, with their free places. */
function useActiveAccommodations(enabled: boolean) {
  return useQuery({
    queryKey: housingKeys.accommodations,
    queryFn: () => api.get<z.infer<typeof AccommodationList>>('/housing/accommodations'),
    enabled,
    select: (list) => list.items.filter((a) => a.active),
  });
}

function PlaceForm({ caseId, householdSize, order, onSaved, onCancel }: { caseId: string; householdSize?: number; order: 3 | 4; onSaved: (p: Placement) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const accommodations = useActiveAccommodations(true);
  const [accommodationId, setAccommodationId] = useState('');
  const [persons, setPersons] = useState<number | string>(householdSize && householdSize > 0 ? householdSize : 1);
  const [movedInOn, setMovedInOn] = useState(todayIso());
  const [note, setNote] = useState('');
  const errors = useFormErrors();
  const save = useMutation({
    mutationFn: () => {
      const body: PlacementInput = {
        accommodationId,
        // Left empty, the text goes as it is and the server names the field.
        persons: persons as number,
        movedInOn,
        note: note.trim() || null,
      };
      return api.post<Placement>(`/cases/${caseId}/placements`, body);
    },
    onMutate: () => errors.clear(),
    onSuccess: onSaved,
    onError: errors.setError,
  });
  if (accommodations.isPending) return <Loading />;
  if (accommodations.isError) return <QueryError error={accommodations.error} onRetry={() => void accommodations.refetch()} />;
  const options = accommodations.data.map((a) => ({
    value: a.id,
    label: t('housing.placements.accommodationOption', { name: a.name, municipality: a.municipality.name, count: a.occupancy.free }),
  }));
  return (
    <HousingForm
      labelledBy="placement-new-heading"
      heading={
        <Title order={order} size="h5" id="placement-new-heading" mb="xs">
          {t('housing.placements.placeHeading')}
        </Title>
      }
      error={errors.error}
      knownPaths={['accommodationId', 'persons', 'movedInOn', 'note']}
      onSubmit={() => save.mutate()}
      submitLabel={t('housing.placements.place')}
      pending={save.isPending}
      onCancel={onCancel}
    >
      <NativeSelect
        label={t('housing.placements.fields.accommodation')}
        value={accommodationId}
        onChange={(e) => setAccommodationId(e.currentTarget.value)}
        data={[{ value: '', label: t('housing.placements.chooseAccommodation') }, ...options]}
        error={errors.field('accommodationId')}
        required
      />
      <Group align="flex-start" gap="md" wrap="wrap">
        <NumberInput
          label={t('housing.placements.fields.persons')}
          value={persons}
          onChange={setPersons}
          min={1}
          max={30}
          allowDecimal={false}
          error={errors.field('persons')}
          required
          w={160}
        />
        <TextInput type="date" label={t('housing.placements.fields.movedInOn')} value={movedInOn} onChange={(e) => setMovedInOn(e.currentTarget.value)} error={errors.field('movedInOn')} required />
      </Group>
      <Textarea label={t('housing.placements.fields.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.field('note')} autosize minRows={1} maxLength={2000} />
    </HousingForm>
  );
}

function MoveOutForm({ placement, order, onSaved, onCancel, onConflict }: { placement: Placement; order: 3 | 4; onSaved: (p: Placement) => void; onCancel: () => void; onConflict: () => void }) {
  const { t } = useTranslation();
  const [movedOutOn, setMovedOutOn] = useState(todayIso());
  const [reason, setReason] = useState<MoveOutReason | ''>('');
  const errors = useFormErrors();
  const headingId = `placement-move-out-${placement.id}`;
  const save = useMutation({
    mutationFn: () => {
      const body: PlacementPatch = { version: placement.version, movedOutOn, moveOutReason: reason || null };
      return api.patch<Placement>(`/housing/placements/${placement.id}`, body);
    },
    onMutate: () => errors.clear(),
    onSuccess: onSaved,
    onError: (e) => {
      errors.setError(e);
      if (isConflict(e)) onConflict();
    },
  });
  return (
    <HousingForm
      labelledBy={headingId}
      heading={
        <Title order={order} size="h5" id={headingId} mb="xs">
          {t('housing.placements.moveOutHeading', { name: placement.accommodation.name })}
        </Title>
      }
      error={errors.error}
      knownPaths={['movedOutOn', 'moveOutReason']}
      onSubmit={() => save.mutate()}
      submitLabel={t('housing.placements.saveMoveOut')}
      pending={save.isPending}
      onCancel={onCancel}
    >
      <Group align="flex-start" gap="md" wrap="wrap">
        <TextInput type="date" label={t('housing.placements.fields.movedOutOn')} value={movedOutOn} onChange={(e) => setMovedOutOn(e.currentTarget.value)} error={errors.field('movedOutOn')} required />
        <NativeSelect
          label={t('housing.placements.fields.moveOutReason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value as MoveOutReason | '')}
          data={[{ value: '', label: t('housing.placements.chooseReason') }, ...MOVE_OUT_REASONS.map((r) => ({ value: r, label: t(`housing.placements.reasons.${r}`) }))]}
          error={errors.field('moveOutReason')}
          required
        />
      </Group>
    </HousingForm>
  );
}

function CurrentPlacement({ placement: p, order, canManage, onMovedOut, onConflict }: { placement: Placement; order: 3 | 4; canManage: boolean; onMovedOut: (p: Placement) => void; onConflict: () => void }) {
  const { t } = useTranslation();
  const [movingOut, setMovingOut] = useState(false);
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" wrap="wrap" gap="xs" mb="xs">
        <Text fw={700}>{t('housing.placements.currentHeading')}</Text>
        <StatusBadge tone="info">{t('housing.placements.months', { count: p.months })}</StatusBadge>
      </Group>
      <SimpleGrid component="dl" cols={{ base: 1, sm: 2, md: 4 }} spacing="xs">
        <DefinitionItem label={t('housing.placements.fields.accommodation')} size="sm">
          <Anchor component={Link} to={`/housing/shelters/${p.accommodation.id}`}>
            {p.accommodation.name}
          </Anchor>
          <Text size="sm" component="span" display="block">
            {t(`housing.shelters.kinds.${p.accommodation.kind}`)}, {p.accommodation.municipalityName}
          </Text>
        </DefinitionItem>
        <DefinitionItem label={t('housing.placements.fields.movedInOn')} size="sm">
          <Day value={p.movedInOn} />
        </DefinitionItem>
        <DefinitionItem label={t('housing.placements.fields.persons')} size="sm">
          <PersonsText persons={p.persons} />
        </DefinitionItem>
        {p.note && (
          <DefinitionItem label={t('housing.placements.fields.note')} size="sm">
            {p.note}
          </DefinitionItem>
        )}
      </SimpleGrid>
      {canManage &&
        (movingOut ? (
          <Paper withBorder p="sm" mt="sm">
            <MoveOutForm
              placement={p}
              order={order}
              onSaved={(saved) => {
                setMovingOut(false);
                onMovedOut(saved);
              }}
              onCancel={() => setMovingOut(false)}
              onConflict={onConflict}
            />
          </Paper>
        ) : (
          <Button mt="sm" variant="default" onClick={() => setMovingOut(true)}>
            {t('housing.placements.moveOut')}
          </Button>
        ))}
    </Paper>
  );
}

function PastPlacements({ placements }: { placements: Placement[] }) {
  const { t } = useTranslation();
  return (
    <TableScroll label={t('housing.placements.pastTableLabel')} minWidth={640}>
      <Table striped>
        <Table.Caption>{t('housing.placements.pastCaption', { count: placements.length })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('housing.placements.fields.accommodation')}</Table.Th>
            <Table.Th scope="col">{t('housing.placements.fields.period')}</Table.Th>
            <Table.Th scope="col">{t('housing.placements.fields.duration')}</Table.Th>
            <Table.Th scope="col">{t('housing.placements.fields.persons')}</Table.Th>
            <Table.Th scope="col">{t('housing.placements.fields.moveOutReason')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {placements.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Th scope="row" fw={400}>
                <Anchor component={Link} to={`/housing/shelters/${p.accommodation.id}`}>
                  {p.accommodation.name}
                </Anchor>
                <Text size="sm" component="span" display="block">
                  {p.accommodation.municipalityName}
                </Text>
              </Table.Th>
              <Table.Td>
                <Day value={p.movedInOn} /> – {p.movedOutOn ? <Day value={p.movedOutOn} /> : ''}
              </Table.Td>
              <Table.Td>{t('housing.placements.months', { count: p.months })}</Table.Td>
              <Table.Td>
                <PersonsText persons={p.persons} />
              </Table.Td>
              <Table.Td>{p.moveOutReason ? t(`housing.placements.reasons.${p.moveOutReason}`) : '–'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

/**
 * The case's stays in emergency and other accommodation (for the case's housing tab): the current
 * one with "move out", the earlier ones, and "place in accommodation" while there is no current one
 * (the server refuses a second open placement anyway).
 */
export function PlacementsSection({ caseId, placements, householdSize, onChanged, headingOrder = 3 }: PlacementsSectionProps) {
  const { t } = useTranslation();
  const { can } = useSession();
  const canManage = can('housing.manage');
  const queryClient = useQueryClient();
  const notice = useNotice();
  const [placing, setPlacing] = useState(false);
  const current = placements.find((p) => p.movedOutOn === null) ?? null;
  const past = placements.filter((p) => p.movedOutOn !== null).sort((a, b) => (a.movedInOn < b.movedInOn ? 1 : a.movedInOn > b.movedInOn ? -1 : 0));
  // Occupancy and the long-stay list change with every placement.
  const changed = async (message: string) => {
    notice.show(message);
    await Promise.all([onChanged(), queryClient.invalidateQueries({ queryKey: housingKeys.accommodations }), queryClient.invalidateQueries({ queryKey: housingKeys.longStays })]);
  };
  const headingId = `placements-heading-${caseId}`;
  const inner = headingOrder === 2 ? 3 : 4;
  return (
    <section aria-labelledby={headingId}>
      <Title order={headingOrder} size={headingOrder === 2 ? 'h3' : 'h4'} id={headingId} mb="sm">
        {t('housing.placements.heading')}
      </Title>
      <Stack gap="sm">
        <Notice notice={notice.notice} onClose={notice.clear} />
        {current ? (
          <CurrentPlacement
            key={`${current.id}:${current.version}`}
            placement={current}
            order={inner}
            canManage={canManage}
            onMovedOut={(p) => void changed(t('housing.placements.movedOut', { name: p.accommodation.name }))}
            onConflict={() => void onChanged()}
          />
        ) : (
          <Text>{t('housing.placements.noCurrent')}</Text>
        )}
        {!current &&
          canManage &&
          (placing ? (
            <Paper withBorder p="md">
              <PlaceForm
                caseId={caseId}
                order={inner}
                householdSize={householdSize}
                onSaved={(p) => {
                  setPlacing(false);
                  void changed(t('housing.placements.placed', { name: p.accommodation.name }));
                }}
                onCancel={() => setPlacing(false)}
              />
            </Paper>
          ) : (
            <Group>
              <Button variant="default" onClick={() => setPlacing(true)}>
                {t('housing.placements.place')}
              </Button>
            </Group>
          ))}
        {past.length > 0 && <PastPlacements placements={past} />}
      </Stack>
    </section>
  );
}
