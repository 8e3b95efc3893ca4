import { useState, type FormEvent } from 'react';
import { Anchor, Button, Card, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { DIRECTORY_CATEGORIES, type DirectoryServiceSummary } from '../../../contracts/directory';
import { api, buildUrl } from '../../app/api';
import { QueryError } from '../../app/errors';
import { useMunicipalities } from '../../app/queries';
import { useSession } from '../../app/session';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { StatusBadge } from '../../ui/StatusBadge';

/** Search the partner directory by need, place and free text; the criteria live in the URL (bookmarkable, back button). */
export function DirectoryPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const criteria = { category: params.get('category') ?? '', municipalityId: params.get('municipalityId') ?? '', q: params.get('q') ?? '' };
  const [form, setForm] = useState(criteria);
  const municipalities = useMunicipalities();
  const { can } = useSession();
  const results = useQuery({
    queryKey: ['directory', 'search', criteria],
    queryFn: () => api.get<{ items: DirectoryServiceSummary[]; total: number }>('/directory/services', criteria),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) if (v.trim()) next.set(k, v.trim());
    setParams(next);
  };

  return (
    <>
      <PageHeader
        title={t('directory.title')}
        description={t('directory.intro')}
        actions={
          <>
            <Anchor href={buildUrl('/directory/export', { format: 'json' })} download>
              {t('directory.exportJson')}
            </Anchor>
            <Anchor href={buildUrl('/directory/export', { format: 'csv' })} download>
              {t('directory.exportCsv')}
            </Anchor>
            {can('locations.write') && (
              <Anchor component={Link} to="/directory/manage">
                {t('directory.manage')}
              </Anchor>
            )}
          </>
        }
      />
      <form role="search" aria-label={t('directory.searchLabel')} onSubmit={submit}>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <NativeSelect
            label={t('directory.need')}
            value={form.category}
            onChange={(e) => setForm({ ...form, category: e.currentTarget.value })}
            data={[{ value: '', label: t('directory.anyNeed') }, ...DIRECTORY_CATEGORIES.map((c) => ({ value: c, label: t(`directory.categories.${c}`) }))]}
          />
          <NativeSelect
            label={t('directory.municipality')}
            value={form.municipalityId}
            onChange={(e) => setForm({ ...form, municipalityId: e.currentTarget.value })}
            data={[{ value: '', label: t('directory.anyMunicipality') }, ...(municipalities.data ?? []).map((m) => ({ value: m.id, label: m.name }))]}
          />
          <TextInput label={t('directory.freeText')} value={form.q} onChange={(e) => setForm({ ...form, q: e.currentTarget.value })} />
        </SimpleGrid>
        <Group mt="sm">
          <Button type="submit">{t('directory.search')}</Button>
        </Group>
      </form>

      <Stack mt="lg" gap="sm">
        <Title order={2} id="directory-results">
          {t('directory.results')}
        </Title>
        {results.isPending ? (
          <Loading />
        ) : results.isError ? (
          <QueryError error={results.error} onRetry={() => void results.refetch()} />
        ) : (
          <>
            <Text role="status">{t('directory.resultCount', { count: results.data.total })}</Text>
            <ul className="plain-list" aria-labelledby="directory-results">
              {results.data.items.map((s) => (
                <li key={s.id}>
                  <Card withBorder mb="sm" component="article" aria-labelledby={`svc-${s.id}`}>
                    <Group justify="space-between" align="flex-start" wrap="wrap">
                      <Title order={3} size="h4" id={`svc-${s.id}`}>
                        <Anchor component={Link} to={`/directory/services/${s.id}`}>
                          {s.name}
                        </Anchor>
                      </Title>
                      {s.status !== 'active' && <StatusBadge tone="neutral">{t(`directory.status.${s.status}`)}</StatusBadge>}
                    </Group>
                    <Text size="sm">{s.organization.name}</Text>
                    <Text mt={4}>{s.summary}</Text>
                    <Text size="sm" mt={4}>
                      {t('directory.needs')}: {s.categories.map((c) => t(`directory.categories.${c}`)).join(', ')}
                    </Text>
                    {s.locations.length > 0 && (
                      <Text size="sm">
                        {t('directory.where')}: {s.locations.map((l) => (l.city ? `${l.name}, ${l.city}` : l.name)).join(' · ')}
                      </Text>
                    )}
                  </Card>
                </li>
              ))}
            </ul>
          </>
        )}
      </Stack>
    </>
  );
}
