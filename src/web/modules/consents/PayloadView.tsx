import type { ReactNode } from 'react';
import { List, Paper, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DisclosurePayload } from '../../../contracts/consents';
import { DefinitionItem } from '../../ui/DefinitionItem';
import { TableScroll } from '../../ui/TableScroll';
import { Day } from '../deadlines/DeadlineParts';
import { useMoney } from '../measures/shared';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper component="section" aria-labelledby={`payload-${id}`} withBorder p="md" data-testid={`payload-${id}`}>
      <Title order={3} size="h4" id={`payload-${id}`} mb="xs">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function Facts({ children }: { children: ReactNode }) {
  return (
    <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="xs">
      {children}
    </SimpleGrid>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DefinitionItem label={label} size="sm">
      {children ?? '–'}
    </DefinitionItem>
  );
}

const orDash = (v: string | null | undefined) => (v ? v : '–');

/** Markers and note of a special category (health, addiction, criminal record). */
function SensitiveSection({ id, title, data }: { id: string; title: string; data: { markers: string[]; note: string | null } }) {
  const { t } = useTranslation();
  return (
    <Section id={id} title={title}>
      <Facts>
        <Fact label={t('casefile.sensitive.markers')}>
          {data.markers.length ? data.markers.map((m) => t(`casefile.sensitiveMarkers.${m}`, { defaultValue: m })).join(', ') : t('inbox.payload.noneRecorded')}
        </Fact>
        <Fact label={t('inbox.payload.note')}>{orDash(data.note)}</Fact>
      </Facts>
    </Section>
  );
}

/**
 * The data a disclosure carries: exactly the consented categories, one section each; a category
 * that was not consented is absent, not empty.
 */
export function PayloadView({ payload }: { payload: DisclosurePayload }) {
  const { t } = useTranslation();
  const money = useMoney();
  const { identity, contact, household, tenancy, income, health, addiction, criminalRecord } = payload;
  return (
    <>
      {identity && (
        <Section id="identity" title={t('consents.categories.identity')}>
          {identity.members.length === 0 ? (
            <Text size="sm">{t('inbox.payload.noneRecorded')}</Text>
          ) : (
            <TableScroll label={t('inbox.payload.members')} minWidth={520}>
              <Table striped>
                <Table.Caption>{t('inbox.payload.members')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('casefile.members.lastName')}</Table.Th>
                    <Table.Th scope="col">{t('casefile.members.firstName')}</Table.Th>
                    <Table.Th scope="col">{t('casefile.members.birthDate')}</Table.Th>
                    <Table.Th scope="col">{t('casefile.members.relation')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {identity.members.map((m, i) => (
                    <Table.Tr key={`${m.lastName}:${m.firstName}:${i}`}>
                      <Table.Th scope="row" fw={400}>
                        {m.lastName}
                      </Table.Th>
                      <Table.Td>{m.firstName}</Table.Td>
                      <Table.Td>{m.birthDate ? <Day value={m.birthDate} /> : '–'}</Table.Td>
                      <Table.Td>{t(`casefile.relations.${m.relation}`, { defaultValue: m.relation })}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )}
        </Section>
      )}
      {contact && (
        <Section id="contact" title={t('consents.categories.contact')}>
          <Facts>
            <Fact label={t('inbox.payload.address')}>
              {contact.address.street} {contact.address.houseNumber}, {contact.address.postalCode} {contact.address.city}
            </Fact>
            <Fact label={t('casefile.contact.phone')}>{orDash(contact.phone)}</Fact>
            <Fact label={t('casefile.contact.email')}>{orDash(contact.email)}</Fact>
            <Fact label={t('casefile.contact.postalAddress')}>{orDash(contact.postalAddress)}</Fact>
            <Fact label={t('casefile.contact.bestTimes')}>{orDash(contact.bestTimes)}</Fact>
            <Fact label={t('casefile.contact.preferredLanguage')}>{orDash(contact.preferredLanguage)}</Fact>
            <Fact label={t('casefile.contact.interpreterNeeded')}>{contact.interpreterNeeded ? t('casefile.contact.yes') : t('casefile.contact.no')}</Fact>
          </Facts>
        </Section>
      )}
      {household && (
        <Section id="household" title={t('consents.categories.household')}>
          <Facts>
            <Fact label={t('intake.householdSize')}>{household.size}</Fact>
            <Fact label={t('intake.children')}>{household.children}</Fact>
            <Fact label={t('casefile.situation.targetGroups')}>
              {household.targetGroups.length ? household.targetGroups.map((g) => t(`casefile.targetGroups.${g}`, { defaultValue: g })).join(', ') : '–'}
            </Fact>
            <Fact label={t('casefile.situation.livingSituation')}>
              {household.livingSituation ? t(`casefile.ethosSituations.${household.livingSituation}`, { defaultValue: household.livingSituation }) : '–'}
            </Fact>
          </Facts>
        </Section>
      )}
      {tenancy && (
        <Section id="tenancy" title={t('consents.categories.tenancy')}>
          <Facts>
            <Fact label={t('casefile.tenancy.landlordName')}>{orDash(tenancy.landlord)}</Fact>
            <Fact label={t('casefile.tenancy.totalRent')}>{money(tenancy.totalRent)}</Fact>
            <Fact label={t('casefile.tenancy.baseRent')}>{money(tenancy.baseRent)}</Fact>
            <Fact label={t('casefile.tenancy.serviceCharges')}>{money(tenancy.serviceCharges)}</Fact>
            <Fact label={t('casefile.tenancy.heatingCosts')}>{money(tenancy.heatingCosts)}</Fact>
            <Fact label={t('casefile.arrears.current')}>
              {money(tenancy.arrears)}
              {tenancy.arrearsMonths ? ` (${t('casefile.arrears.months', { months: tenancy.arrearsMonths })})` : ''}
            </Fact>
            <Fact label={t('intake.terminationType')}>
              {tenancy.terminationType ? t(`intake.terminationTypes.${tenancy.terminationType}`, { defaultValue: tenancy.terminationType }) : '–'}
            </Fact>
            <Fact label={t('intake.terminationReceivedOn')}>{tenancy.terminationReceivedOn ? <Day value={tenancy.terminationReceivedOn} /> : '–'}</Fact>
            <Fact label={t('intake.courtName')}>{orDash(tenancy.courtName)}</Fact>
            <Fact label={t('intake.courtFileNumber')}>{orDash(tenancy.courtFileNumber)}</Fact>
            <Fact label={t('intake.courtHearingOn')}>{tenancy.hearingOn ? <Day value={tenancy.hearingOn} /> : '–'}</Fact>
            <Fact label={t('intake.evictionOn')}>{tenancy.evictionOn ? <Day value={tenancy.evictionOn} /> : '–'}</Fact>
          </Facts>
          {tenancy.deadlines.length > 0 && (
            <>
              <Text fw={700} size="sm" mt="sm" id="payload-deadlines">
                {t('inbox.payload.deadlines')}
              </Text>
              <List size="sm" aria-labelledby="payload-deadlines">
                {tenancy.deadlines.map((d) => (
                  <List.Item key={`${d.kind}:${d.date}`}>
                    {t(`deadlines.kinds.${d.kind}`, { defaultValue: d.kind })}: <Day value={d.date} />
                  </List.Item>
                ))}
              </List>
            </>
          )}
        </Section>
      )}
      {income && (
        <Section id="income" title={t('consents.categories.income')}>
          <Facts>
            <Fact label={t('casefile.situation.incomeSources')}>
              {income.sources.length ? income.sources.map((s) => t(`casefile.incomeSources.${s}`, { defaultValue: s })).join(', ') : '–'}
            </Fact>
            <Fact label={t('casefile.situation.incomeNote')}>{orDash(income.note)}</Fact>
          </Facts>
        </Section>
      )}
      {health && <SensitiveSection id="health" title={t('consents.categories.health')} data={health} />}
      {addiction && <SensitiveSection id="addiction" title={t('consents.categories.addiction')} data={addiction} />}
      {criminalRecord && <SensitiveSection id="criminal_record" title={t('consents.categories.criminal_record')} data={criminalRecord} />}
    </>
  );
}
