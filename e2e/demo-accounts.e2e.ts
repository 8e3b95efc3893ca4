import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, de, launchChromium, startDemoServer, uiLogin } from './harness.js';

const ACCOUNTS = ['admin', 'kreis', 'fk.a', 'fk.b', 'tl.a', 'wd', 'stat', 'jc', 'ag'].map((a) => `${a}@demo.test`);

describe('every demo account signs in', () => {
  let srv: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;
  beforeAll(async () => {
    srv = await startDemoServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  it.each(ACCOUNTS)('%s through POST /api/v1/auth/login, and the cookie works for /auth/session', async (email) => {
    const login = await fetch(`${srv.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const session = await fetch(`${srv.baseUrl}/api/v1/auth/session`, { headers: { cookie } });
    expect(session.status).toBe(200);
    expect((await session.json()).user.email).toBe(email);
  });

  it.each(ACCOUNTS)('%s through the sign-in page', async (email) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await uiLogin(page, srv.baseUrl, email);
    await page.getByRole('button', { name: de.nav.logout }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await context.close();
  });
});
