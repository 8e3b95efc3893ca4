import type { ReactNode } from 'react';
import { Button, Container, Text } from '@mantine/core';
import { Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SessionStage } from '../../contracts/auth';
import type { Permission } from '../../contracts/roles';
import { Loading } from '../ui/Loading';
import { PageHeader } from '../ui/PageHeader';
import { errorMessage } from './errors';
import { pathForStage, useSession, type LoginLocationState } from './session';
import { ForbiddenPage } from './StatusPages';

/** Shown while the session is unknown; a page of its own, so it needs its own landmark. */
function SessionPending() {
  return (
    <main id="main-content">
      <Loading />
    </main>
  );
}

function SessionUnavailable({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <main id="main-content">
      <Container size="sm" py="xl">
        <PageHeader title={t('errors.sessionUnavailable')} />
        <Text role="alert" mb="md">
          {errorMessage(error, t)}
        </Text>
        <Button onClick={onRetry}>{t('common.retry')}</Button>
      </Container>
    </main>
  );
}

/**
 * Renders its children only for a session in the given stage; every other visitor is sent to where
 * their stage says they belong (login, second factor, 2FA enrolment, forced password change).
 */
export function RequireStage({ stage, children }: { stage: SessionStage; children: ReactNode }) {
  const { session, status, error, retry, loginNotice } = useSession();
  const location = useLocation();
  if (status === 'pending') return <SessionPending />;
  if (!session && status === 'error') return <SessionUnavailable error={error} onRetry={retry} />;
  if (!session) {
    // After an expiry (or a deep link) the user comes back here after signing in; after a logout, not.
    const state: LoginLocationState =
      loginNotice === 'loggedOut' ? {} : { from: `${location.pathname}${location.search}` };
    return <Navigate to="/login" replace state={state} />;
  }
  if (session.stage !== stage) return <Navigate to={pathForStage(session.stage)} replace />;
  return <>{children}</>;
}

/** The login page is only for visitors without a session. */
export function RequireNoSession({ children }: { children: ReactNode }) {
  const { session, status } = useSession();
  const location = useLocation();
  if (status === 'pending') return <SessionPending />;
  if (session) {
    const from = (location.state as LoginLocationState | null)?.from;
    const returnTo = from && from.startsWith('/') && !from.startsWith('/login') ? from : null;
    const target = session.stage === 'active' && returnTo ? returnTo : pathForStage(session.stage);
    return <Navigate to={target} replace />;
  }
  return <>{children}</>;
}

/** UI gating only: the server enforces every permission again. Several permissions: any of them. */
export function RequirePermission({ permission, children }: { permission: Permission | Permission[]; children: ReactNode }) {
  const { can } = useSession();
  const any = Array.isArray(permission) ? permission : [permission];
  if (!any.some((p) => can(p))) return <ForbiddenPage />;
  return <>{children}</>;
}
