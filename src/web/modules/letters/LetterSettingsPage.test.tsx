import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { LETTER_LANGUAGES, LETTER_TEMPLATES, type LetterSettings } from '../../../contracts/letters';
import { fakeServer, makeSession, publicConfig, renderApp, type FakeResponse } from '../../test-utils';

const ok = (body: unknown, status = 200): FakeResponse => ({ status, body });
const admin = makeSession({ roles: ['org_admin'], permissions: ['casework.configure', 'users.read'] });

const settings: LetterSettings = {
  letterhead: { organisationName: 'Träger A', organisationAddress: 'Markt 1, 05101 Musterstadt', senderName: null, footer: null, version: null },
  templates: LETTER_TEMPLATES.flatMap((template) =>
    LETTER_LANGUAGES.map((language) => ({
      template, language, subject: `Betreff ${template} ${language}`, body: `Text ${template} ${language}`,
      custom: false, version: null, updatedAt: null, placeholders: ['{{recipient}}', '{{caseworker}}'],
    })),
  ),
};

describe('letter templates page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the letterhead and a template, and saves the own wording with the server naming a bad placeholder at its field', async () => {
    const sent: unknown[] = [];
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(admin),
      'GET /letter-templates': ok(settings),
      'PUT /letter-templates': ({ body }) => {
        sent.push(body);
        return sent.length === 1
          ? { status: 422, body: { error: { code: 'validation_failed', message: 'Bitte prüfen Sie die markierten Felder.', fields: [{ path: 'body', message: 'Unbekannte Platzhalter: {{foo}}.' }], requestId: 'r' } } }
          : ok({ ...settings.templates[0], custom: true, version: 1 });
      },
    });
    renderApp('/admin/letters');
    expect(await screen.findByRole('heading', { level: 1, name: 'Briefvorlagen und Briefkopf' })).toBeTruthy();
    expect(await screen.findByText(/Träger A, Markt 1/)).toBeTruthy();
    const body = (await screen.findByLabelText(/^Text\s*\*?$/)) as HTMLTextAreaElement;
    expect(body.value).toBe('Text first_contact de');
    fireEvent.change(body, { target: { value: 'Hallo {{foo}}' } });
    const save = screen.getAllByRole('button', { name: 'Speichern' });
    fireEvent.click(save[save.length - 1]);
    expect(await screen.findByText('Unbekannte Platzhalter: {{foo}}.')).toBeTruthy();
    expect(sent[0]).toEqual({ template: 'first_contact', language: 'de', subject: 'Betreff first_contact de', body: 'Hallo {{foo}}' });
    fireEvent.change(body, { target: { value: 'Hallo {{recipient}}' } });
    fireEvent.click(save[save.length - 1]);
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(await screen.findByText('Der Text wurde gespeichert.')).toBeTruthy();
  }, 30_000);
});
