import { Anchor, Card, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { DirectoryService } from '../../../contracts/directory';
import { api } from '../../app/api';
import { QueryError } from '../../app/errors';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { StatusBadge } from '../../ui/StatusBadge';
import { HoursList, languageNames } from './parts';

function Fact({ label, value }: { label: string; value: string | null | undefined }) {
  if (!value) return null;
  return (
    <>
      <dt>
        <Text fw={700} size="sm">
          {label}
        </Text>
      </dt>
      <dd style={{ marginInlineStart: 0, marginBottom: 'var(--mantine-spacing-xs)' }}>
        <Text>{value}</Text>
      </dd>
    </>
  );
}

/** One service of the directory: what it offers, for whom, where and when, and how to reach it. */
export function ServicePage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const q = useQuery({ queryKey: ['directory', 'service', id], queryFn: () => api.get<DirectoryService>(`/directory/services/${id}`) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const s = q.data;
  return (
    <>
      <PageHeader title={s.name} description={s.organization.name} actions={<Anchor component={Link} to="/directory">{t('directory.backToSearch')}</Anchor>} />
      <Stack gap="lg">
        {s.status !== 'active' && <StatusBadge tone="neutral">{t(`directory.status.${s.status}`)}</StatusBadge>}
        {s.description && <Text style={{ whiteSpace: 'pre-line' }}>{s.description}</Text>}
        <dl>
          <Fact label={t('directory.needs')} value={s.categories.map((c) => t(`directory.categories.${c}`)).join(', ')} />
          <Fact label={t('directory.areas')} value={s.areas.map((a) => a.name).join(', ')} />
          <Fact label={t('directory.applicationProcess')} value={s.applicationProcess} />
          <Fact label={t('directory.eligibility')} value={s.eligibility} />
          <Fact label={t('directory.fees')} value={s.fees} />
          <Fact label={t('directory.languages')} value={s.languages.length ? languageNames(s.languages, i18n.language) : null} />
          <Fact label={t('directory.phones')} value={s.phones.map((p) => (p.description ? `${p.number} (${p.description})` : p.number)).join(', ')} />
          <Fact label={t('directory.email')} value={s.email ?? s.organization.email} />
          <Fact label={t('directory.website')} value={s.url ?? s.organization.website} />
        </dl>
        {s.openingHours.length > 0 && (
          <section aria-labelledby="svc-hours">
            <Title order={2} size="h3" id="svc-hours">
              {t('directory.openingHours')}
            </Title>
            <HoursList hours={s.openingHours} />
          </section>
        )}
        {s.contacts.length > 0 && (
          <section aria-labelledby="svc-contacts">
            <Title order={2} size="h3" id="svc-contacts">
              {t('directory.contacts')}
            </Title>
            <List>
              {s.contacts.map((c) => (
                <List.Item key={c.id}>{[c.name, c.title, c.phone, c.email].filter(Boolean).join(' · ')}</List.Item>
              ))}
            </List>
          </section>
        )}
        <section aria-labelledby="svc-locations">
          <Title order={2} size="h3" id="svc-locations">
            {t('directory.locations')}
          </Title>
          {s.locations.length === 0 && <Text>{t('directory.noLocations')}</Text>}
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" mt="xs">
            {s.locations.map((l) => (
              <Card key={l.id} withBorder component="section" aria-labelledby={`loc-${l.id}`}>
                <Title order={3} size="h4" id={`loc-${l.id}`}>
                  {l.name}
                </Title>
                {l.organizationId !== s.organization.id && <Text size="sm">{l.organizationName}</Text>}
                {l.address && (
                  <Text component="address" style={{ fontStyle: 'normal' }}>
                    {l.address.street}, {l.address.postalCode} {l.address.city}
                  </Text>
                )}
                {l.phones.length > 0 && <Text>{l.phones.map((p) => p.number).join(', ')}</Text>}
                {l.transportation && <Text size="sm">{t('directory.transportation')}: {l.transportation}</Text>}
                {l.accessibility && <Text size="sm">{t('directory.accessibility')}: {l.accessibility}</Text>}
                <Text fw={700} size="sm" mt="xs">
                  {t('directory.openingHours')}
                </Text>
                <HoursList hours={l.openingHours} />
              </Card>
            ))}
          </SimpleGrid>
        </section>
        {s.lastModified && (
          <Text size="sm" c="dimmed">
            {t('directory.lastModified', { date: new Date(s.lastModified).toLocaleDateString(i18n.language.startsWith('en') ? 'en-GB' : 'de-DE') })}
          </Text>
        )}
      </Stack>
    </>
  );
}
