import { useState } from 'react';
import { Anchor, Button, Group, List, Paper, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { API_BASE, api } from '../../app/api';
import { emptyToNull, FormError, useFormErrors } from '../../app/errors';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { DefinitionItem } from '../../ui/DefinitionItem';
import { StatusBadge } from '../../ui/StatusBadge';
import { useFormatters } from '../../ui/format';
import { Day } from '../deadlines/DeadlineParts';
import { todayIso, useDayFormat } from '../deadlines/dates';
import { CONSENT_STATE_TONE, useCategoryList, type Consent } from './shared';

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <DefinitionItem label={label} size="sm">
      {children}
    </DefinitionItem>
  );
}

/** The consent's own trail: recorded, every use, revocation — the proof of what rested on it. */
function Trail({ consent }: { consent: Consent }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const day = useDayFormat();
  const categoryList = useCategoryList();
  const headingId = `consent-trail-${consent.id}`;
  const describe = (e: Consent['events'][number]) => {
    const d = e.details ?? {};
    if (e.event === 'revoked') return t('consents.trail.revoked', { date: typeof d.revokedOn === 'string' ? day.short(d.revokedOn) : '' });
    if (e.event === 'used') {
      const kind = typeof d.kind === 'string' ? t(`disclosures.kinds.${d.kind}`, { defaultValue: d.kind }) : '';
      const categories = Array.isArray(d.categories) ? categoryList(d.categories as Consent['categories']) : '';
      return t('consents.trail.used', { kind, recipient: typeof d.recipient === 'string' ? d.recipient : '–', categories });
    }
    return t('consents.trail.recorded');
  };
  return (
    <section aria-labelledby={headingId}>
      <Title order={4} size="h5" id={headingId} mt="sm" mb={4}>
        {t('consents.trail.heading')}
      </Title>
      <List size="sm" spacing={2}>
        {consent.events.map((e, i) => (
          <List.Item key={`${e.at}:${i}`}>
            <time dateTime={e.at}>{f.dateTime(e.at)}</time>: {describe(e)}
            {e.user ? ` (${e.user})` : ''}
          </List.Item>
        ))}
      </List>
    </section>
  );
}

/** The revocation: its date (today unless the client revoked earlier) and a note, behind a confirmation. */
function RevokeDialog({ consent, title, onClose, onRevoked }: { consent: Consent; title: string; onClose: () => void; onRevoked: (c: Consent) => void }) {
  const { t } = useTranslation();
  const [revokedOn, setRevokedOn] = useState(todayIso());
  const [note, setNote] = useState('');
  const errors = useFormErrors();
  const revoke = useMutation({
    mutationFn: () => api.post<Consent>(`/consents/${consent.id}/revoke`, { revokedOn, note: emptyToNull(note) }),
    onMutate: () => errors.clear(),
    onSuccess: onRevoked,
    onError: errors.setError,
  });
  return (
    <ConfirmModal
      opened
      title={t('consents.revoke.title')}
      message={
        <>
          {title}. {t('consents.revoke.message')}
        </>
      }
      confirmLabel={t('consents.revoke.confirm')}
      danger
      pending={revoke.isPending}
      onConfirm={() => revoke.mutate()}
      onClose={onClose}
    >
      <FormError error={errors.error} knownPaths={['revokedOn', 'note']} />
      <TextInput type="date" label={t('consents.revoke.revokedOn')} required value={revokedOn} onChange={(e) => setRevokedOn(e.currentTarget.value)} error={errors.field('revokedOn')} data-autofocus />
      <Textarea label={t('consents.revoke.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.field('note')} autosize minRows={2} maxLength={2000} />
    </ConfirmModal>
  );
}

export function ConsentCard({ consent, canManage, onRevoked }: { consent: Consent; canManage: boolean; onRevoked: (c: Consent) => void }) {
  const { t } = useTranslation();
  const day = useDayFormat();
  const f = useFormatters();
  const categoryList = useCategoryList();
  const [revoking, setRevoking] = useState(false);
  const headingId = `consent-${consent.id}`;
  const title = t('consents.cardTitle', { person: consent.person.name, date: day.short(consent.givenOn) });
  return (
    <Paper component="article" aria-labelledby={headingId} withBorder p="md" data-testid="consent">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={3} size="h4" id={headingId}>
          {title}
        </Title>
        <StatusBadge tone={CONSENT_STATE_TONE[consent.state]}>{t(`consents.states.${consent.state}`)}</StatusBadge>
      </Group>
      <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
        <Fact label={t('consents.fields.recipients')}>{consent.recipients.map((r) => (r.kind === 'landlord' ? t('consents.recipientGroups.landlordNamed', { name: r.name }) : r.name)).join('; ')}</Fact>
        <Fact label={t('consents.fields.purposes')}>{consent.purposes.map((p) => t(`consents.purposes.${p}`)).join(', ')}</Fact>
        <Fact label={t('consents.fields.categories')}>{categoryList(consent.categories)}</Fact>
        <Fact label={t('consents.fields.validity')}>
          {consent.openEnded ? (
            t('consents.openEndedValue')
          ) : consent.validUntil ? (
            <>
              {t('consents.validUntilPrefix')} <Day value={consent.validUntil} />
            </>
          ) : (
            '–'
          )}
        </Fact>
        <Fact label={t('consents.fields.form')}>
          {consent.form === 'verbal_witnessed' ? t('consents.verbalWitness', { name: consent.witness ?? '–' }) : t('consents.forms.written')}
        </Fact>
        <Fact label={t('consents.fields.document')}>
          {consent.document ? (
            <Anchor href={`${API_BASE}/documents/${consent.document.id}/content`}>
              {consent.document.name}
            </Anchor>
          ) : (
            t('consents.noScan')
          )}
        </Fact>
        <Fact label={t('consents.fields.recorded')}>
          {f.dateTime(consent.recordedAt)}
          {consent.recordedBy ? ` · ${consent.recordedBy}` : ''}
        </Fact>
        {consent.revokedOn && (
          <Fact label={t('consents.fields.revokedOn')}>
            <Day value={consent.revokedOn} />
            {consent.revocationNote ? ` · ${consent.revocationNote}` : ''}
          </Fact>
        )}
      </SimpleGrid>
      {consent.note && (
        <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
          {consent.note}
        </Text>
      )}
      <Trail consent={consent} />
      {canManage && !consent.revokedOn && (
        <Stack mt="sm" align="flex-start">
          <Button variant="default" color="red" onClick={() => setRevoking(true)} aria-label={t('consents.revoke.buttonFor', { title })}>
            {t('consents.revoke.button')}
          </Button>
        </Stack>
      )}
      {revoking && (
        <RevokeDialog
          consent={consent}
          title={title}
          onClose={() => setRevoking(false)}
          onRevoked={(c) => {
            setRevoking(false);
            onRevoked(c);
          }}
        />
      )}
    </Paper>
  );
}
