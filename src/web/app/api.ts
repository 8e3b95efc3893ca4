/**
 * The one place that talks HTTP to the server. Everything under /api/v1 is JSON; errors come back as
 * `{ error: { code, message, fields?, requestId } }` with `message` already localized by the server,
 * so we forward the UI language on every request and surface `message` unchanged.
 */

export const API_BASE = '/api/v1';

export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];
  readonly requestId: string | null;

  constructor(init: { status: number; code: string; message: string; fields?: FieldError[]; requestId?: string | null }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? [];
    this.requestId = init.requestId ?? null;
  }

  get isVersionConflict(): boolean {
    return this.status === 409 && this.code === 'version_conflict';
  }
}

/** Codes the client itself uses when the server gave no error body (network down, proxy error page...). */
export const CLIENT_ERROR_CODES = { network: 'network_error', unexpected: 'unexpected_response' } as const;

// Module state rather than React context: query functions run outside React, and the token has to be
// current the instant a login response arrives, before any re-render.
let csrfToken: string | null = null;
let language = 'de';
let onUnauthorized: (error: ApiError) => void = () => {};

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setApiLanguage(lng: string): void {
  language = lng;
}

export function setUnauthorizedHandler(handler: (error: ApiError) => void): void {
  onUnauthorized = handler;
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: QueryParams;
  signal?: AbortSignal;
  /**
   * A 401 from this request is an answer for the caller (wrong password, wrong code, no session yet),
   * not a sign that the session expired, so it must not bounce the user to the login page.
   */
  expectUnauthorized?: boolean;
}

export function buildUrl(path: string, query?: QueryParams): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': language,
  };
  const hasBody = options.body !== undefined;
  if (hasBody) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body: hasBody ? JSON.stringify(options.body) : undefined,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ status: 0, code: CLIENT_ERROR_CODES.network, message: '' });
  }

  const data = await readJson(response);
  if (response.ok) return data as T;

  const error = toApiError(response.status, data);
  if (response.status === 401 && !options.expectUnauthorized) onUnauthorized(error);
  throw error;
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function toApiError(status: number, data: unknown): ApiError {
  const body = (data as { error?: unknown } | undefined)?.error;
  if (body && typeof body === 'object') {
    const e = body as Record<string, unknown>;
    const fields = Array.isArray(e.fields)
      ? e.fields
          .filter((f): f is FieldError => !!f && typeof f.path === 'string' && typeof f.message === 'string')
          .map((f) => ({ path: f.path, message: f.message }))
      : [];
    return new ApiError({
      status,
      code: typeof e.code === 'string' ? e.code : CLIENT_ERROR_CODES.unexpected,
      message: typeof e.message === 'string' ? e.message : '',
      fields,
      requestId: typeof e.requestId === 'string' ? e.requestId : null,
    });
  }
  return new ApiError({ status, code: CLIENT_ERROR_CODES.unexpected, message: '' });
}

export const api = {
  get: <T>(path: string, query?: QueryParams, options?: Omit<RequestOptions, 'method' | 'query' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'GET', query }),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'POST', body }),
  patch: <T>(path: string, body: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'PATCH', body }),
};

/** The file name a Content-Disposition header gives (RFC 6266: filename* before filename), or null. */
export function dispositionFileName(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain ? plain[1].trim() : null;
}

/**
 * A POST whose answer is a file (the pseudonymised export: its key goes in the body, never in an
 * address). Same CSRF token, language and error handling as every other request.
 */
export async function apiDownload(path: string, body: unknown): Promise<{ blob: Blob; fileName: string | null }> {
  const headers: Record<string, string> = { Accept: '*/*', 'Accept-Language': language, 'Content-Type': 'application/json' };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(buildUrl(path), { method: 'POST', headers, body: JSON.stringify(body), credentials: 'same-origin' });
  } catch {
    throw new ApiError({ status: 0, code: CLIENT_ERROR_CODES.network, message: '' });
  }
  if (response.ok) return { blob: await response.blob(), fileName: dispositionFileName(response.headers.get('Content-Disposition')) };
  const error = toApiError(response.status, await readJson(response));
  if (response.status === 401) onUnauthorized(error);
  throw error;
}

/**
 * Sends a form with a file (multipart/form-data) to an upload route: same CSRF token, language and
 * error handling as every other request; the browser sets the boundary itself.
 */
export async function apiUpload<T>(path: string, form: FormData): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': language };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(buildUrl(path), { method: 'POST', headers, body: form, credentials: 'same-origin' });
  } catch {
    throw new ApiError({ status: 0, code: CLIENT_ERROR_CODES.network, message: '' });
  }
  const data = await readJson(response);
  if (response.ok) return data as T;
  const error = toApiError(response.status, data);
  if (response.status === 401) onUnauthorized(error);
  throw error;
}
