import { useState } from 'react';
import { Anchor, Button, FileInput, Group, Paper, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_TYPES, type DocumentItem, type DocumentList } from '../../../contracts/documents';
import { API_BASE, api, apiRequest, apiUpload } from '../../app/api';
import { FormError, QueryError, useFormErrors } from '../../app/errors';
import { useSession } from '../../app/session';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { Loading } from '../../ui/Loading';
import { Notice, useNotice } from '../../ui/Notice';
import { TableScroll } from '../../ui/TableScroll';
import { useFormatters } from '../../ui/format';
import type { CaseTabProps } from '../cases/types';
import { LetterForm } from '../letters/LetterForm';

export const documentKeys = { list: (caseId: string) => ['documents', caseId] as const };

const megabytes = (bytes: number) => (bytes / (1024 * 1024)).toLocaleString(undefined, { maximumFractionDigits: 1 });

/** Case tab "Briefe & Dokumente": write a letter, upload a document, list, download and delete them. */
// The props of a case tab (cases/tabs.tsx), spelt out here: tabs.tsx imports this panel.
export function CaseDocumentsPanel({ summary }: CaseTabProps) {
  const { t } = useTranslation();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const { notice, show, clear } = useNotice();
  const query = useQuery({ queryKey: documentKeys.list(summary.id), queryFn: () => api.get<DocumentList>(`/cases/${summary.id}/documents`) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: documentKeys.list(summary.id) });
  return (
    <Stack gap="lg">
      <Notice notice={notice} onClose={clear} />
      {can('cases.edit') && (
        <Paper component="section" aria-labelledby="letter-heading" withBorder p="md">
          <Title order={2} size="h3" id="letter-heading" mb="sm">
            {t('letters.heading')}
          </Title>
          <LetterForm caseId={summary.id} onWritten={(doc) => { show(t('letters.written', { name: doc.fileName })); void refresh(); }} />
        </Paper>
      )}
      <Paper component="section" aria-labelledby="documents-heading" withBorder p="md">
        <Title order={2} size="h3" id="documents-heading" mb="sm">
          {t('documents.heading')}
        </Title>
        {query.isPending ? (
          <Loading />
        ) : query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <Stack gap="md">
            <DocumentTable items={query.data.items} onDeleted={() => { show(t('documents.deleted')); void refresh(); }} />
            {can('cases.edit') && (
              <UploadForm caseId={summary.id} maxBytes={query.data.maxUploadBytes} onUploaded={(doc) => { show(t('documents.uploaded', { name: doc.fileName })); void refresh(); }} />
            )}
          </Stack>
        )}
      </Paper>
    </Stack>
  );
}

function DocumentTable({ items, onDeleted }: { items: DocumentItem[]; onDeleted: () => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const f = useFormatters();
  const [toDelete, setToDelete] = useState<DocumentItem | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => apiRequest(`/documents/${id}`, { method: 'DELETE' }),
    onSuccess: () => { setToDelete(null); onDeleted(); },
  });
  if (!items.length) return <Text c="dimmed">{t('documents.none')}</Text>;
  return (
    <>
      <TableScroll label={t('documents.tableLabel')}>
        <Table striped>
          <Table.Caption>{t('documents.caption', { count: items.length })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('documents.columns.file')}</Table.Th>
              <Table.Th scope="col">{t('documents.columns.type')}</Table.Th>
              <Table.Th scope="col">{t('documents.columns.note')}</Table.Th>
              <Table.Th scope="col">{t('documents.columns.created')}</Table.Th>
              <Table.Th scope="col">{t('documents.columns.size')}</Table.Th>
              {can('cases.edit') && <Table.Th scope="col">{t('documents.columns.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>
                  {/* A plain link: the server answers with the file as an attachment, so the browser saves it. */}
                  <Anchor href={`${API_BASE}/documents/${d.id}/content`} download={d.fileName}>
                    {d.fileName}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {t(`documents.types.${d.type}`)}
                  {d.letter && (
                    <Text size="sm" c="dimmed">
                      {t(`letters.templates.${d.letter.template}`)} · {t(`letters.languages.${d.letter.language}`)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{d.note ?? ''}</Table.Td>
                <Table.Td>
                  {f.dateTime(d.createdAt)}
                  {d.createdBy && <Text size="sm">{d.createdBy.name}</Text>}
                </Table.Td>
                <Table.Td>{t('documents.megabytes', { value: megabytes(d.sizeBytes) })}</Table.Td>
                {can('cases.edit') && (
                  <Table.Td>
                    <Button size="xs" variant="default" onClick={() => setToDelete(d)} aria-label={t('documents.deleteNamed', { name: d.fileName })}>
                      {t('documents.delete')}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      <FormError error={remove.error} />
      <ConfirmModal
        opened={toDelete !== null}
        title={t('documents.deleteTitle')}
        message={t('documents.deleteConfirm', { name: toDelete?.fileName ?? '' })}
        confirmLabel={t('documents.delete')}
        danger
        pending={remove.isPending}
        onConfirm={() => toDelete && remove.mutate(toDelete.id)}
        onClose={() => setToDelete(null)}
      />
    </>
  );
}

function UploadForm({ caseId, maxBytes, onUploaded }: { caseId: string; maxBytes: number; onUploaded: (doc: DocumentItem) => void }) {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const [file, setFile] = useState<File | null>(null);
  const [type, setType] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const upload = useMutation({
    mutationFn: () => {
      const form = new FormData();
      if (type) form.append('type', type);
      if (note.trim()) form.append('note', note.trim());
      if (file) form.append('file', file, file.name);
      return apiUpload<DocumentItem>(`/cases/${caseId}/documents`, form);
    },
    onMutate: () => errors.clear(),
    onError: (e) => errors.setError(e),
    onSuccess: (doc) => {
      setFile(null);
      setType(null);
      setNote('');
      onUploaded(doc);
    },
  });
  return (
    <form aria-labelledby="upload-heading" onSubmit={(e) => { e.preventDefault(); upload.mutate(); }}>
      <Title order={3} size="h4" id="upload-heading" mb="xs">
        {t('documents.uploadHeading')}
      </Title>
      <Stack gap="sm" maw={560}>
        <FileInput
          label={t('documents.file')}
          description={t('documents.fileHint', { max: megabytes(maxBytes) })}
          accept="application/pdf,image/jpeg,image/png"
          value={file}
          onChange={setFile}
          required
          clearable
          error={errors.field('file')}
        />
        <Select
          label={t('documents.type')}
          data={DOCUMENT_TYPES.map((v) => ({ value: v, label: t(`documents.types.${v}`) }))}
          value={type}
          onChange={setType}
          required
          error={errors.field('type')}
        />
        <Textarea label={t('documents.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={1000} rows={3} error={errors.field('note')} />
        <FormError error={errors.error} knownPaths={['file', 'type', 'note']} />
        <Group>
          <Button type="submit" loading={upload.isPending}>
            {t('documents.upload')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
