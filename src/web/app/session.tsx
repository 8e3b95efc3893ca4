import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { SessionInfo, SessionStage } from '../../contracts/auth';
import type { Permission } from '../../contracts/roles';
import { ApiError, api, setCsrfToken, setUnauthorizedHandler } from './api';
import { applyProfileLanguage } from './i18n';

export const SESSION_QUERY_KEY = ['session'] as const;

/** Why the login page is shown; it tells the user in words. */
export type LoginNotice = 'expired' | 'loggedOut';
/** Router state on the way to the login page: where to return to after signing in. */
export interface LoginLocationState {
  from?: string;
}

export function pathForStage(stage: SessionStage): string {
  switch (stage) {
    case 'active':
      return '/';
    case 'totp':
      return '/login/2fa';
    case 'totp_enrolment':
      return '/login/2fa-setup';
    case 'password_change':
      return '/login/password';
  }
}

async function fetchSession(): Promise<SessionInfo | null> {
  try {
    const session = await api.get<SessionInfo>('/auth/session', undefined, { expectUnauthorized: true });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

interface SessionContextValue {
  session: SessionInfo | null;
  status: 'pending' | 'error' | 'success';
  error: unknown;
  retry: () => void;
  /** Set when the session ended (logout or expiry) until the next successful login. */
  loginNotice: LoginNotice | null;
  setSession: (session: SessionInfo | null) => void;
  logout: () => Promise<void>;
  can: (permission: Permission) => boolean;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/**
 * Holds the session. Nothing here navigates: when the session goes away, the route guards see it and send
 * the user to the login page, which reads `loginNotice` to say why.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [loginNotice, setLoginNotice] = useState<LoginNotice | null>(null);
  const query = useQuery({
    queryKey: SESSION_QUERY_KEY,
    queryFn: fetchSession,
    staleTime: Infinity,
    retry: false,
    refetchOnWindowFocus: false,
  });
  const session = query.data ?? null;

  const setSession = useCallback(
    (next: SessionInfo | null) => {
      setCsrfToken(next?.csrfToken ?? null);
      if (next) setLoginNotice(null);
      queryClient.setQueryData(SESSION_QUERY_KEY, next);
    },
    [queryClient],
  );

  // Drop every cached record of the previous user, so nothing leaks into the next login. The notice is
  // flushed first so the guards, re-rendering for the missing session, already know why it ended.
  const endSession = useCallback(
    (notice: LoginNotice) => {
      flushSync(() => setLoginNotice(notice));
      setCsrfToken(null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_QUERY_KEY[0] });
      queryClient.setQueryData(SESSION_QUERY_KEY, null);
    },
    [queryClient],
  );

  useEffect(() => {
    setUnauthorizedHandler(() => {
      if (queryClient.getQueryData(SESSION_QUERY_KEY) != null) endSession('expired');
    });
    return () => setUnauthorizedHandler(() => {});
  }, [endSession, queryClient]);

  const logout = useCallback(async () => {
    try {
      await api.post('/auth/logout', undefined, { expectUnauthorized: true });
    } catch {
      // Even if the server is unreachable, this browser forgets the session; the cookie expires on its own.
    }
    endSession('loggedOut');
  }, [endSession]);

  useEffect(() => {
    if (session) void applyProfileLanguage(session.user.language);
  }, [session]);

  const can = useCallback((permission: Permission) => session?.permissions.includes(permission) ?? false, [session]);

  const value = useMemo<SessionContextValue>(
    () => ({
      session,
      status: query.status,
      error: query.error,
      retry: () => void query.refetch(),
      loginNotice,
      setSession,
      logout,
      can,
    }),
    [session, query.status, query.error, query.refetch, loginNotice, setSession, logout, can],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

/** For pages that only render behind the active-stage guard. */
export function useActiveSession(): SessionInfo {
  const { session } = useSession();
  if (!session) throw new Error('useActiveSession used without a session');
  return session;
}
