import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../src/server/platform/auth/totp.js';
import { createOrg, createUser } from '../src/server/test/factories.js';
import { de, en, expectNoAxeViolations, field, launchChromium, startDemoServer, uiLogin } from './harness.js';

type Server = Awaited<ReturnType<typeof startDemoServer>>;

describe('the application shell in a real browser', () => {
  let srv: Server;
  let browser: Browser;
  beforeAll(async () => {
    srv = await startDemoServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  const newPage = async () => (await browser.newContext({ locale: 'de-DE' })).newPage();
  const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });

  it('journey: sign in, switch the language to English and back, sign out', async () => {
    const page = await newPage();
    await uiLogin(page, srv.baseUrl, 'fk.a@demo.test');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Fatma Fachkraft');
    expect(await page.locator('html').getAttribute('lang')).toBe('de');

    await page.getByLabel(de.language.label).selectOption('en');
    await page.getByRole('button', { name: en.nav.logout }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expectNoAxeViolations(page, 'start page (English)');
    // The choice survives a reload.
    await page.reload();
    await page.getByRole('button', { name: en.nav.logout }).waitFor();

    await page.getByLabel(en.language.label).selectOption('de');
    await page.getByRole('button', { name: de.nav.logout }).click();
    await heading(page, de.login.title).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    // The session is really gone on the server, not only in the browser.
    const res = await page.request.get(`${srv.baseUrl}/api/v1/auth/session`);
    expect(res.status()).toBe(401);
  });

  it('works with the keyboard alone: skip link, sign-in form, navigation', async () => {
    const page = await newPage();
    await page.goto(`${srv.baseUrl}/login`);
    await page.getByLabel(de.login.email).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(de.app.skipToContent);
    await page.getByLabel(de.login.email).focus();
    await page.keyboard.type('tl.a@demo.test');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Bleibe-Demo-2026!');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: de.nav.logout }).waitFor();
    // Reach the user list through the navigation by keyboard: focus the link and press Enter.
    const link = page.getByRole('navigation').getByRole('link', { name: de.nav.users });
    await link.focus();
    await page.keyboard.press('Enter');
    await heading(page, de.users.title).waitFor();
  });

  it('axe finds no violations on the sign-in pages', async () => {
    const page = await newPage();
    await page.goto(`${srv.baseUrl}/login`);
    await heading(page, de.login.title).waitFor();
    await expectNoAxeViolations(page, '/login');

    // A failed sign-in shows the server's message, still accessible.
    await uiLogin(page, srv.baseUrl, 'fk.a@demo.test', 'falsches-Passwort-1');
    await page.getByText('E-Mail-Adresse oder Passwort ist falsch.').waitFor();
    await expectNoAxeViolations(page, '/login with error');

    // Second factor.
    const org = await createOrg(srv.db);
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const withTotp = await createUser(srv.db, org, ['caseworker'], { totpSecret: secret });
    await uiLogin(page, srv.baseUrl, withTotp.email, withTotp.password);
    await heading(page, de.totpLogin.title).waitFor();
    await expectNoAxeViolations(page, '/login/2fa');
    await page.getByLabel(de.totpLogin.codeLabel).fill(await totpCodeAt(secret, new Date()));
    await page.getByRole('button', { name: de.totpLogin.submit }).click();
    await page.getByRole('button', { name: de.nav.logout }).waitFor();
    await page.getByRole('button', { name: de.nav.logout }).click();
    await heading(page, de.login.title).waitFor();

    // Forced password change after an administrator's reset.
    const reset = await createUser(srv.db, org, ['caseworker'], { mustChangePassword: true });
    await uiLogin(page, srv.baseUrl, reset.email, reset.password);
    await heading(page, de.forcedPassword.title).waitFor();
    await expectNoAxeViolations(page, '/login/password');
    await field(page, de.forcedPassword.currentLabel).fill(reset.password);
    await field(page, de.password.new).fill('Ein-neues-Passwort-2026');
    await field(page, de.password.confirm).fill('Ein-neues-Passwort-2026');
    await page.getByRole('button', { name: de.password.submit }).click();
    await page.getByRole('button', { name: de.nav.logout }).waitFor();
  });

  it('axe finds no violations on the two-factor enrolment that admins must pass outside demo mode', async () => {
    const prod = await startDemoServer({ demo: false });
    try {
      const page = await newPage();
      await uiLogin(page, prod.baseUrl, 'kreis@demo.test');
      await heading(page, de.totpEnrolment.title).waitFor();
      await expectNoAxeViolations(page, '/login/2fa-setup');
      await page.getByRole('button', { name: de.totp.startSetup }).click();
      await page.getByRole('img', { name: de.totp.qrLabel }).waitFor();
      await expectNoAxeViolations(page, '/login/2fa-setup with QR code');
    } finally {
      await prod.close();
    }
  });

  it('axe finds no violations on any page of the signed-in shell, with its dialogs open', async () => {
    const page = await newPage();
    await uiLogin(page, srv.baseUrl, 'admin@demo.test');
    await page.getByRole('button', { name: de.nav.logout }).waitFor();
    await expectNoAxeViolations(page, '/');

    await page.goto(`${srv.baseUrl}/account`);
    await heading(page, de.account.title).waitFor();
    await expectNoAxeViolations(page, '/account');

    for (const [path, section] of [
      ['/admin/organisations', de.organisations],
      ['/admin/municipalities', de.municipalities],
      ['/admin/locations', de.locations],
      ['/admin/users', de.users],
    ] as const) {
      await page.goto(`${srv.baseUrl}${path}`);
      await heading(page, section.title).waitFor();
      await page.getByRole('table').waitFor();
      await expectNoAxeViolations(page, path);
      await page.getByRole('button', { name: section.create }).click();
      await page.getByRole('dialog').waitFor();
      await expectNoAxeViolations(page, `${path} (create dialog)`);
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
    }

    await page.goto(`${srv.baseUrl}/admin/users`);
    await page.getByRole('link', { name: 'Fatma Fachkraft' }).click();
    await heading(page, 'Fatma Fachkraft').waitFor();
    await expectNoAxeViolations(page, '/admin/users/:id');

    await page.goto(`${srv.baseUrl}/admin/audit`);
    await heading(page, de.nav.audit).waitFor();
    await page.getByRole('table').waitFor();
    await expectNoAxeViolations(page, '/admin/audit');

    await page.goto(`${srv.baseUrl}/does-not-exist`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expectNoAxeViolations(page, 'not-found page');
  });

  it('a caseworker sees no administration entries for which the session has no permission', async () => {
    const page = await newPage();
    await uiLogin(page, srv.baseUrl, 'fk.b@demo.test');
    await page.getByRole('button', { name: de.nav.logout }).waitFor();
    const nav = page.getByRole('navigation');
    // The entries the session allows are there (waited for: the list renders with the session) …
    await nav.getByRole('link', { name: de.nav.users, exact: true }).waitFor();
    expect(await nav.getByRole('link', { name: de.nav.users, exact: true }).count()).toBe(1);
    // … and those it does not allow are not.
    expect(await nav.getByRole('link', { name: de.nav.audit }).count()).toBe(0);
    // Typing the address of a page without permission does not show its content.
    await page.goto(`${srv.baseUrl}/admin/audit`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
  });
});
