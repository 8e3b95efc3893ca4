import { useState } from 'react';
import { Alert, Anchor, Button, Group, Modal, NativeSelect, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../app/api';
import { FormError, errorMessage, useFormErrors } from '../../app/errors';
import { StatusBadge } from '../../ui/StatusBadge';
import { TableScroll } from '../../ui/TableScroll';
import { useFormatters } from '../../ui/format';
import { useCaseworkers } from '../appointments/shared';
import { Day } from '../deadlines/DeadlineParts';
import { todayIso } from '../deadlines/dates';
import { PROPOSAL_STATUS_TONES, viewingFields, viewingInstant, type Proposal, type ProposalPatch } from './brokerage';
import { stepsAfter, type ProposalStep } from './proposalSteps';

/** What each step asks for before it is sent. */
type StepForm = 'viewing' | 'decision' | 'decline' | 'lease' | 'confirm';
const STEP_FORMS: Record<ProposalStep, StepForm> = {
  viewing_planned: 'viewing',
  viewed: 'confirm',
  accepted_by_landlord: 'decision',
  declined_by_landlord: 'decline',
  declined_by_household: 'decline',
  withdrawn: 'confirm',
  lease_signed: 'lease',
};

/**
 * One step of a proposal's workflow as a dialog: the fields the step needs, sent with the
 * proposal's version (a colleague's change in between is answered with a conflict, never
 * overwritten). A signed lease changes much more than the proposal; the dialog says what.
 */
function StepDialog({ proposal, step, onClose, onSaved }: { proposal: Proposal; step: ProposalStep; onClose: () => void; onSaved: (p: Proposal, step: ProposalStep) => void }) {
  const { t } = useTranslation();
  const form = STEP_FORMS[step];
  const colleagues = useCaseworkers();
  const planned = viewingFields(proposal.viewingAt);
  const [day, setDay] = useState(planned.day);
  const [time, setTime] = useState(planned.time || '10:00');
  const [place, setPlace] = useState(proposal.viewingPlace ?? proposal.offerAddress);
  const [companion, setCompanion] = useState(proposal.accompaniedBy?.id ?? '');
  const [decidedOn, setDecidedOn] = useState(todayIso());
  const [reason, setReason] = useState('');
  const [leaseSignedOn, setLeaseSignedOn] = useState(todayIso());
  const [tenancyStart, setTenancyStart] = useState('');
  const errors = useFormErrors();

  const body = (): ProposalPatch => {
    const base = { version: proposal.version, status: step };
    if (form === 'viewing') {
      // An unreadable day or time is sent as typed, so the server's answer names the field.
      return { ...base, viewingAt: viewingInstant(day, time) ?? (day && time ? `${day}T${time}` : null), viewingPlace: place.trim() || null, accompaniedBy: companion || null };
    }
    if (form === 'decision') return { ...base, decidedOn };
    if (form === 'decline') return { ...base, decidedOn, declineReason: reason.trim() || null };
    if (form === 'lease') return { ...base, leaseSignedOn, tenancyStart };
    return base;
  };
  const save = useMutation({
    mutationFn: () => api.patch<Proposal>(`/housing/proposals/${proposal.id}`, body()),
    onMutate: () => errors.clear(),
    onSuccess: (p) => onSaved(p, step),
    onError: errors.setError,
  });
  const conflict = errors.error instanceof ApiError && errors.error.isVersionConflict;
  const title = t(`housing.proposals.steps.${step}`);

  return (
    <Modal opened onClose={onClose} title={`${title}: ${proposal.householdName}`} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          {conflict ? (
            <Alert color="red" role="alert" title={t('errors.conflictTitle')}>
              {errorMessage(errors.error, t)} {t('housing.proposals.conflict')}
            </Alert>
          ) : (
            <FormError error={errors.error} knownPaths={['viewingAt', 'viewingPlace', 'accompaniedBy', 'decidedOn', 'declineReason', 'leaseSignedOn', 'tenancyStart']} />
          )}
          <Text size="sm">{t('housing.proposals.about', { household: proposal.householdName, caseNumber: proposal.caseNumber, address: proposal.offerAddress })}</Text>
          {form === 'viewing' && (
            <>
              <Group align="flex-start" gap="md" wrap="wrap">
                <TextInput type="date" label={t('housing.proposals.fields.viewingDay')} value={day} onChange={(e) => setDay(e.currentTarget.value)} error={errors.field('viewingAt')} required data-autofocus />
                <TextInput type="time" label={t('housing.proposals.fields.viewingTime')} value={time} onChange={(e) => setTime(e.currentTarget.value)} required />
              </Group>
              <TextInput label={t('housing.proposals.fields.viewingPlace')} value={place} onChange={(e) => setPlace(e.currentTarget.value)} error={errors.field('viewingPlace')} maxLength={300} />
              <NativeSelect
                label={t('housing.proposals.fields.accompaniedBy')}
                value={companion}
                onChange={(e) => setCompanion(e.currentTarget.value)}
                data={[{ value: '', label: t('housing.proposals.noCompanion') }, ...(colleagues.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))]}
                error={errors.field('accompaniedBy')}
              />
            </>
          )}
          {(form === 'decision' || form === 'decline') && (
            <TextInput type="date" label={t('housing.proposals.fields.decidedOn')} value={decidedOn} onChange={(e) => setDecidedOn(e.currentTarget.value)} error={errors.field('decidedOn')} required data-autofocus />
          )}
          {form === 'decline' && (
            <Textarea label={t('housing.proposals.fields.declineReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.field('declineReason')} required autosize minRows={2} maxLength={1000} />
          )}
          {form === 'lease' && (
            <>
              <Text size="sm">{t('housing.proposals.leaseEffects')}</Text>
              <Group align="flex-start" gap="md" wrap="wrap">
                <TextInput type="date" label={t('housing.proposals.fields.leaseSignedOn')} value={leaseSignedOn} onChange={(e) => setLeaseSignedOn(e.currentTarget.value)} error={errors.field('leaseSignedOn')} required data-autofocus />
                <TextInput type="date" label={t('housing.proposals.fields.tenancyStart')} value={tenancyStart} onChange={(e) => setTenancyStart(e.currentTarget.value)} error={errors.field('tenancyStart')} required />
              </Group>
            </>
          )}
          {form === 'confirm' && <Text>{t(`housing.proposals.confirm.${step}`)}</Text>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-autofocus={form === 'confirm' ? true : undefined}>
              {title}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Where a proposal stands, in one cell: viewing, decision or lease, whichever it reached. */
function ProposalState({ p }: { p: Proposal }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  return (
    <Stack gap={2}>
      <div>
        <StatusBadge tone={PROPOSAL_STATUS_TONES[p.status]}>{t(`housing.proposals.statuses.${p.status}`)}</StatusBadge>
      </div>
      {p.viewingAt && (
        <Text size="sm">
          {t('housing.proposals.viewing', { at: fmt.dateTime(p.viewingAt) })}
          {p.viewingPlace ? `, ${p.viewingPlace}` : ''}
          {p.accompaniedBy ? ` (${t('housing.proposals.accompanied', { name: p.accompaniedBy.name })})` : ''}
        </Text>
      )}
      {p.decidedOn && (
        <Text size="sm">
          {t('housing.proposals.decidedOn')} <Day value={p.decidedOn} />
          {p.declineReason ? `: ${p.declineReason}` : ''}
        </Text>
      )}
      {p.leaseSignedOn && (
        <Text size="sm">
          {t('housing.proposals.leaseSignedOn')} <Day value={p.leaseSignedOn} />
          {p.tenancyStart && (
            <>
              , {t('housing.proposals.tenancyStart')} <Day value={p.tenancyStart} />
            </>
          )}
        </Text>
      )}
      {p.note && (
        <Text size="sm" fs="italic">
          {p.note}
        </Text>
      )}
    </Stack>
  );
}

/**
 * The proposals of an offer (which household) or of a case (which flat), each with its state and
 * the next steps of the workflow: plan the viewing, viewed, the landlord's and the household's
 * decision, the signed lease.
 */
export function ProposalTable({
  proposals,
  of,
  canManage,
  onChanged,
}: {
  proposals: Proposal[];
  /** 'offer': rows name the household; 'case': rows name the flat. */
  of: 'offer' | 'case';
  canManage: boolean;
  onChanged: (p: Proposal, step: ProposalStep) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<{ proposal: Proposal; step: ProposalStep } | null>(null);
  if (proposals.length === 0) return <Text>{t('housing.proposals.none')}</Text>;
  return (
    <>
      <TableScroll label={t('housing.proposals.tableLabel')} minWidth={880}>
        <Table striped>
          <Table.Caption>{t('housing.proposals.caption', { count: proposals.length })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{of === 'offer' ? t('housing.proposals.household') : t('housing.proposals.flat')}</Table.Th>
              <Table.Th scope="col">{t('housing.proposals.proposedOn')}</Table.Th>
              <Table.Th scope="col">{t('housing.proposals.state')}</Table.Th>
              {canManage && <Table.Th scope="col">{t('housing.proposals.nextSteps')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {proposals.map((p) => {
              const who = of === 'offer' ? `${p.householdName} (${p.caseNumber})` : p.offerAddress;
              const steps = stepsAfter(p.status);
              return (
                <Table.Tr key={p.id}>
                  <Table.Th scope="row" fw={400}>
                    {of === 'offer' ? (
                      <>
                        <Anchor component={Link} to={`/cases/${p.caseId}?tab=housing`}>
                          {p.caseNumber}
                        </Anchor>
                        <Text size="sm">{p.householdName}</Text>
                      </>
                    ) : (
                      <>
                        <Anchor component={Link} to={`/housing/offers/${p.offerId}`}>
                          {p.offerAddress}
                        </Anchor>
                        <Text size="sm">{p.landlordName}</Text>
                      </>
                    )}
                  </Table.Th>
                  <Table.Td>
                    <Day value={p.proposedOn} />
                  </Table.Td>
                  <Table.Td>
                    <ProposalState p={p} />
                  </Table.Td>
                  {canManage && (
                    <Table.Td>
                      {steps.length === 0 ? (
                        '–'
                      ) : (
                        <Group gap={6} wrap="wrap">
                          {steps.map((step) => (
                            <Button
                              key={step}
                              size="compact-sm"
                              variant={step === 'lease_signed' || step === 'viewing_planned' ? 'filled' : 'default'}
                              onClick={() => setOpen({ proposal: p, step })}
                              aria-label={`${t(step === 'viewing_planned' && p.status === 'viewing_planned' ? 'housing.proposals.steps.reschedule' : `housing.proposals.steps.${step}`)}: ${who}`}
                            >
                              {t(step === 'viewing_planned' && p.status === 'viewing_planned' ? 'housing.proposals.steps.reschedule' : `housing.proposals.steps.${step}`)}
                            </Button>
                          ))}
                        </Group>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </TableScroll>
      {open && (
        <StepDialog
          proposal={open.proposal}
          step={open.step}
          onClose={() => setOpen(null)}
          onSaved={(p, step) => {
            setOpen(null);
            onChanged(p, step);
          }}
        />
      )}
    </>
  );
}
