import type { components as Auth } from './generated/auth-service.js';
import type { components as Users } from './generated/user-service.js';
import { TabCoordinator, type TabMessage } from './tabs.js';
import { PalisadeError, parseRateLimit, problemOf, type RateLimitState, tokenIsInvalid } from './answers.js';

export { PalisadeError, parseRateLimit, type RateLimitState } from './answers.js';

export type RegisterRequest = Auth['schemas']['RegisterRequest'];
export type Registered = Auth['schemas']['Registered'];
export type SessionView = Auth['schemas']['SessionView'];
export type Profile = Users['schemas']['Profile'];

/** What a login answers: signed in, or a second factor to give to {@link PalisadeClient.loginMfa}. */
export type LoginResult = { signedIn: true } | { signedIn: false; mfaRequired: true; mfaToken: string };

export interface ClientOptions {
  /** The gateway, e.g. `https://api.example.com`. */
  baseUrl: string;
  /** How long a tab waits for another tab's refresh before taking the lock from it (default 5,000 ms). */
  lockTimeoutMs?: number;
}

export interface ClientEvents {
  'signed-in': undefined;
  'signed-out': undefined;
  'rate-limited': { policy: RateLimitState | null; retryAfterSeconds: number | null; url: string };
}

export interface PalisadeClient {
  register(request: RegisterRequest): Promise<Registered>;
  login(email: string, password: string): Promise<LoginResult>;
  loginMfa(mfaToken: string, proof: { code: string } | { recoveryCode: string }): Promise<void>;
  logout(): Promise<void>;
  logoutEverywhere(): Promise<void>;
  sessions(): Promise<SessionView[]>;
  /**
   * Like `fetch` for a path on the gateway, with the access token added; refreshes once on expiry or a 401
   * `invalid_token`, and retries once. An API's own 401 is returned as it came.
   */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Whether this tab holds an access token now. */
  readonly signedIn: boolean;
  on<K extends keyof ClientEvents>(event: K, listener: (detail: ClientEvents[K]) => void): () => void;
  /** Stops listening to the other tabs. */
  close(): void;
}

interface TokenBody {
  accessToken: string;
  expiresIn: number;
  csrfToken: string;
}

/** A token this close to its expiry is refreshed before use rather than sent to be refused. */
const EXPIRY_MARGIN_MS = 10_000;
/** How long a tab that waited for the lock gives the holder's message to arrive before refreshing itself. */
const SETTLE_MS = 250;

/**
 * A client for one gateway. The access token lives in this closure only (never in storage or a readable cookie);
 * the refresh token is the HttpOnly cookie the browser keeps. Tabs of one origin share one refresh: the tab that
 * refreshes holds a Web Lock and hands the new token to the others over a BroadcastChannel.
 */
export function createClient(options: ClientOptions): PalisadeClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  let accessToken: string | null = null;
  let expiresAt = 0;
  let csrf: string | null = null;
  let refreshing: Promise<string | null> | null = null;
  const listeners = new Map<keyof ClientEvents, Set<(detail: never) => void>>();

  const emit = <K extends keyof ClientEvents>(event: K, detail: ClientEvents[K]) => {
    for (const listener of listeners.get(event) ?? []) (listener as (value: ClientEvents[K]) => void)(detail);
  };

  const tabs = new TabCoordinator(`palisade:${baseUrl}`, options.lockTimeoutMs ?? 5_000, (message: TabMessage) => {
    if (message.type === 'token') {
      const wasSignedIn = accessToken !== null;
      adopt(message.accessToken, message.expiresAt, message.csrf);
      if (!wasSignedIn) emit('signed-in', undefined);
    } else {
      forget();
    }
  });

  function adopt(token: string, until: number, csrfValue: string) {
    accessToken = token;
    expiresAt = until;
    csrf = csrfValue;
  }

  function forget() {
    const wasSignedIn = accessToken !== null;
    accessToken = null;
    expiresAt = 0;
    csrf = null;
    if (wasSignedIn) emit('signed-out', undefined);
  }

  function signedIn(body: TokenBody) {
    const wasSignedIn = accessToken !== null;
    adopt(body.accessToken, Date.now() + body.expiresIn * 1000, body.csrfToken);
    tabs.tell({ type: 'token', accessToken: body.accessToken, expiresAt, csrf: body.csrfToken });
    if (!wasSignedIn) emit('signed-in', undefined);
  }

  function signOutEverywhere() {
    forget();
    tabs.tell({ type: 'signed-out' });
  }

  async function send(path: string, init: RequestInit): Promise<Response> {
    const response = await fetch(baseUrl + path, { ...init, credentials: 'include' });
    if (response.status === 429) {
      const retryAfter = response.headers.get('Retry-After');
      emit('rate-limited', { policy: parseRateLimit(response.headers.get('RateLimit')),
        retryAfterSeconds: retryAfter === null ? null : Number(retryAfter), url: baseUrl + path });
    }
    return response;
  }

  async function json<T>(path: string, init: RequestInit): Promise<T> {
    const response = await send(path, init);
    if (!response.ok) throw await problemOf(response);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  function jsonBody(body: unknown, headers: Record<string, string> = {}): RequestInit {
    return { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) };
  }

  /**
   * A new access token from the refresh cookie, once for all tabs: the tab that gets the lock first refreshes
   * unless another tab's token arrived while it waited; `stale` is the token the caller found wanting.
   */
  function refresh(stale: string | null): Promise<string | null> {
    refreshing ??= tabs.exclusively(async (waited) => {
      const fresh = () => accessToken !== null && accessToken !== stale && Date.now() < expiresAt - EXPIRY_MARGIN_MS;
      if (waited && !fresh()) await tokenFromAnotherTab(fresh);
      if (fresh()) return accessToken;
      if (csrf === null) {
        const recovered = await send('/api/auth/csrf', { method: 'GET' });
        if (!recovered.ok) {
          signOutEverywhere();
          return null;
        }
        csrf = ((await recovered.json()) as { csrfToken: string }).csrfToken;
      }
      const response = await send('/api/auth/refresh', { method: 'POST', headers: { 'X-CSRF-Token': csrf } });
      if (!response.ok) {
        signOutEverywhere();
        return null;
      }
      signedIn((await response.json()) as TokenBody);
      return accessToken;
    }).finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  /** Waits up to {@link SETTLE_MS} for the token the tab that held the lock has sent, if it has sent one. */
  function tokenFromAnotherTab(fresh: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      const started = Date.now();
      const poll = () => (fresh() || Date.now() - started >= SETTLE_MS ? resolve() : setTimeout(poll, 5));
      poll();
    });
  }

  async function currentToken(): Promise<string | null> {
    if (accessToken !== null && Date.now() < expiresAt - EXPIRY_MARGIN_MS) return accessToken;
    return refresh(accessToken);
  }

  async function authorised(path: string, init: RequestInit = {}): Promise<Response> {
    const token = await currentToken();
    const headers = new Headers(init.headers);
    if (token !== null) headers.set('Authorization', `Bearer ${token}`);
    const response = await send(path, { ...init, headers });
    // Only the gateway's or a service's verdict on the token is a reason to refresh; an API's own 401 is its answer.
    if (token === null || response.status !== 401 || !tokenIsInvalid(response.headers.get('WWW-Authenticate'))) {
      return response;
    }
    const fresh = await refresh(token);
    if (fresh === null) return response;
    headers.set('Authorization', `Bearer ${fresh}`);
    return send(path, { ...init, headers });
  }

  return {
    register: (request) => json<Registered>('/api/auth/register', jsonBody(request)),

    async login(email, password) {
      const body = await json<TokenBody | { mfaRequired: true; mfaToken: string }>('/api/auth/login',
        jsonBody({ email, password }));
      if ('mfaRequired' in body) return { signedIn: false, mfaRequired: true, mfaToken: body.mfaToken };
      signedIn(body);
      return { signedIn: true };
    },

    async loginMfa(mfaToken, proof) {
      signedIn(await json<TokenBody>('/api/auth/login/mfa', jsonBody({ mfaToken, ...proof })));
    },

    async logout() {
      try {
        if (csrf === null) {
          const recovered = await send('/api/auth/csrf', { method: 'GET' });
          if (recovered.ok) csrf = ((await recovered.json()) as { csrfToken: string }).csrfToken;
        }
        if (csrf !== null) {
          const response = await send('/api/auth/logout', { method: 'POST', headers: { 'X-CSRF-Token': csrf } });
          if (!response.ok && response.status !== 401) throw await problemOf(response);
        }
      } finally {
        signOutEverywhere();
      }
    },

    async logoutEverywhere() {
      try {
        const response = await authorised('/api/auth/sessions', { method: 'DELETE' });
        if (!response.ok && response.status !== 401) throw await problemOf(response);
      } finally {
        signOutEverywhere();
      }
    },

    async sessions() {
      const response = await authorised('/api/auth/sessions');
      if (!response.ok) throw await problemOf(response);
      return ((await response.json()) as { items: SessionView[] }).items;
    },

    fetch(path, init) {
      // The token goes to this gateway only: an absolute URL could carry it anywhere.
      if (!path.startsWith('/') || path.startsWith('//')) {
        return Promise.reject(new TypeError('fetch takes a path on the gateway, like /api/orders'));
      }
      return authorised(path, init);
    },

    get signedIn() {
      return accessToken !== null;
    },

    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (detail: never) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (detail: never) => void);
    },

    close: () => tabs.close(),
  };
}
