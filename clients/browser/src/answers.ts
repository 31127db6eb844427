/** A problem+json answer (RFC 9457) as Palisade writes it, thrown by the client's own calls. */
export class PalisadeError extends Error {
  readonly type: string;
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly requestId: string | null;
  readonly errors: ReadonlyArray<{ field: string; message: string }>;

  constructor(status: number, body: Partial<{ type: string; title: string; detail: string; requestId: string;
    errors: Array<{ field: string; message: string }> }>, requestId: string | null) {
    super(body.detail ?? body.title ?? `HTTP ${status}`);
    this.name = 'PalisadeError';
    this.status = status;
    this.type = body.type ?? 'about:blank';
    this.title = body.title ?? '';
    this.detail = body.detail ?? '';
    this.requestId = body.requestId ?? requestId;
    this.errors = body.errors ?? [];
  }
}

/** The error an answer that is not 2xx stands for; a body that is not problem+json still gives status and id. */
export async function problemOf(response: Response): Promise<PalisadeError> {
  const type = response.headers.get('Content-Type') ?? '';
  const body = type.includes('json') ? await response.json().catch(() => ({})) : {};
  return new PalisadeError(response.status, body, response.headers.get('X-Request-Id'));
}

/** One policy's state from the draft-10 `RateLimit` header: `"api";r=99;t=60`. */
export interface RateLimitState {
  policy: string;
  remaining: number;
  resetSeconds: number;
}

export function parseRateLimit(header: string | null): RateLimitState | null {
  const match = header === null ? null : /^"([^"]+)";r=(\d+);t=(\d+)$/.exec(header.trim());
  return match ? { policy: match[1]!, remaining: Number(match[2]), resetSeconds: Number(match[3]) } : null;
}

/** Whether a 401's challenge says the token itself is bad (expired, revoked, forged), as RFC 6750 spells it. */
export function tokenIsInvalid(challenge: string | null): boolean {
  return challenge !== null && /^Bearer\b.*\berror="invalid_token"/i.test(challenge);
}
