import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createClient, PalisadeError, parseRateLimit } from '../dist/index.js';

// A stand-in gateway on loopback that counts what the client sends: the parts of the client that need no
// browser (one tab: Node has no Web Locks, so the tab works alone; the many-tab behaviour is tested in Chromium).
let server;
let baseUrl;
let calls;
let issued;
let apiAnswer;
let refreshStatus;

function answer(response, status, body, headers = {}) {
  response.writeHead(status, { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json',
    'X-Request-Id': 'req-1', ...headers });
  response.end(body === undefined ? '' : JSON.stringify(body));
}

before(async () => {
  server = createServer((request, response) => {
    const authorization = request.headers.authorization ?? null;
    calls.push({ method: request.method, path: request.url, authorization, csrf: request.headers['x-csrf-token'] ?? null });
    const token = () => `token-${++issued}`;
    switch (`${request.method} ${request.url}`) {
      case 'POST /api/auth/login':
        return answer(response, 200, { accessToken: token(), tokenType: 'Bearer', expiresIn: 900, csrfToken: 'csrf-1' });
      case 'POST /api/auth/refresh':
        if (refreshStatus !== 200) return answer(response, refreshStatus, { status: refreshStatus });
        return request.headers['x-csrf-token'] === 'csrf-1'
          ? answer(response, 200, { accessToken: token(), tokenType: 'Bearer', expiresIn: 900, csrfToken: 'csrf-1' })
          : answer(response, 403, { type: 'urn:palisade:problem:forbidden', title: 'Forbidden', status: 403,
            detail: 'CSRF', requestId: 'req-2' });
      case 'GET /api/auth/csrf':
        return answer(response, 200, { csrfToken: 'csrf-1' });
      case 'POST /api/auth/logout':
        return answer(response, 204);
      default:
        return apiAnswer(request, response, authorization);
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${server.address().port}/`;
});

after(() => server.close());

// Every client made by a test is closed after it, passed or failed: an open BroadcastChannel keeps Node running.
const clients = [];
function newClient() {
  const client = createClient({ baseUrl });
  clients.push(client);
  return client;
}

afterEach(() => {
  while (clients.length > 0) clients.pop().close();
});

beforeEach(() => {
  calls = [];
  issued = 0;
  apiAnswer = (request, response) => answer(response, 200, { ok: true });
  refreshStatus = 200;
});

const callsTo = (path) => calls.filter((call) => call.path === path);

describe('fetch', () => {
  test('sends the token, and refreshes once then retries once when the token is refused as invalid', async () => {
    const client = newClient();
    await client.login('a@b.c', 'pw');
    apiAnswer = (request, response, authorization) => authorization === 'Bearer token-1'
      ? answer(response, 401, { type: 'urn:palisade:problem:unauthenticated', status: 401 },
        { 'WWW-Authenticate': 'Bearer error="invalid_token"' })
      : answer(response, 200, { ok: true });

    const response = await client.fetch('/api/orders');
    assert.equal(response.status, 200);
    assert.deepEqual(callsTo('/api/orders').map((call) => call.authorization), ['Bearer token-1', 'Bearer token-2']);
    assert.equal(callsTo('/api/auth/refresh').length, 1);
  });

  test("an API's own 401 is returned as it came, with no refresh and no retry", async () => {
    const client = newClient();
    await client.login('a@b.c', 'pw');
    apiAnswer = (request, response) => answer(response, 401, { status: 401 }, { 'WWW-Authenticate': 'Basic realm="orders"' });

    assert.equal((await client.fetch('/api/orders')).status, 401);
    assert.equal(callsTo('/api/orders').length, 1);
    assert.equal(callsTo('/api/auth/refresh').length, 0);
  });

  test('an invalid token twice over is one refresh at most, then the error', async () => {
    const client = newClient();
    await client.login('a@b.c', 'pw');
    apiAnswer = (request, response) => answer(response, 401, { status: 401 },
      { 'WWW-Authenticate': 'Bearer error="invalid_token"' });

    assert.equal((await client.fetch('/api/orders')).status, 401);
    assert.equal(callsTo('/api/orders').length, 2);
    assert.equal(callsTo('/api/auth/refresh').length, 1);
  });

  test('many calls at once in one tab share one refresh', async () => {
    const client = newClient();
    // A reloaded page: no token in memory, the refresh cookie and the CSRF value to recover.
    const answers = await Promise.all(Array.from({ length: 10 }, () => client.fetch('/api/orders')));
    assert.deepEqual(answers.map((response) => response.status), Array(10).fill(200));
    assert.equal(callsTo('/api/auth/csrf').length, 1);
    assert.equal(callsTo('/api/auth/refresh').length, 1);
    assert.ok(callsTo('/api/orders').every((call) => call.authorization === 'Bearer token-1'));
  });

  test('the token goes to its gateway only', async () => {
    const client = newClient();
    await client.login('a@b.c', 'pw');
    for (const elsewhere of ['https://evil.example/api', '//evil.example/api', 'api/orders']) {
      await assert.rejects(client.fetch(elsewhere), TypeError);
    }
    assert.equal(callsTo('/api/orders').length, 0);
  });

  test('a 429 raises rate-limited with the parsed header and Retry-After', async () => {
    const client = newClient();
    await client.login('a@b.c', 'pw');
    apiAnswer = (request, response) => answer(response, 429, { status: 429 },
      { 'Retry-After': '17', RateLimit: '"api";r=0;t=17' });
    const events = [];
    client.on('rate-limited', (detail) => events.push(detail));

    assert.equal((await client.fetch('/api/orders')).status, 429);
    assert.deepEqual(events.map(({ policy, retryAfterSeconds }) => ({ policy, retryAfterSeconds })),
      [{ policy: { policy: 'api', remaining: 0, resetSeconds: 17 }, retryAfterSeconds: 17 }]);
  });
});

describe('session', () => {
  test('a refused refresh signs the tab out, and its next call sends no token', async () => {
    const client = newClient();
    await client.login('a@b.c', 'pw');
    const signedOut = [];
    client.on('signed-out', () => signedOut.push(true));
    refreshStatus = 401;
    apiAnswer = (request, response) => answer(response, 401, { status: 401 },
      { 'WWW-Authenticate': 'Bearer error="invalid_token"' });

    assert.equal((await client.fetch('/api/orders')).status, 401);
    assert.deepEqual(signedOut, [true]);
    assert.equal(client.signedIn, false);
    await client.fetch('/api/orders');
    assert.equal(callsTo('/api/orders').at(-1).authorization, null);
  });

  test('logout clears the token even when the gateway refuses it', async () => {
    const client = newClient();
    await client.login('a@b.c', 'pw');
    assert.equal(client.signedIn, true);
    await client.logout();
    assert.equal(client.signedIn, false);
    assert.deepEqual(callsTo('/api/auth/logout').map((call) => call.csrf), ['csrf-1']);
  });
});

describe('answers', () => {
  test('a problem answer is thrown as a PalisadeError with its fields', async () => {
    const client = newClient();
    apiAnswer = (request, response) => answer(response, 400, { type: 'urn:palisade:problem:validation',
      title: 'Validation failed', status: 400, detail: 'bad', requestId: 'req-9', errors: [{ field: 'email', message: 'x' }] });
    const error = await client.register({ email: 'x', password: 'y', displayName: 'z' }).catch((thrown) => thrown);
    assert.ok(error instanceof PalisadeError);
    assert.equal(error.type, 'urn:palisade:problem:validation');
    assert.equal(error.status, 400);
    assert.equal(error.detail, 'bad');
    assert.equal(error.requestId, 'req-9');
    assert.deepEqual(error.errors, [{ field: 'email', message: 'x' }]);
  });

  test('the RateLimit header is read as draft 10 writes it, and nothing else', () => {
    assert.deepEqual(parseRateLimit('"login";r=4;t=900'), { policy: 'login', remaining: 4, resetSeconds: 900 });
    for (const other of [null, '', 'login;r=4;t=900', '"login";r=-1;t=9', '"a";r=1']) {
      assert.equal(parseRateLimit(other), null);
    }
  });
});
