import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, setApiLanguage, setCsrfToken, setUnauthorizedHandler } from './api';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

describe('api client', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock);
    setCsrfToken(null);
    setApiLanguage('de');
    setUnauthorizedHandler(() => {});
  });

  afterEach(() => {
    fetchMock.mockReset();
    vi.unstubAllGlobals();
  });

  const sentHeaders = (call = 0) => fetchMock.mock.calls[call][1]?.headers as Record<string, string>;

  it('sends the CSRF token, language and cookies on writes', async () => {
    fetchMock.mockResolvedValue(jsonResponse(201, { id: 'x' }));
    setCsrfToken('token-123');
    setApiLanguage('en');

    const result = await api.post<{ id: string }>('/organisations', { name: 'Diakonie' });

    expect(result).toEqual({ id: 'x' });
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/api/v1/organisations');
    expect(init?.method).toBe('POST');
    expect(init?.credentials).toBe('same-origin');
    expect(init?.body).toBe(JSON.stringify({ name: 'Diakonie' }));
    expect(sentHeaders()).toMatchObject({
      'X-CSRF-Token': 'token-123',
      'Accept-Language': 'en',
      'Content-Type': 'application/json',
    });
  });

  it('does not send the CSRF token on reads, and drops empty query parameters', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { items: [] }));
    setCsrfToken('token-123');

    await api.get('/users', { orgId: '', q: 'anna', beforeId: undefined, limit: 50 });

    expect(fetchMock.mock.calls[0][0]).toBe('/api/v1/users?q=anna&limit=50');
    expect(sentHeaders()['X-CSRF-Token']).toBeUndefined();
    expect(sentHeaders()['Accept-Language']).toBe('de');
  });

  it('parses the error body into a typed ApiError with field messages', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(422, {
        error: {
          code: 'validation_failed',
          message: 'Bitte prüfen Sie Ihre Eingaben.',
          fields: [{ path: 'address.postalCode', message: 'Fünf Ziffern erforderlich.' }],
          requestId: 'req-1',
        },
      }),
    );

    const error = await api.patch('/organisations/1', { version: 1 }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(422);
    expect(apiError.code).toBe('validation_failed');
    expect(apiError.message).toBe('Bitte prüfen Sie Ihre Eingaben.');
    expect(apiError.fields).toEqual([{ path: 'address.postalCode', message: 'Fünf Ziffern erforderlich.' }]);
    expect(apiError.requestId).toBe('req-1');
  });

  it('recognises a version conflict', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(409, { error: { code: 'version_conflict', message: 'Geändert.', requestId: 'r' } }),
    );
    const error = (await api.patch('/users/1', { version: 3 }).catch((e: unknown) => e)) as ApiError;
    expect(error.isVersionConflict).toBe(true);
  });

  it('turns a body without error JSON, or a network failure, into an ApiError without message', async () => {
    fetchMock.mockResolvedValueOnce(new Response('<html>Bad Gateway</html>', { status: 502 }));
    const gateway = (await api.get('/config').catch((e: unknown) => e)) as ApiError;
    expect(gateway).toBeInstanceOf(ApiError);
    expect(gateway.status).toBe(502);
    expect(gateway.message).toBe('');

    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    const offline = (await api.get('/config').catch((e: unknown) => e)) as ApiError;
    expect(offline.status).toBe(0);
    expect(offline.code).toBe('network_error');
  });

  it('reports a 401 as an expired session unless the caller expects it', async () => {
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);
    const body = { error: { code: 'unauthenticated', message: 'Bitte melden Sie sich an.', requestId: 'r' } };

    fetchMock.mockResolvedValueOnce(jsonResponse(401, body));
    await expect(api.get('/users')).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);

    fetchMock.mockResolvedValueOnce(jsonResponse(401, body));
    await expect(api.post('/auth/login', {}, { expectUnauthorized: true })).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });
});
