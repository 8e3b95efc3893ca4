import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { HOUSING_NAV, REPORTS_NAV, UPCOMING_MODULES, WORK_NAV } from '../../app/navigation';
import { useActiveSession, useSession } from '../../app/session';
import { PageHeader } from '../../ui/PageHeader';
import { StatusBadge } from '../../ui/StatusBadge';
import { StartDashboard } from '../reports/Dashboard';

export function StartPage() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const { can } = useSession();
  const work = [
    ...[...WORK_NAV, ...HOUSING_NAV].filter((entry) => entry.permission === null || can(entry.permission)),
    ...REPORTS_NAV.filter((entry) => entry.permissions.some((p) => can(p))),
  ];
  // Partners who report but work no cases come here for one thing: the portal.
  const portalFirst = can('receipts.read') && can('notices.submit') && !can('cases.read');

  return (
    <>
      <PageHeader
        title={t('start.greeting', { name: session.user.displayName })}
        documentTitle={t('start.title')}
      />
      <Stack gap="xl">
        {portalFirst && (
          <Paper component="section" aria-labelledby="start-portal" withBorder p="md" bg="blue.0">
            <Title order={2} size="h3" id="start-portal" mb="xs">
              {t('start.portalHeading')}
            </Title>
            <Text mb="md">{t('start.portalText')}</Text>
            <Button component={Link} to="/portal" size="md">
              {t('start.portalButton')}
            </Button>
          </Paper>
        )}
        <StartDashboard />
        <section aria-labelledby="start-work">
          <Title order={2} size="h3" id="start-work" mb="md">
            {t('start.workHeading')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} component="ul" className="plain-list">
            {work.map((entry) => (
              <Paper component="li" key={entry.path} withBorder p="md">
                <Title order={3} size="h4" mb="xs">
                  <Anchor component={Link} to={entry.path}>
                    {t(entry.labelKey)}
                  </Anchor>
                </Title>
                <Text size="sm">{t(entry.descriptionKey)}</Text>
              </Paper>
            ))}
          </SimpleGrid>
        </section>
        <Paper component="section" aria-labelledby="start-you" withBorder p="md">
          <Title order={2} size="h3" id="start-you" mb="sm">
            {t('start.youHeading')}
          </Title>
          <Stack gap={4}>
            <Text>
              <strong>{t('start.organisation')}:</strong> {session.organisation.name} (
              {t(`organisationKinds.${session.organisation.kind}`)})
            </Text>
            <Text>
              <strong>{t('start.roles')}:</strong> {session.roles.map((r) => t(`roles.${r}`)).join(', ')}
            </Text>
            {session.demo && <Text>{t('start.demoNotice')}</Text>}
          </Stack>
        </Paper>

        {UPCOMING_MODULES.length > 0 && (
          <section aria-labelledby="start-upcoming">
            <Title order={2} size="h3" id="start-upcoming" mb="xs">
              {t('start.upcomingHeading')}
            </Title>
            <Text mb="md">{t('start.upcomingIntro')}</Text>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} component="ul" className="plain-list">
              {UPCOMING_MODULES.map((module) => (
                <Paper component="li" key={module} withBorder p="md">
                  <Group justify="space-between" align="flex-start" wrap="nowrap" mb="xs">
                    <Title order={3} size="h4">
                      {t(`modules.${module}.name`)}
                    </Title>
                    <StatusBadge tone="neutral">{t('modules.comingSoon')}</StatusBadge>
                  </Group>
                  <Text size="sm">{t(`modules.${module}.description`)}</Text>
                </Paper>
              ))}
            </SimpleGrid>
          </section>
        )}
      </Stack>
    </>
  );
}
