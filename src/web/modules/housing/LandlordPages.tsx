import { useEffect, useState } from 'react';
import { Anchor, Button, Group, Modal, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { LandlordList } from '../../../contracts/housing';
import { api } from '../../app/api';
import { QueryError } from '../../app/errors';
import { useSession } from '../../app/session';
import { NotFoundPage } from '../../app/StatusPages';
import { DefinitionItem } from '../../ui/DefinitionItem';
import { Loading } from '../../ui/Loading';
import { Notice, useNotice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { StatusBadge } from '../../ui/StatusBadge';
import { TableScroll } from '../../ui/TableScroll';
import { Day } from '../deadlines/DeadlineParts';
import { LandlordAgreementForm, LandlordForm } from './LandlordForms';
import { AGREEMENT_STATE_TONES, Badges, OFFER_STATUS_TONES, addressLine, housingKeys, type Landlord, type LandlordAgreement } from './housingShared';

/** "shared" and "cooperating" as words on badges, so the colour never carries the meaning alone. */
function LandlordBadges({ shared, cooperating }: { shared: boolean; cooperating: boolean }) {
  const { t } = useTranslation();
  return (
    <Badges>
      {[
        cooperating && (
          <StatusBadge key="cooperating" tone="success">
            {t('housing.landlords.cooperating')}
          </StatusBadge>
        ),
        shared && (
          <StatusBadge key="shared" tone="info">
            {t('housing.landlords.shared')}
          </StatusBadge>
        ),
      ]}
    </Badges>
  );
}

/** /housing/landlords: the own organisation's landlords and those others share, searchable by name and town. */
export function LandlordsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [typed, setTyped] = useState(q);
  // Back and forward change the address: the box shows the search the list shows.
  useEffect(() => setTyped(q), [q]);
  const [creating, setCreating] = useState(false);
  const query = useQuery({
    queryKey: housingKeys.landlords(q),
    queryFn: () => api.get<z.infer<typeof LandlordList>>('/housing/landlords', { q }),
  });
  const search = (value: string) =>
    setParams((p) => {
      if (value.trim()) p.set('q', value.trim());
      else p.delete('q');
      return p;
    }, { replace: true });

  return (
    <>
      <PageHeader
        title={t('housing.landlords.title')}
        description={t('housing.landlords.description')}
        actions={can('housing.manage') && !creating ? <Button onClick={() => setCreating(true)}>{t('housing.landlords.form.newHeading')}</Button> : undefined}
      />
      <Stack gap="md">
        {creating && (
          <Paper withBorder p="md">
            <LandlordForm
              onSaved={(l) => {
                void queryClient.invalidateQueries({ queryKey: housingKeys.landlordsAll });
                queryClient.setQueryData(housingKeys.landlord(l.id), l);
                navigate(`/housing/landlords/${l.id}`, { state: { created: true } });
              }}
              onCancel={() => setCreating(false)}
            />
          </Paper>
        )}
        <Paper withBorder p="md">
          <Stack gap="md">
            <form
              role="search"
              aria-label={t('housing.landlords.searchLabel')}
              onSubmit={(e) => {
                e.preventDefault();
                search(typed);
              }}
            >
              <Group align="flex-end" gap="sm" wrap="wrap">
                <TextInput
                  type="search"
                  label={t('housing.landlords.searchLabel')}
                  description={t('housing.landlords.searchHint')}
                  value={typed}
                  onChange={(e) => setTyped(e.currentTarget.value)}
                  maxLength={100}
                  miw={280}
                />
                <Button type="submit" variant="default">
                  {t('housing.landlords.searchButton')}
                </Button>
                {q && (
                  <Button
                    variant="subtle"
                    onClick={() => {
                      setTyped('');
                      search('');
                    }}
                  >
                    {t('housing.landlords.clearSearch')}
                  </Button>
                )}
              </Group>
            </form>
            {query.isPending ? (
              <Loading />
            ) : query.isError ? (
              <QueryError error={query.error} onRetry={() => void query.refetch()} />
            ) : query.data.items.length === 0 ? (
              <Text>{q ? t('housing.landlords.noneMatch', { q }) : t('housing.landlords.empty')}</Text>
            ) : (
              <TableScroll label={t('housing.landlords.tableLabel')} minWidth={860}>
                <Table striped>
                  <Table.Caption>{q ? t('housing.landlords.captionSearch', { count: query.data.items.length, q }) : t('housing.landlords.caption', { count: query.data.items.length })}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('housing.landlords.fields.name')}</Table.Th>
                      <Table.Th scope="col">{t('housing.landlords.fields.kind')}</Table.Th>
                      <Table.Th scope="col">{t('address.city')}</Table.Th>
                      <Table.Th scope="col">{t('housing.landlords.fields.cooperation')}</Table.Th>
                      <Table.Th scope="col">{t('housing.landlords.fields.owner')}</Table.Th>
                      <Table.Th scope="col">{t('housing.landlords.fields.openOffers')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {query.data.items.map((l) => (
                      <Table.Tr key={l.id}>
                        <Table.Th scope="row" fw={400}>
                          <Anchor component={Link} to={`/housing/landlords/${l.id}`} fw={600}>
                            {l.name}
                          </Anchor>
                        </Table.Th>
                        <Table.Td>{t(`housing.landlords.kinds.${l.kind}`)}</Table.Td>
                        <Table.Td>{l.city ?? '–'}</Table.Td>
                        <Table.Td>
                          <LandlordBadges shared={l.shared} cooperating={l.cooperating} />
                        </Table.Td>
                        <Table.Td>{l.orgName}</Table.Td>
                        <Table.Td>{l.openOffers}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </TableScroll>
            )}
          </Stack>
        </Paper>
      </Stack>
    </>
  );
}

/** "2 of 5 this year", "quota reached", or the lettings alone when the agreement sets no quota. */
export function quotaText(a: Pick<LandlordAgreement, 'flatsPerYear' | 'lettingsThisYear'>, t: TFunction): string {
  if (a.flatsPerYear === null) return t('housing.landlords.agreements.lettingsNoQuota', { count: a.lettingsThisYear });
  const text = t('housing.landlords.agreements.quota', { count: a.flatsPerYear, lettings: a.lettingsThisYear });
  return a.lettingsThisYear >= a.flatsPerYear ? `${text} – ${t('housing.landlords.agreements.quotaReached')}` : text;
}

function Agreements({ landlord: l, onEdit }: { landlord: Landlord; onEdit: (a: LandlordAgreement) => void }) {
  const { t } = useTranslation();
  return (
    <Paper component="section" aria-labelledby="landlord-agreements-heading" withBorder p="md">
      <Title order={2} size="h3" id="landlord-agreements-heading" mb="sm">
        {t('housing.landlords.agreements.heading')}
      </Title>
      {l.agreements.length === 0 ? (
        <Text>{t('housing.landlords.agreements.none')}</Text>
      ) : (
        <TableScroll label={t('housing.landlords.agreements.tableLabel')} minWidth={760}>
          <Table striped>
            <Table.Caption>{t('housing.landlords.agreements.caption', { count: l.agreements.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('housing.landlords.agreements.fields.title')}</Table.Th>
                <Table.Th scope="col">{t('housing.landlords.agreements.fields.state')}</Table.Th>
                <Table.Th scope="col">{t('housing.landlords.agreements.fields.period')}</Table.Th>
                <Table.Th scope="col">{t('housing.landlords.agreements.fields.quota')}</Table.Th>
                {l.canEdit && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {l.agreements.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Th scope="row" fw={400}>
                    <Text fw={700} size="sm">
                      {a.title}
                    </Text>
                    {a.subject && <Text size="sm">{a.subject}</Text>}
                  </Table.Th>
                  <Table.Td>
                    <StatusBadge tone={AGREEMENT_STATE_TONES[a.state]}>{t(`housing.landlords.agreements.states.${a.state}`)}</StatusBadge>
                  </Table.Td>
                  <Table.Td>
                    <Day value={a.validFrom} /> – {a.validUntil ? <Day value={a.validUntil} /> : t('housing.landlords.agreements.openEnded')}
                  </Table.Td>
                  <Table.Td>{quotaText(a, t)}</Table.Td>
                  {l.canEdit && (
                    <Table.Td>
                      <Button size="compact-sm" variant="default" onClick={() => onEdit(a)} aria-label={t('common.editNamed', { name: a.title })}>
                        {t('common.edit')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Paper>
  );
}

function OfferHistory({ landlord: l }: { landlord: Landlord }) {
  const { t } = useTranslation();
  return (
    <Paper component="section" aria-labelledby="landlord-offers-heading" withBorder p="md">
      <Title order={2} size="h3" id="landlord-offers-heading" mb="sm">
        {t('housing.landlords.offers.heading')}
      </Title>
      {l.offers.length === 0 ? (
        <Text>{t('housing.landlords.offers.none')}</Text>
      ) : (
        <TableScroll label={t('housing.landlords.offers.tableLabel')} minWidth={640}>
          <Table striped>
            <Table.Caption>{t('housing.landlords.offers.caption', { count: l.offers.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('housing.landlords.offers.address')}</Table.Th>
                <Table.Th scope="col">{t('housing.landlords.offers.availableFrom')}</Table.Th>
                <Table.Th scope="col">{t('housing.landlords.offers.status')}</Table.Th>
                <Table.Th scope="col">{t('housing.landlords.offers.leaseSignedOn')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {l.offers.map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Th scope="row" fw={400}>
                    <Anchor component={Link} to={`/housing/offers/${o.id}`}>
                      {o.address}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>
                    <Day value={o.availableFrom} />
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge tone={OFFER_STATUS_TONES[o.status]}>{t(`housing.landlords.offers.statuses.${o.status}`)}</StatusBadge>
                  </Table.Td>
                  <Table.Td>{o.leaseSignedOn ? <Day value={o.leaseSignedOn} /> : '–'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Paper>
  );
}

function LandlordFacts({ landlord: l, cooperating }: { landlord: Landlord; cooperating: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Paper component="section" aria-labelledby="landlord-facts-heading" withBorder p="md">
        <Title order={2} size="h3" id="landlord-facts-heading" mb="sm">
          {t('housing.landlords.detail.factsHeading')}
        </Title>
        <SimpleGrid component="dl" cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
          <DefinitionItem label={t('housing.landlords.fields.kind')}>{t(`housing.landlords.kinds.${l.kind}`)}</DefinitionItem>
          <DefinitionItem label={t('address.label')}>{addressLine(l) || '–'}</DefinitionItem>
          <DefinitionItem label={t('common.phone')}>{l.phone ? <Anchor href={`tel:${l.phone.replace(/[^+0-9]/g, '')}`}>{l.phone}</Anchor> : '–'}</DefinitionItem>
          <DefinitionItem label={t('common.email')}>{l.email ? <Anchor href={`mailto:${l.email}`}>{l.email}</Anchor> : '–'}</DefinitionItem>
          <DefinitionItem label={t('housing.landlords.fields.owner')}>{l.orgName}</DefinitionItem>
          <DefinitionItem label={t('housing.landlords.fields.visibility')}>{l.shared ? t('housing.landlords.sharedText') : t('housing.landlords.notSharedText')}</DefinitionItem>
          <DefinitionItem label={t('housing.landlords.fields.cooperation')}>
            {cooperating ? t('housing.landlords.cooperatingText') : t('housing.landlords.notCooperatingText')}
          </DefinitionItem>
        </SimpleGrid>
      </Paper>
      <Paper component="section" aria-labelledby="landlord-contacts-heading" withBorder p="md">
        <Title order={2} size="h3" id="landlord-contacts-heading" mb="sm">
          {t('housing.landlords.contacts.heading')}
        </Title>
        {l.contacts.length === 0 ? (
          <Text>{t('housing.landlords.contacts.none')}</Text>
        ) : (
          <SimpleGrid component="ul" className="plain-list" cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
            {l.contacts.map((c, i) => (
              <li key={`${c.name}-${i}`}>
                <Text fw={700}>{c.name}</Text>
                {c.function && <Text size="sm">{c.function}</Text>}
                {c.phone && (
                  <Text size="sm">
                    {t('common.phone')}: <Anchor href={`tel:${c.phone.replace(/[^+0-9]/g, '')}`}>{c.phone}</Anchor>
                  </Text>
                )}
                {c.email && (
                  <Text size="sm">
                    {t('common.email')}: <Anchor href={`mailto:${c.email}`}>{c.email}</Anchor>
                  </Text>
                )}
              </li>
            ))}
          </SimpleGrid>
        )}
      </Paper>
      <Paper component="section" aria-labelledby="landlord-notes-heading" withBorder p="md">
        <Title order={2} size="h3" id="landlord-notes-heading" mb="sm">
          {t('housing.landlords.fields.note')}
        </Title>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{l.note ?? t('housing.landlords.detail.noNote')}</Text>
      </Paper>
    </>
  );
}

/** /housing/landlords/:id: a landlord with contacts, cooperation agreements and their quota, offer history and notes. */
export function LandlordPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const queryClient = useQueryClient();
  const notice = useNotice();
  const [editing, setEditing] = useState(false);
  const [editingAgreement, setEditingAgreement] = useState<LandlordAgreement | null>(null);
  const [createdNotice, setCreatedNotice] = useState((location.state as { created?: boolean } | null)?.created === true);
  const query = useQuery({ queryKey: housingKeys.landlord(id), queryFn: () => api.get<Landlord>(`/housing/landlords/${id}`) });

  if (query.isPending) return <Loading />;
  if (query.isError) {
    if ((query.error as { status?: number }).status === 404) return <NotFoundPage />;
    return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  }
  const l = query.data;
  const saved = (updated: Landlord, message: string) => {
    setCreatedNotice(false);
    queryClient.setQueryData(housingKeys.landlord(id), updated);
    notice.show(message);
    void queryClient.invalidateQueries({ queryKey: ['housing', 'landlords', 'list'] });
  };
  // "A cooperation agreement in force today", as the list says it.
  const cooperating = l.agreements.some((a) => a.state === 'active' || a.state === 'expiring');

  return (
    <>
      <PageHeader
        title={l.name}
        description={`${t(`housing.landlords.kinds.${l.kind}`)} · ${t('housing.landlords.keptBy', { name: l.orgName })}`}
        actions={
          l.canEdit && !editing ? (
            <Button variant="default" onClick={() => setEditing(true)}>
              {t('housing.landlords.detail.edit')}
            </Button>
          ) : undefined
        }
      />
      <Stack gap="lg">
        <Notice
          notice={notice.notice ?? (createdNotice ? t('common.created', { name: l.name }) : null)}
          onClose={() => {
            notice.clear();
            setCreatedNotice(false);
          }}
        />
        <Anchor component={Link} to="/housing/landlords">
          {t('housing.landlords.backToList')}
        </Anchor>
        {editing ? (
          <Paper withBorder p="md">
            <LandlordForm
              landlord={l}
              onSaved={(updated) => {
                setEditing(false);
                saved(updated, t('common.saved', { name: updated.name }));
              }}
              onCancel={() => setEditing(false)}
              onConflict={() => void query.refetch()}
            />
          </Paper>
        ) : (
          <LandlordFacts landlord={l} cooperating={cooperating} />
        )}
        <Agreements landlord={l} onEdit={setEditingAgreement} />
        {l.canEdit && (
          <Paper withBorder p="md">
            <LandlordAgreementForm landlordId={l.id} onSaved={(updated) => saved(updated, t('housing.landlords.agreements.created'))} />
          </Paper>
        )}
        <OfferHistory landlord={l} />
      </Stack>
      {editingAgreement && (
        <Modal opened onClose={() => setEditingAgreement(null)} title={t('housing.landlords.agreements.editTitle')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
          <LandlordAgreementForm
            landlordId={l.id}
            agreement={editingAgreement}
            onSaved={(updated) => {
              setEditingAgreement(null);
              saved(updated, t('common.saved', { name: editingAgreement.title }));
            }}
            onCancel={() => setEditingAgreement(null)}
            onConflict={() => void query.refetch()}
          />
        </Modal>
      )}
    </>
  );
}
