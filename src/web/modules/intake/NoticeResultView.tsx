import { useEffect, useRef } from 'react';
import { Alert, Anchor, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { MatchOutcome } from '../../../contracts/intake';
import { useActiveSession, useSession } from '../../app/session';
import { DeadlineTable } from '../deadlines/DeadlineParts';
import type { SubmittedNotice } from './noticeForm';

/**
 * What became of a submitted notice. Staff of the receiving organisation see how the people were
 * matched and the deadlines computed; everyone else (partners, staff whose notice went elsewhere)
 * only that it arrived and where it went.
 */
export function NoticeResultView({
  submitted,
  detail,
  headingOrder,
  onNew,
}: {
  submitted: SubmittedNotice;
  detail: 'full' | 'receipt';
  headingOrder: 2 | 3;
  onNew: () => void;
}) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const { can } = useSession();
  const heading = useRef<HTMLHeadingElement>(null);
  const { result, externalId, tenants } = submitted;
  const sub = (headingOrder + 1) as 3 | 4;
  // Only a provider's counselling location carries a location: without one, nobody could be found for
  // the address and the notice waits in the district office's (Fachstelle's) queue to be passed on.
  const unrouted = !result.assignedTo.locationId;
  const ownOrganisation = result.assignedTo.orgId === session.organisation.id;

  useEffect(() => heading.current?.focus(), []);

  const matchLabel = (m: MatchOutcome) => t(`intake.result.match.${m}`);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="notice-result-heading" data-testid="notice-result">
      <Stack gap="md">
        <Title order={headingOrder} size="h3" id="notice-result-heading" ref={heading} tabIndex={-1}>
          {t('intake.result.title')}
        </Title>
        <Text>{t('intake.result.reference', { externalId })}</Text>
        <Text>
          {t('intake.result.assignedTo')} <strong>{result.assignedTo.orgName}</strong>
        </Text>
        {unrouted && (
          <Alert color="blue" role="note" title={t('intake.result.unroutedTitle')}>
            {t('intake.result.unrouted')}
          </Alert>
        )}

        {detail === 'full' && !ownOrganisation && <Text>{t('intake.result.otherOrganisation')}</Text>}
        {/* The case behind the notice is shown only to its own organisation's staff. */}
        {detail === 'full' && ownOrganisation && (
          <>
            {can('cases.read') && (
              <Text>
                <Anchor component={Link} to={`/cases?scope=team&q=${encodeURIComponent(tenants[0]?.lastName ?? '')}`}>
                  {t('intake.result.toQueue')}
                </Anchor>
              </Text>
            )}
            <section aria-labelledby="notice-result-matching">
              <Title order={sub} size="h4" id="notice-result-matching" mb="xs">
                {t('intake.result.matchingHeading')}
              </Title>
              <List>
                <List.Item>
                  {t('intake.result.household')}: {matchLabel(result.household.match)}
                </List.Item>
                {result.persons.map((p, i) => (
                  <List.Item key={p.id}>
                    {tenants[i] ? `${tenants[i].firstName} ${tenants[i].lastName}` : t('intake.tenant.legend', { n: i + 1 })}:{' '}
                    {matchLabel(p.match)}
                  </List.Item>
                ))}
              </List>
              {result.persons.some((p) => p.match === 'review') && (
                <Text mt="xs">
                  {t('intake.result.reviewHint')}{' '}
                  {can('matching.review') && (
                    <Anchor component={Link} to="/matching">
                      {t('matching.title')}
                    </Anchor>
                  )}
                </Text>
              )}
            </section>
            <section aria-labelledby="notice-result-deadlines">
              <Title order={sub} size="h4" id="notice-result-deadlines" mb="xs">
                {t('intake.result.deadlinesHeading')}
              </Title>
              <DeadlineTable deadlines={result.deadlines} label={t('intake.result.deadlinesHeading')} />
            </section>
          </>
        )}

        <Group>
          <Button variant="default" onClick={onNew}>
            {t('intake.result.another')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
