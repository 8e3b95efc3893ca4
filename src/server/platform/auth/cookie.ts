import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../services.js';

export const SESSION_COOKIE = 'bleibe_session';

/** httpOnly, SameSite=Strict, and Secure whenever the request came over HTTPS (or config forces it). */
export function setSessionCookie(s: Services, request: FastifyRequest, reply: FastifyReply, token: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: s.config.secureCookies ?? request.protocol === 'https',
  });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
