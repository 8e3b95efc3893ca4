import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  Anchor,
  Button,
  FileInput,
  Group,
  Pagination,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { IMPORT_LIMITS, type ImportJob, type ImportJobSummary, type ImportPreview, type ImportRejection } from '../../../contracts/imports';
import { API_BASE, api } from '../../app/api';
import { FormError, QueryError } from '../../app/errors';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { StatusBadge, type Tone } from '../../ui/StatusBadge';
import { TableScroll } from '../../ui/TableScroll';
import { useFormatters } from '../../ui/format';

const JOBS_KEY = ['imports'] as const;
const PAGE_SIZE = 50;
const POLL_MS = 1000;

const STATUS_TONE: Record<ImportJob['status'], Tone> = { running: 'info', done: 'success', failed: 'danger' };

interface Upload {
  fileName: string;
  contentBase64: string;
}

/** The file's bytes in base64, in chunks (a spread of 20 MB into String.fromCharCode would overflow the stack). */
async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Stack gap={2} p="sm" style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 'var(--mantine-radius-sm)' }}>
      <Text size="sm">{label}</Text>
      <Text fw={700} fz="xl" data-testid={testId}>
        {value}
      </Text>
    </Stack>
  );
}

/** Every problem of every rejected row, one table line each, a page at a time. */
function RejectionTable({ rejections, headingId }: { rejections: ImportRejection[]; headingId: string }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const lines = useMemo(
    () => rejections.flatMap((r) => r.errors.map((e, i) => ({ key: `${r.row}:${i}`, row: r.row, externalId: r.externalId, ...e }))),
    [rejections],
  );
  const [page, setPage] = useState(1);
  const pages = Math.max(1, Math.ceil(lines.length / PAGE_SIZE));
  useEffect(() => setPage(1), [rejections]);
  if (lines.length === 0) return <Text>{t('imports.noRejections')}</Text>;
  const from = (page - 1) * PAGE_SIZE;
  const shown = lines.slice(from, from + PAGE_SIZE);
  return (
    <Stack gap="sm">
      <TableScroll label={t('imports.rejectedHeading')} minWidth={640}>
        <Table striped verticalSpacing="xs" data-testid="rejections" aria-labelledby={headingId}>
          <Table.Caption>
            {t('imports.rejectedCaption', { from: fmt.number(from + 1), to: fmt.number(from + shown.length), total: fmt.number(lines.length) })}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('imports.row')}</Table.Th>
              <Table.Th scope="col">{t('imports.externalId')}</Table.Th>
              <Table.Th scope="col">{t('imports.column')}</Table.Th>
              <Table.Th scope="col">{t('imports.reason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((l) => (
              <Table.Tr key={l.key}>
                <Table.Td>{l.row}</Table.Td>
                <Table.Td>{l.externalId ?? ''}</Table.Td>
                <Table.Td>{l.column ?? t('imports.wholeRow')}</Table.Td>
                <Table.Td>{l.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      {pages > 1 && (
        <nav aria-label={t('imports.pagination.label')}>
          <Pagination
            total={pages}
            value={page}
            onChange={setPage}
            siblings={1}
            getItemProps={(p) => ({ 'aria-label': t('imports.pagination.page', { page: p }) })}
            getControlProps={(control) =>
              control === 'previous'
                ? { 'aria-label': t('imports.pagination.previous') }
                : control === 'next'
                  ? { 'aria-label': t('imports.pagination.next') }
                  : control === 'first'
                    ? { 'aria-label': t('imports.pagination.first') }
                    : { 'aria-label': t('imports.pagination.last') }
            }
          />
        </nav>
      )}
    </Stack>
  );
}

/** The rejected rows as a CSV the person can fix their file with (row; column; reason). */
function downloadRejections(job: ImportJob, labels: { row: string; externalId: string; column: string; reason: string }) {
  const cell = (s: string) => (/[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [[labels.row, labels.externalId, labels.column, labels.reason].join(';')];
  for (const r of job.rejections) for (const e of r.errors) lines.push([String(r.row), r.externalId ?? '', e.column ?? '', e.message].map(cell).join(';'));
  const blob = new Blob([`\ufeff${lines.join('\r\n')}\r\n`], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${job.fileName.replace(/\.[^.]+$/, '')}-abgelehnt.csv`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function PreviewView({ preview, onStart, onReset, starting, error }: { preview: ImportPreview; onStart: () => void; onReset: () => void; starting: boolean; error: unknown }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  return (
    <section aria-labelledby="import-preview">
      <Title order={2} size="h3" id="import-preview" mb="xs">
        {t('imports.previewHeading', { name: preview.fileName })}
      </Title>
      <Text mb="md">{t('imports.previewIntro')}</Text>
      <SimpleGrid cols={{ base: 2, sm: 4 }} mb="md">
        <Stat label={t('imports.stats.total')} value={fmt.number(preview.totalRows)} testId="stat-total" />
        <Stat label={t('imports.stats.valid')} value={fmt.number(preview.validRows)} testId="stat-valid" />
        <Stat label={t('imports.stats.rejected')} value={fmt.number(preview.rejectedRows)} testId="stat-rejected" />
        <Stat label={t('imports.stats.known')} value={fmt.number(preview.knownRows)} testId="stat-known" />
      </SimpleGrid>
      {preview.knownRows > 0 && <Text mb="md">{t('imports.knownHint', { count: preview.knownRows })}</Text>}
      <FormError error={error} />
      <Group mb="lg" mt="sm">
        <Button onClick={onStart} loading={starting} disabled={preview.validRows === 0}>
          {t('imports.start')}
        </Button>
        <Button variant="default" onClick={onReset}>
          {t('imports.another')}
        </Button>
      </Group>
      {preview.validRows === 0 && <Text mb="md">{t('imports.nothingToImport')}</Text>}

      <Title order={3} size="h4" id="preview-rejected" mb="xs">
        {t('imports.rejectedHeading')}
      </Title>
      <RejectionTable rejections={preview.rejections} headingId="preview-rejected" />

      {preview.sample.length > 0 && (
        <>
          <Title order={3} size="h4" id="preview-sample" mt="lg" mb="xs">
            {t('imports.sampleHeading')}
          </Title>
          <TableScroll label={t('imports.sampleHeading')} minWidth={720}>
            <Table striped verticalSpacing="xs" aria-labelledby="preview-sample">
              <Table.Caption>{t('imports.sampleCaption', { count: preview.sample.length })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('imports.row')}</Table.Th>
                  <Table.Th scope="col">{t('imports.externalId')}</Table.Th>
                  <Table.Th scope="col">{t('intake.kind')}</Table.Th>
                  <Table.Th scope="col">{t('imports.receivedOn')}</Table.Th>
                  <Table.Th scope="col">{t('imports.tenants')}</Table.Th>
                  <Table.Th scope="col">{t('imports.address')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.sample.map((s) => (
                  <Table.Tr key={s.row}>
                    <Table.Td>{s.row}</Table.Td>
                    <Table.Td>{s.externalId}</Table.Td>
                    <Table.Td>{t(`intake.kinds.${s.kind}`, { defaultValue: s.kind })}</Table.Td>
                    <Table.Td>{fmt.date(s.receivedOn)}</Table.Td>
                    <Table.Td>{s.tenants.join(', ')}</Table.Td>
                    <Table.Td>{s.address}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        </>
      )}
    </section>
  );
}

function JobView({ jobId, onReset }: { jobId: string; onReset: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const queryClient = useQueryClient();
  // While it runs: the counts only, every second. Once it has ended: the report with every rejected row.
  const progress = useQuery({
    queryKey: [...JOBS_KEY, jobId, 'progress'],
    queryFn: () => api.get<ImportJob>(`/imports/${jobId}`, { rejections: 'none' }),
    refetchInterval: (q) => (q.state.data?.status === 'running' ? POLL_MS : false),
  });
  const ended = progress.data !== undefined && progress.data.status !== 'running';
  const report = useQuery({
    queryKey: [...JOBS_KEY, jobId, 'report'],
    queryFn: () => api.get<ImportJob>(`/imports/${jobId}`),
    enabled: ended,
  });
  useEffect(() => {
    if (ended) void queryClient.invalidateQueries({ queryKey: JOBS_KEY, exact: true });
  }, [ended, queryClient]);

  if (progress.isPending) return <Loading />;
  if (progress.isError) return <QueryError error={progress.error} onRetry={() => void progress.refetch()} />;
  const job = report.data ?? progress.data;
  const percent = job.totalRows ? Math.floor((job.processedRows / job.totalRows) * 100) : 100;
  const labels = { row: t('imports.row'), externalId: t('imports.externalId'), column: t('imports.column'), reason: t('imports.reason') };

  return (
    <section aria-labelledby="import-job">
      <Group gap="sm" mb="xs" align="center">
        <Title order={2} size="h3" id="import-job">
          {job.status === 'running' ? t('imports.runningHeading', { name: job.fileName }) : t('imports.reportHeading', { name: job.fileName })}
        </Title>
        <StatusBadge tone={STATUS_TONE[job.status]}>{t(`imports.status.${job.status}`)}</StatusBadge>
      </Group>
      <Stack gap={4} mb="md">
        <Progress value={percent} size="xl" aria-label={t('imports.progressLabel')} animated={job.status === 'running'} data-testid="import-progress" />
        <Text size="sm" data-testid="progress-text">
          {t('imports.progressText', { processed: fmt.number(job.processedRows), total: fmt.number(job.totalRows), percent })}
        </Text>
      </Stack>
      {job.status === 'running' && <Text mb="md">{t('imports.runningHint')}</Text>}
      <div role="status">
        {job.status === 'done' && <Alert color="teal" mb="md">{t('imports.done')}</Alert>}
        {job.status === 'failed' && (
          <Alert color="red" mb="md" title={t('imports.failed')}>
            {job.error}
          </Alert>
        )}
      </div>
      <SimpleGrid cols={{ base: 2, sm: 4 }} mb="md">
        <Stat label={t('imports.stats.total')} value={fmt.number(job.totalRows)} testId="report-total" />
        <Stat label={t('imports.stats.imported')} value={fmt.number(job.importedRows)} testId="report-imported" />
        <Stat label={t('imports.stats.duplicates')} value={fmt.number(job.duplicateRows)} testId="report-duplicates" />
        <Stat label={t('imports.stats.rejected')} value={fmt.number(job.rejectedRows)} testId="report-rejected" />
      </SimpleGrid>
      {ended && (
        <>
          <Group mb="lg">
            <Button variant="default" onClick={onReset}>
              {t('imports.newImport')}
            </Button>
            {report.data && report.data.rejections.length > 0 && (
              <Button variant="default" onClick={() => downloadRejections(report.data, labels)}>
                {t('imports.downloadRejections')}
              </Button>
            )}
          </Group>
          <Title order={3} size="h4" id="report-rejected" mb="xs">
            {t('imports.rejectedHeading')}
          </Title>
          {report.isPending ? (
            <Loading />
          ) : report.isError ? (
            <QueryError error={report.error} onRetry={() => void report.refetch()} />
          ) : (
            <RejectionTable rejections={report.data.rejections} headingId="report-rejected" />
          )}
        </>
      )}
    </section>
  );
}

function History({ onShow, current }: { onShow: (id: string) => void; current: string | null }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const jobs = useQuery({ queryKey: JOBS_KEY, queryFn: async () => (await api.get<{ items: ImportJobSummary[] }>('/imports')).items });
  return (
    <section aria-labelledby="import-history">
      <Title order={2} size="h3" id="import-history" mb="sm">
        {t('imports.historyHeading')}
      </Title>
      {jobs.isPending ? (
        <Loading />
      ) : jobs.isError ? (
        <QueryError error={jobs.error} onRetry={() => void jobs.refetch()} />
      ) : jobs.data.length === 0 ? (
        <Text>{t('imports.historyEmpty')}</Text>
      ) : (
        <TableScroll label={t('imports.historyHeading')} minWidth={760}>
          <Table striped verticalSpacing="xs" aria-labelledby="import-history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('imports.fileName')}</Table.Th>
                <Table.Th scope="col">{t('imports.startedAt')}</Table.Th>
                <Table.Th scope="col">{t('imports.by')}</Table.Th>
                <Table.Th scope="col">{t('common.status')}</Table.Th>
                <Table.Th scope="col">{t('imports.stats.imported')}</Table.Th>
                <Table.Th scope="col">{t('imports.duplicatesShort')}</Table.Th>
                <Table.Th scope="col">{t('imports.stats.rejected')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {jobs.data.map((j) => (
                <Table.Tr key={j.id}>
                  <Table.Td>{j.fileName}</Table.Td>
                  <Table.Td>{fmt.dateTime(j.createdAt)}</Table.Td>
                  <Table.Td>{j.createdBy ?? ''}</Table.Td>
                  <Table.Td>
                    <StatusBadge tone={STATUS_TONE[j.status]}>{t(`imports.status.${j.status}`)}</StatusBadge>
                  </Table.Td>
                  <Table.Td>{fmt.number(j.importedRows)}</Table.Td>
                  <Table.Td>{fmt.number(j.duplicateRows)}</Table.Td>
                  <Table.Td>{fmt.number(j.rejectedRows)}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      disabled={current === j.id}
                      onClick={() => onShow(j.id)}
                      aria-label={t('imports.showReportNamed', { name: j.fileName, date: fmt.dateTime(j.createdAt) })}
                    >
                      {t('imports.showReport')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </section>
  );
}

/**
 * /intake/import: notices from a CSV or Excel file. Choose a file → dry run (counts, every
 * rejected row with its reason) → import in the background with a progress bar → the report.
 * The job's id is kept in the address, so a reload (or coming back later) shows it again.
 */
export function ImportPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const [file, setFile] = useState<File | null>(null);
  const [upload, setUpload] = useState<Upload | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [checking, setChecking] = useState(false);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const attempt = useRef(0);

  const reset = () => {
    attempt.current++;
    setFile(null);
    setUpload(null);
    setPreview(null);
    setError(null);
    setLocalError(null);
    setParams({}, { replace: false });
  };

  const choose = async (chosen: File | null) => {
    const mine = ++attempt.current;
    setFile(chosen);
    setPreview(null);
    setUpload(null);
    setError(null);
    setLocalError(null);
    if (!chosen) return;
    if (chosen.size > IMPORT_LIMITS.maxFileBytes) {
      setLocalError(t('imports.tooLarge', { max: IMPORT_LIMITS.maxFileBytes / 1024 / 1024 }));
      return;
    }
    setChecking(true);
    try {
      const body = { fileName: chosen.name, contentBase64: await toBase64(chosen) };
      const result = await api.post<ImportPreview>('/imports/preview', body);
      if (mine !== attempt.current) return;
      setUpload(body);
      setPreview(result);
    } catch (err) {
      if (mine === attempt.current) setError(err);
    } finally {
      if (mine === attempt.current) setChecking(false);
    }
  };

  const start = async () => {
    if (!upload) return;
    setStarting(true);
    setError(null);
    try {
      const job = await api.post<ImportJob>('/imports', upload);
      queryClient.setQueryData([...JOBS_KEY, job.id, 'progress'], job);
      void queryClient.invalidateQueries({ queryKey: JOBS_KEY, exact: true });
      setFile(null);
      setUpload(null);
      setPreview(null);
      setParams({ job: job.id });
    } catch (err) {
      setError(err);
    } finally {
      setStarting(false);
    }
  };

  return (
    <>
      <PageHeader title={t('imports.title')} description={t('imports.intro')} />
      <Stack gap="xl">
        {jobId ? (
          <JobView key={jobId} jobId={jobId} onReset={reset} />
        ) : (
          <>
            <section aria-labelledby="import-file">
              <Title order={2} size="h3" id="import-file" mb="xs">
                {t('imports.fileHeading')}
              </Title>
              <Text mb="xs">{t('imports.templateHint')}</Text>
              <Anchor href={`${API_BASE}/imports/template.csv`} download mb="md" display="inline-block">
                {t('imports.template')}
              </Anchor>
              <FileInput
                label={t('imports.file')}
                description={t('imports.fileHint', { rows: IMPORT_LIMITS.maxRows.toLocaleString('de-DE'), mb: IMPORT_LIMITS.maxFileBytes / 1024 / 1024 })}
                placeholder={t('imports.filePlaceholder')}
                accept=".csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                value={file}
                onChange={(f) => void choose(f)}
                clearable
                clearButtonProps={{ 'aria-label': t('imports.clearFile') }}
                maw={520}
                error={localError ?? undefined}
              />
              {checking && (
                <Text mt="sm" role="status">
                  {t('imports.checking')}
                </Text>
              )}
              {!preview && <FormError error={error} />}
            </section>
            {preview && <PreviewView preview={preview} onStart={() => void start()} onReset={reset} starting={starting} error={error} />}
          </>
        )}
        <History onShow={(id) => setParams({ job: id })} current={jobId} />
      </Stack>
    </>
  );
}
