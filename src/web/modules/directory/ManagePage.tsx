import { useState } from 'react';
import { Anchor, Button, Checkbox, FileInput, Group, MultiSelect, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  DIRECTORY_CATEGORIES, SERVICE_STATUSES, type DirectoryCategory, type DirectoryImportReport, type DirectoryLocation, type DirectoryOrganization,
  type DirectoryService, type ServiceStatus,
} from '../../../contracts/directory';
import { api } from '../../app/api';
import { FormError, QueryError, emptyToNull } from '../../app/errors';
import { useMunicipalities } from '../../app/queries';
import { Loading } from '../../ui/Loading';
import { Notice, useNotice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { TableScroll } from '../../ui/TableScroll';
import { FormModal, useRecordForm } from '../admin/shared';
import { HoursEditor, hoursBody, hoursRow, type HoursRow } from './parts';

interface OrgList {
  items: { id: string; name: string; services: number; locations: number; mayEdit: boolean }[];
  mayCreate: boolean;
  mayImport: boolean;
}

const ORGS_KEY = ['directory', 'organizations'] as const;

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Entries the caller maintains, a new own entry, and (system administrators) the HSDS import. */
export function ManagePage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ORGS_KEY, queryFn: () => api.get<OrgList>('/directory/organizations') });
  const [creating, setCreating] = useState(false);
  const { notice, show, clear } = useNotice();
  if (list.isPending) return <Loading />;
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const editable = list.data.items.filter((o) => o.mayEdit);
  return (
    <>
      <PageHeader
        title={t('directory.manageTitle')}
        description={t('directory.manageIntro')}
        actions={
          <>
            <Anchor component={Link} to="/directory">{t('directory.backToSearch')}</Anchor>
            {list.data.mayCreate && <Button onClick={() => setCreating(true)}>{t('directory.newEntry')}</Button>}
          </>
        }
      />
      <Notice notice={notice} onClose={clear} />
      <Stack gap="xl">
        <section aria-labelledby="entries-heading">
          <Title order={2} id="entries-heading">{t('directory.entries')}</Title>
          {editable.length === 0 ? (
            <Text>{t('directory.noEntries')}</Text>
          ) : (
            <TableScroll label={t('directory.entries')} minWidth={480}>
              <Table striped>
                <Table.Caption>{t('directory.entriesCaption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('directory.organization')}</Table.Th>
                    <Table.Th scope="col">{t('directory.services')}</Table.Th>
                    <Table.Th scope="col">{t('directory.locations')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {editable.map((o) => (
                    <Table.Tr key={o.id}>
                      <Table.Th scope="row"><Anchor component={Link} to={`/directory/manage/${o.id}`}>{o.name}</Anchor></Table.Th>
                      <Table.Td>{o.services}</Table.Td>
                      <Table.Td>{o.locations}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )}
        </section>
        {list.data.mayImport && <ImportSection onDone={() => void qc.invalidateQueries({ queryKey: ['directory'] })} />}
      </Stack>
      {creating && (
        <OrganizationModal
          record={null}
          onClose={() => setCreating(false)}
          onSaved={(o) => {
            setCreating(false);
            show(t('directory.saved', { name: o.name }));
            void qc.invalidateQueries({ queryKey: ['directory'] });
          }}
        />
      )}
    </>
  );
}

function ImportSection({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<DirectoryImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const run = async (dryRun: boolean) => {
    if (!file) return;
    setPending(true);
    setError(null);
    try {
      const r = await api.post<DirectoryImportReport>('/directory/import', { fileName: file.name, contentBase64: await toBase64(file), dryRun });
      setReport(r);
      if (!dryRun) onDone();
    } catch (e) {
      setError(e);
    } finally {
      setPending(false);
    }
  };
  return (
    <section aria-labelledby="import-heading">
      <Title order={2} id="import-heading">{t('directory.importTitle')}</Title>
      <Text mb="sm">{t('directory.importIntro')}</Text>
      <Stack gap="sm" maw={560}>
        <FileInput label={t('directory.importFile')} accept=".json,.zip,application/json,application/zip" value={file} onChange={(f) => { setFile(f); setReport(null); }} clearable />
        <Group>
          <Button variant="default" disabled={!file} loading={pending} onClick={() => void run(true)}>{t('directory.dryRun')}</Button>
          <Button disabled={!file} loading={pending} onClick={() => void run(false)}>{t('directory.import')}</Button>
        </Group>
        <FormError error={error} />
      </Stack>
      {report && (
        <Stack mt="md" gap="sm" role="status">
          <Text fw={700}>{report.dryRun ? t('directory.dryRunDone') : t('directory.importDone')}</Text>
          <TableScroll label={t('directory.importCounts')} minWidth={560}>
            <Table striped>
              <Table.Caption>{t('directory.importCounts')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  {['table', 'created', 'updated', 'unchanged', 'removed', 'rejected'].map((k) => <Table.Th key={k} scope="col">{t(`directory.count.${k}`)}</Table.Th>)}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.counts.map((c) => (
                  <Table.Tr key={c.table}>
                    <Table.Th scope="row">{c.table}</Table.Th>
                    <Table.Td>{c.created}</Table.Td>
                    <Table.Td>{c.updated}</Table.Td>
                    <Table.Td>{c.unchanged}</Table.Td>
                    <Table.Td>{c.removed}</Table.Td>
                    <Table.Td>{c.rejected}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
          {report.rejections.length > 0 && (
            <TableScroll label={t('directory.rejections')} minWidth={640}>
              <Table striped>
                <Table.Caption>{t('directory.rejectionsCaption', { count: report.rejections.length })}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('directory.where')}</Table.Th>
                    <Table.Th scope="col">{t('directory.count.table')}</Table.Th>
                    <Table.Th scope="col">{t('directory.id')}</Table.Th>
                    <Table.Th scope="col">{t('directory.reason')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {report.rejections.map((r, i) => (
                    <Table.Tr key={`${r.where}:${r.field}:${i}`}>
                      <Table.Th scope="row">{r.where}</Table.Th>
                      <Table.Td>{r.table}</Table.Td>
                      <Table.Td>{r.id ?? ''}</Table.Td>
                      <Table.Td>{r.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )}
        </Stack>
      )}
    </section>
  );
}

// ---- one entry --------------------------------------------------------------------------------

export function EntryPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const key = ['directory', 'organization', id];
  const q = useQuery({ queryKey: key, queryFn: () => api.get<DirectoryOrganization>(`/directory/organizations/${id}`) });
  const [editing, setEditing] = useState<null | { kind: 'org' } | { kind: 'service'; record: DirectoryService | null } | { kind: 'location'; record: DirectoryLocation | null }>(null);
  const { notice, show, clear } = useNotice();
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const o = q.data;
  const saved = (name: string) => {
    setEditing(null);
    show(t('directory.saved', { name }));
    void qc.invalidateQueries({ queryKey: ['directory'] });
  };
  const openService = async (sid: string) => setEditing({ kind: 'service', record: await api.get<DirectoryService>(`/directory/services/${sid}`) });
  return (
    <>
      <PageHeader
        title={o.name}
        description={o.description}
        actions={
          <>
            <Anchor component={Link} to="/directory/manage">{t('directory.manageTitle')}</Anchor>
            {o.mayEdit && <Button variant="default" onClick={() => setEditing({ kind: 'org' })}>{t('directory.editEntry')}</Button>}
          </>
        }
      />
      <Notice notice={notice} onClose={clear} />
      <Stack gap="xl">
        <section aria-labelledby="services-heading">
          <Group justify="space-between">
            <Title order={2} id="services-heading">{t('directory.services')}</Title>
            {o.mayEdit && <Button onClick={() => setEditing({ kind: 'service', record: null })}>{t('directory.newService')}</Button>}
          </Group>
          {o.services.length === 0 ? <Text>{t('directory.noServices')}</Text> : (
            <ul className="plain-list">
              {o.services.map((s) => (
                <li key={s.id}>
                  <Group justify="space-between" py={4}>
                    <Anchor component={Link} to={`/directory/services/${s.id}`}>{s.name}</Anchor>
                    {o.mayEdit && <Button size="xs" variant="default" onClick={() => void openService(s.id)} aria-label={t('directory.editNamed', { name: s.name })}>{t('common.edit')}</Button>}
                  </Group>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="locations-heading">
          <Group justify="space-between">
            <Title order={2} id="locations-heading">{t('directory.locations')}</Title>
            {o.mayEdit && <Button onClick={() => setEditing({ kind: 'location', record: null })}>{t('directory.newLocation')}</Button>}
          </Group>
          {o.locations.length === 0 ? <Text>{t('directory.noLocations')}</Text> : (
            <ul className="plain-list">
              {o.locations.map((l) => (
                <li key={l.id}>
                  <Group justify="space-between" py={4}>
                    <Text>{l.name}{l.address ? `, ${l.address.street}, ${l.address.postalCode} ${l.address.city}` : ''}</Text>
                    {o.mayEdit && <Button size="xs" variant="default" onClick={() => setEditing({ kind: 'location', record: l })} aria-label={t('directory.editNamed', { name: l.name })}>{t('common.edit')}</Button>}
                  </Group>
                </li>
              ))}
            </ul>
          )}
        </section>
      </Stack>
      {editing?.kind === 'org' && <OrganizationModal record={o} onClose={() => setEditing(null)} onSaved={(x) => saved(x.name)} />}
      {editing?.kind === 'service' && <ServiceModal org={o} record={editing.record} onClose={() => setEditing(null)} onSaved={(x) => saved(x.name)} />}
      {editing?.kind === 'location' && <LocationModal org={o} record={editing.record} onClose={() => setEditing(null)} onSaved={(x) => saved(x.name)} />}
    </>
  );
}

interface OrgForm { name: string; alternateName: string; description: string; email: string; website: string }

function OrganizationModal({ record, onClose, onSaved }: { record: DirectoryOrganization | null; onClose: () => void; onSaved: (o: DirectoryOrganization) => void }) {
  const { t } = useTranslation();
  const body = (f: OrgForm) => ({
    name: f.name.trim(), alternateName: emptyToNull(f.alternateName), description: f.description.trim(), email: emptyToNull(f.email), website: emptyToNull(f.website),
  });
  const rf = useRecordForm<DirectoryOrganization, OrgForm>({
    record,
    toForm: (r) => ({ name: r?.name ?? '', alternateName: r?.alternateName ?? '', description: r?.description ?? '', email: r?.email ?? '', website: r?.website ?? '' }),
    create: (f) => api.post<DirectoryOrganization>('/directory/organizations', body(f)),
    update: (f, r) => api.patch<DirectoryOrganization>(`/directory/organizations/${r.id}`, { ...body(f), version: r.version }),
    reload: (id) => api.get<DirectoryOrganization>(`/directory/organizations/${id}`),
    onSaved,
  });
  const e = rf.errors.field;
  return (
    <FormModal title={record ? t('directory.editEntry') : t('directory.newEntry')} onClose={onClose} onSubmit={rf.submit} pending={rf.pending} error={rf.errors.error} conflict={rf.conflict} knownPaths={['name', 'alternateName', 'description', 'email', 'website']}>
      <TextInput label={t('directory.name')} required value={rf.form.name} onChange={(x) => rf.set('name', x.currentTarget.value)} error={e('name')} />
      <TextInput label={t('directory.alternateName')} value={rf.form.alternateName} onChange={(x) => rf.set('alternateName', x.currentTarget.value)} error={e('alternateName')} />
      <Textarea label={t('directory.description')} required autosize minRows={3} value={rf.form.description} onChange={(x) => rf.set('description', x.currentTarget.value)} error={e('description')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput type="email" label={t('directory.email')} value={rf.form.email} onChange={(x) => rf.set('email', x.currentTarget.value)} error={e('email')} />
        <TextInput type="url" label={t('directory.website')} value={rf.form.website} onChange={(x) => rf.set('website', x.currentTarget.value)} error={e('website')} />
      </SimpleGrid>
    </FormModal>
  );
}

/** Phone numbers as one comma-separated field; numbers that stay keep their HSDS ids. */
const phonesBody = (text: string, old: { id: string; number: string }[]) =>
  text.split(',').map((s) => s.trim()).filter(Boolean).map((number) => {
    const same = old.find((p) => p.number === number);
    return same ? { id: same.id, number } : { number };
  });

interface ServiceForm {
  name: string; description: string; status: ServiceStatus; categories: DirectoryCategory[]; areaMunicipalityIds: string[]; locationIds: string[];
  applicationProcess: string; eligibility: string; fees: string; email: string; url: string; phones: string; languages: string; hours: HoursRow[];
}

function ServiceModal({ org, record, onClose, onSaved }: { org: DirectoryOrganization; record: DirectoryService | null; onClose: () => void; onSaved: (s: DirectoryService) => void }) {
  const { t } = useTranslation();
  const municipalities = useMunicipalities();
  const body = (f: ServiceForm, r: DirectoryService | null) => ({
    name: f.name.trim(), description: f.description.trim(), status: f.status, categories: f.categories, areaMunicipalityIds: f.areaMunicipalityIds,
    locationIds: f.locationIds, applicationProcess: emptyToNull(f.applicationProcess), eligibility: emptyToNull(f.eligibility), fees: emptyToNull(f.fees),
    email: emptyToNull(f.email), url: emptyToNull(f.url), phones: phonesBody(f.phones, r?.phones ?? []),
    languages: f.languages.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean), openingHours: hoursBody(f.hours),
  });
  const rf = useRecordForm<DirectoryService, ServiceForm>({
    record,
    toForm: (r) => ({
      name: r?.name ?? '', description: r?.description ?? '', status: r?.status ?? 'active', categories: r?.categories ?? [],
      areaMunicipalityIds: r?.areas.map((a) => a.id) ?? [], locationIds: r?.locations.map((l) => l.id) ?? [],
      applicationProcess: r?.applicationProcess ?? '', eligibility: r?.eligibility ?? '', fees: r?.fees ?? '', email: r?.email ?? '', url: r?.url ?? '',
      phones: r?.phones.map((p) => p.number).join(', ') ?? '', languages: r?.languages.join(', ') ?? '', hours: (r?.openingHours ?? []).map(hoursRow),
    }),
    create: (f) => api.post<DirectoryService>('/directory/services', { organizationId: org.id, ...body(f, null) }),
    update: (f, r) => api.patch<DirectoryService>(`/directory/services/${r.id}`, { ...body(f, r), version: r.version }),
    reload: (id) => api.get<DirectoryService>(`/directory/services/${id}`),
    onSaved,
  });
  const e = rf.errors.field;
  return (
    <FormModal
      title={record ? t('directory.editNamed', { name: record.name }) : t('directory.newService')}
      size="xl"
      onClose={onClose} onSubmit={rf.submit} pending={rf.pending} error={rf.errors.error} conflict={rf.conflict}
      knownPaths={['name', 'description', 'status', 'categories', 'areaMunicipalityIds', 'locationIds', 'applicationProcess', 'eligibility', 'fees', 'email', 'url', 'phones', 'languages', 'openingHours']}
    >
      <TextInput label={t('directory.name')} required value={rf.form.name} onChange={(x) => rf.set('name', x.currentTarget.value)} error={e('name')} />
      <Textarea label={t('directory.description')} required autosize minRows={3} value={rf.form.description} onChange={(x) => rf.set('description', x.currentTarget.value)} error={e('description')} />
      <Checkbox.Group label={t('directory.needs')} withAsterisk value={rf.form.categories} onChange={(v) => rf.set('categories', v as DirectoryCategory[])} error={e('categories')}>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing={4} mt={4}>
          {DIRECTORY_CATEGORIES.map((c) => <Checkbox key={c} value={c} label={t(`directory.categories.${c}`)} />)}
        </SimpleGrid>
      </Checkbox.Group>
      <NativeSelect
        label={t('directory.statusLabel')}
        value={rf.form.status}
        onChange={(x) => rf.set('status', x.currentTarget.value as ServiceStatus)}
        data={SERVICE_STATUSES.map((s) => ({ value: s, label: t(`directory.status.${s}`) }))}
        error={e('status')}
      />
      <MultiSelect label={t('directory.areas')} data={(municipalities.data ?? []).map((m) => ({ value: m.id, label: m.name }))} value={rf.form.areaMunicipalityIds} onChange={(v) => rf.set('areaMunicipalityIds', v)} error={e('areaMunicipalityIds')} searchable />
      <MultiSelect label={t('directory.locations')} description={t('directory.locationsHint')} data={org.locations.map((l) => ({ value: l.id, label: l.name }))} value={rf.form.locationIds} onChange={(v) => rf.set('locationIds', v)} error={e('locationIds')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('directory.applicationProcess')} value={rf.form.applicationProcess} onChange={(x) => rf.set('applicationProcess', x.currentTarget.value)} error={e('applicationProcess')} />
        <TextInput label={t('directory.eligibility')} value={rf.form.eligibility} onChange={(x) => rf.set('eligibility', x.currentTarget.value)} error={e('eligibility')} />
        <TextInput label={t('directory.fees')} value={rf.form.fees} onChange={(x) => rf.set('fees', x.currentTarget.value)} error={e('fees')} />
        <TextInput label={t('directory.phones')} description={t('directory.commaSeparated')} value={rf.form.phones} onChange={(x) => rf.set('phones', x.currentTarget.value)} error={e('phones')} />
        <TextInput type="email" label={t('directory.email')} value={rf.form.email} onChange={(x) => rf.set('email', x.currentTarget.value)} error={e('email')} />
        <TextInput type="url" label={t('directory.website')} value={rf.form.url} onChange={(x) => rf.set('url', x.currentTarget.value)} error={e('url')} />
        <TextInput label={t('directory.languageCodes')} description={t('directory.languageCodesHint')} value={rf.form.languages} onChange={(x) => rf.set('languages', x.currentTarget.value)} error={e('languages')} />
      </SimpleGrid>
      <HoursEditor rows={rf.form.hours} onChange={(rows) => rf.set('hours', rows)} fieldError={e} />
    </FormModal>
  );
}

interface LocationForm { name: string; street: string; postalCode: string; city: string; transportation: string; accessibility: string; phones: string; hours: HoursRow[] }

function LocationModal({ org, record, onClose, onSaved }: { org: DirectoryOrganization; record: DirectoryLocation | null; onClose: () => void; onSaved: (l: DirectoryLocation) => void }) {
  const { t } = useTranslation();
  const body = (f: LocationForm, r: DirectoryLocation | null) => ({
    name: f.name.trim(), address: { street: f.street.trim(), postalCode: f.postalCode.trim(), city: f.city.trim() },
    transportation: emptyToNull(f.transportation), accessibility: emptyToNull(f.accessibility), phones: phonesBody(f.phones, r?.phones ?? []), openingHours: hoursBody(f.hours),
  });
  const rf = useRecordForm<DirectoryLocation, LocationForm>({
    record,
    toForm: (r) => ({
      name: r?.name ?? '', street: r?.address?.street ?? '', postalCode: r?.address?.postalCode ?? '', city: r?.address?.city ?? '',
      transportation: r?.transportation ?? '', accessibility: r?.accessibility ?? '', phones: r?.phones.map((p) => p.number).join(', ') ?? '', hours: (r?.openingHours ?? []).map(hoursRow),
    }),
    create: (f) => api.post<DirectoryLocation>('/directory/locations', { organizationId: org.id, ...body(f, null) }),
    update: (f, r) => api.patch<DirectoryLocation>(`/directory/locations/${r.id}`, { ...body(f, r), version: r.version }),
    reload: async (id) => (await api.get<DirectoryOrganization>(`/directory/organizations/${org.id}`)).locations.find((l) => l.id === id)!,
    onSaved,
  });
  const e = rf.errors.field;
  return (
    <FormModal
      title={record ? t('directory.editNamed', { name: record.name }) : t('directory.newLocation')}
      size="xl" onClose={onClose} onSubmit={rf.submit} pending={rf.pending} error={rf.errors.error} conflict={rf.conflict}
      knownPaths={['name', 'address', 'transportation', 'accessibility', 'phones', 'openingHours']}
    >
      <TextInput label={t('directory.name')} required value={rf.form.name} onChange={(x) => rf.set('name', x.currentTarget.value)} error={e('name')} />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput label={t('directory.street')} required value={rf.form.street} onChange={(x) => rf.set('street', x.currentTarget.value)} error={e('address.street')} />
        <TextInput label={t('directory.postalCode')} required inputMode="numeric" value={rf.form.postalCode} onChange={(x) => rf.set('postalCode', x.currentTarget.value)} error={e('address.postalCode')} />
        <TextInput label={t('directory.city')} required value={rf.form.city} onChange={(x) => rf.set('city', x.currentTarget.value)} error={e('address.city')} />
      </SimpleGrid>
      <TextInput label={t('directory.phones')} description={t('directory.commaSeparated')} value={rf.form.phones} onChange={(x) => rf.set('phones', x.currentTarget.value)} error={e('phones')} />
      <TextInput label={t('directory.transportation')} value={rf.form.transportation} onChange={(x) => rf.set('transportation', x.currentTarget.value)} error={e('transportation')} />
      <TextInput label={t('directory.accessibility')} value={rf.form.accessibility} onChange={(x) => rf.set('accessibility', x.currentTarget.value)} error={e('accessibility')} />
      <HoursEditor rows={rf.form.hours} onChange={(rows) => rf.set('hours', rows)} fieldError={e} />
    </FormModal>
  );
}
