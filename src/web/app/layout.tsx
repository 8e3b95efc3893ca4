import { Suspense, useEffect, useRef } from 'react';
import {
  Anchor,
  AppShell,
  Box,
  Burger,
  Button,
  Container,
  Group,
  NavLink,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { Link, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Loading } from '../ui/Loading';
import { PAGE_TITLE_ID } from '../ui/PageHeader';
import { StatusBadge } from '../ui/StatusBadge';
import { LanguageSwitch } from './LanguageSwitch';
import { HeaderSearch } from '../modules/search/HeaderSearch';
import { ReminderBadge } from '../modules/tasks/ReminderBadge';
import { ADMIN_NAV, HOUSING_NAV, REPORTS_NAV, UPCOMING_MODULES, WORK_NAV } from './navigation';
import { usePublicConfig } from './queries';
import { useActiveSession, useSession } from './session';

export const MAIN_CONTENT_ID = 'main-content';
const NAV_ID = 'main-navigation';
const BURGER_ID = 'main-navigation-toggle';

function focusMain() {
  const target = document.getElementById(PAGE_TITLE_ID) ?? document.getElementById(MAIN_CONTENT_ID);
  target?.focus();
}

export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a
      className="skip-link"
      href={`#${MAIN_CONTENT_ID}`}
      onClick={(event) => {
        // Focus directly instead of letting the hash land in the router's URL.
        event.preventDefault();
        document.getElementById(MAIN_CONTENT_ID)?.focus();
      }}
    >
      {t('app.skipToContent')}
    </a>
  );
}

/**
 * After client-side navigation, move focus to the new page's heading, as a full page load would
 * reset it; otherwise keyboard and screen-reader users stay stranded on the link they activated.
 */
export function RouteFocus() {
  const { pathname } = useLocation();
  const previous = useRef<string | null>(null);
  useEffect(() => {
    const from = previous.current;
    previous.current = pathname;
    if (from === null || from === pathname) return;
    const frame = requestAnimationFrame(focusMain);
    return () => cancelAnimationFrame(frame);
  }, [pathname]);
  return null;
}

function isActive(pathname: string, to: string): boolean {
  return to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
}

function NavItem({ to, label, hiddenFrom }: { to: string; label: string; hiddenFrom?: 'sm' }) {
  const { pathname } = useLocation();
  const active = isActive(pathname, to);
  return (
    <Box component="li" hiddenFrom={hiddenFrom}>
      <NavLink component={Link} to={to} label={label} active={active} aria-current={active ? 'page' : undefined} />
    </Box>
  );
}

function NavHeading({ id, children }: { id: string; children: string }) {
  return (
    <Title order={2} id={id} size="sm" mt="md" mb={4} px="sm">
      {children}
    </Title>
  );
}

function MainNav() {
  const { t } = useTranslation();
  const { can } = useSession();
  const adminEntries = ADMIN_NAV.filter((entry) => can(entry.permission));
  const workEntries = WORK_NAV.filter((entry) => entry.permission === null || can(entry.permission));
  const housingEntries = HOUSING_NAV.filter((entry) => entry.permission === null || can(entry.permission));
  const reportEntries = REPORTS_NAV.filter((entry) => entry.permissions.some((p) => can(p)));
  return (
    <Stack gap={0}>
      <ul className="plain-list">
        <NavItem to="/" label={t('nav.start')} />
        <NavItem to="/account" label={t('nav.account')} hiddenFrom="sm" />
      </ul>
      <NavHeading id="nav-work-heading">{t('nav.workHeading')}</NavHeading>
      <ul className="plain-list" aria-labelledby="nav-work-heading">
        {workEntries.map((entry) => (
          <NavItem key={entry.path} to={entry.path} label={t(entry.labelKey)} />
        ))}
      </ul>
      {housingEntries.length > 0 && (
        <>
          <NavHeading id="nav-housing-heading">{t('nav.housingHeading')}</NavHeading>
          <ul className="plain-list" aria-labelledby="nav-housing-heading">
            {housingEntries.map((entry) => (
              <NavItem key={entry.path} to={entry.path} label={t(entry.labelKey)} />
            ))}
          </ul>
        </>
      )}
      {reportEntries.length > 0 && (
        <>
          <NavHeading id="nav-reports-heading">{t('nav.reportsHeading')}</NavHeading>
          <ul className="plain-list" aria-labelledby="nav-reports-heading">
            {reportEntries.map((entry) => (
              <NavItem key={entry.path} to={entry.path} label={t(entry.labelKey)} />
            ))}
          </ul>
        </>
      )}
      {adminEntries.length > 0 && (
        <>
          <NavHeading id="nav-admin-heading">{t('nav.adminHeading')}</NavHeading>
          <ul className="plain-list" aria-labelledby="nav-admin-heading">
            {adminEntries.map((entry) => (
              <NavItem key={entry.path} to={entry.path} label={t(entry.labelKey)} />
            ))}
          </ul>
        </>
      )}
      {UPCOMING_MODULES.length > 0 && (
        <>
          <NavHeading id="nav-upcoming-heading">{t('nav.upcomingHeading')}</NavHeading>
          <ul className="plain-list" aria-labelledby="nav-upcoming-heading">
            {UPCOMING_MODULES.map((module) => (
              <Group component="li" key={module} justify="space-between" wrap="nowrap" px="sm" py={6} gap="xs">
                <Text size="sm">{t(`modules.${module}.name`)}</Text>
                <StatusBadge tone="neutral">{t('modules.comingSoon')}</StatusBadge>
              </Group>
            ))}
          </ul>
        </>
      )}
    </Stack>
  );
}

/** The signed-in frame: header with account actions, side navigation (a drawer below 48em), main. */
export function AppLayout() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const { logout, can } = useSession();
  const canSearch = can('cases.read');
  const [navOpened, { toggle, close }] = useDisclosure(false);
  const isMobile = useMediaQuery('(max-width: 47.99em)');
  const { pathname } = useLocation();

  useEffect(() => close(), [pathname, close]);

  // The drawer behaves like a disclosure: Escape closes it and focus returns to the burger.
  useEffect(() => {
    if (!navOpened) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      close();
      document.getElementById(BURGER_ID)?.focus();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [navOpened, close]);

  return (
    <>
      <SkipLink />
      <AppShell
        header={{ height: 60 }}
        navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
        padding="md"
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
            <Group gap="sm" wrap="nowrap">
              <Burger
                id={BURGER_ID}
                opened={navOpened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={t('nav.toggle')}
                aria-expanded={navOpened}
                aria-controls={NAV_ID}
              />
              <Anchor component={Link} to="/" fw={700} fz="lg" c="inherit" underline="hover">
                {t('app.name')}
              </Anchor>
              {session.demo && (
                <Box visibleFrom="xs">
                  <StatusBadge tone="info">{t('app.demo')}</StatusBadge>
                </Box>
              )}
              {/* Case search for everyone who reads cases; on small screens the navigation links to the search page. */}
              {canSearch && (
                <Box visibleFrom="sm">
                  <HeaderSearch />
                </Box>
              )}
            </Group>
            <Group gap="sm" wrap="nowrap">
              <ReminderBadge />
              <Text size="sm" visibleFrom="md" truncate maw={220}>
                {session.user.displayName}
              </Text>
              <LanguageSwitch />
              <Anchor component={Link} to="/account" visibleFrom="sm" size="sm">
                {t('nav.account')}
              </Anchor>
              <Button variant="default" size="sm" onClick={() => void logout()}>
                {t('nav.logout')}
              </Button>
            </Group>
          </Group>
        </AppShell.Header>
        {/* While the drawer is closed on small screens its links are off-screen: inert keeps Tab out of them. */}
        <AppShell.Navbar id={NAV_ID} aria-label={t('nav.label')} p="xs" inert={isMobile && !navOpened}>
          <AppShell.Section grow style={{ overflowY: 'auto' }}>
            <MainNav />
          </AppShell.Section>
        </AppShell.Navbar>
        {/* With the drawer open on small screens it covers the page, so the page is taken out of reach too. */}
        <AppShell.Main id={MAIN_CONTENT_ID} tabIndex={-1} inert={isMobile && navOpened}>
          <Container size="xl" px={0}>
            <Suspense fallback={<Loading />}>
              <Outlet />
            </Suspense>
          </Container>
        </AppShell.Main>
      </AppShell>
    </>
  );
}

/**
 * For public pages that signed-in users also reach from the navigation (the Schonfrist calculator):
 * inside the app frame with a session, in the plain public frame without one.
 */
export function SessionAwareLayout() {
  const { session, status } = useSession();
  if (status === 'pending') {
    return (
      <main id={MAIN_CONTENT_ID}>
        <Loading />
      </main>
    );
  }
  return session?.stage === 'active' ? <AppLayout /> : <PublicLayout />;
}

/** Login and the steps that follow it: no navigation, just the form. */
export function PublicLayout() {
  const { t } = useTranslation();
  const { session, logout } = useSession();
  const config = usePublicConfig();
  return (
    <>
      <SkipLink />
      <Box component="header" px="md" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
        <Group justify="space-between" wrap="nowrap">
          <Text fw={700} fz="lg">
            {t('app.name')}
          </Text>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch />
            {session && (
              <Button variant="default" size="sm" onClick={() => void logout()}>
                {t('nav.logout')}
              </Button>
            )}
          </Group>
        </Group>
      </Box>
      <Container component="main" id={MAIN_CONTENT_ID} tabIndex={-1} size={560} py="xl">
        <Outlet />
      </Container>
      {config.data && (
        <Box component="footer" px="md" py="sm">
          <Text size="sm" ta="center">
            {t('app.version', { version: config.data.version })}
          </Text>
        </Box>
      )}
    </>
  );
}
