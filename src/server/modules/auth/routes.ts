import {
  LoginRequest,
  LoginResponse,
  PasswordChangeRequest,
  SessionInfo,
  TotpDisableRequest,
  TotpEnableRequest,
  TotpEnableResponse,
  TotpLoginRequest,
  TotpSetupResponse,
} from '../../../contracts/auth.js';
import { Ok } from '../../../contracts/common.js';
import type { Actor } from '../../platform/auth/actor.js';
import { clearSessionCookie, setSessionCookie } from '../../platform/auth/cookie.js';
import { route, type RequestContext } from '../../platform/http/route.js';
import * as auth from './service.js';

const meta = (ctx: RequestContext<unknown, unknown, unknown>) => ({ requestId: ctx.requestId, ip: ctx.ip, userAgent: ctx.userAgent });
const me = (ctx: RequestContext<unknown, unknown, unknown>) => ctx.actor as Actor;
const ALL_STAGES = ['active', 'totp', 'totp_enrolment', 'password_change'] as const;

export const authRoutes = [
  route({
    method: 'POST',
    url: '/api/v1/auth/login',
    access: 'public',
    summary: 'Sign in with e-mail and password',
    tags: ['auth'],
    body: LoginRequest,
    response: LoginResponse,
    config: { rateLimit: 'login' },
    async handler(ctx) {
      const { token, actor } = await auth.login(ctx.services, ctx.body.email, ctx.body.password, meta(ctx));
      // Signing in from a browser that still holds a session (e.g. as another person) ends it.
      if (ctx.actor) await auth.logout(ctx.services, ctx.actor, meta(ctx));
      setSessionCookie(ctx.services, ctx.request, ctx.reply, token);
      return { session: auth.sessionInfo(ctx.services, actor) };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/auth/session',
    access: 'authenticated',
    stages: [...ALL_STAGES],
    summary: 'The current session',
    tags: ['auth'],
    response: SessionInfo,
    handler: async (ctx) => auth.sessionInfo(ctx.services, me(ctx)),
  }),
  route({
    method: 'POST',
    url: '/api/v1/auth/totp',
    access: 'authenticated',
    stages: ['totp'],
    summary: 'Second sign-in step: TOTP code or recovery code',
    tags: ['auth'],
    body: TotpLoginRequest,
    response: LoginResponse,
    config: { rateLimit: 'login' },
    async handler(ctx) {
      const actor = await auth.completeTotp(ctx.services, me(ctx), ctx.body, meta(ctx));
      return { session: auth.sessionInfo(ctx.services, actor) };
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/auth/logout',
    access: 'authenticated',
    stages: [...ALL_STAGES],
    summary: 'Sign out',
    tags: ['auth'],
    response: Ok,
    async handler(ctx) {
      await auth.logout(ctx.services, me(ctx), meta(ctx));
      clearSessionCookie(ctx.reply);
      return { ok: true as const };
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/auth/password',
    access: 'authenticated',
    stages: ['active', 'password_change'],
    summary: 'Change own password',
    tags: ['auth'],
    body: PasswordChangeRequest,
    response: LoginResponse,
    async handler(ctx) {
      const actor = await auth.changePassword(ctx.services, me(ctx), ctx.body.currentPassword, ctx.body.newPassword, meta(ctx));
      return { session: auth.sessionInfo(ctx.services, actor) };
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/auth/totp/setup',
    access: 'authenticated',
    stages: ['active', 'totp_enrolment'],
    summary: 'Start two-factor enrolment: a new secret with its QR code',
    tags: ['auth'],
    response: TotpSetupResponse,
    handler: (ctx) => auth.beginTotpEnrolment(ctx.services, me(ctx), meta(ctx)),
  }),
  route({
    method: 'POST',
    url: '/api/v1/auth/totp/enable',
    access: 'authenticated',
    stages: ['active', 'totp_enrolment'],
    summary: 'Confirm two-factor enrolment with a first code; returns recovery codes once',
    tags: ['auth'],
    body: TotpEnableRequest,
    response: TotpEnableResponse,
    async handler(ctx) {
      const { recoveryCodes, actor } = await auth.enableTotp(ctx.services, me(ctx), ctx.body.code, meta(ctx));
      return { recoveryCodes, session: auth.sessionInfo(ctx.services, actor) };
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/auth/totp/disable',
    access: 'authenticated',
    summary: 'Turn two-factor authentication off (not for administrators outside demo mode)',
    tags: ['auth'],
    body: TotpDisableRequest,
    response: LoginResponse,
    async handler(ctx) {
      const actor = await auth.disableTotp(ctx.services, me(ctx), ctx.body.password, meta(ctx));
      return { session: auth.sessionInfo(ctx.services, actor) };
    },
  }),
];
