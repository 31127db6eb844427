import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { SignJWT, exportJWK, exportSPKI, generateKeyPair } from 'jose';
import { notesApp } from '../src/app.mjs';
import { accessTokens } from '../src/tokens.mjs';
import { Notes } from '../src/notes.mjs';

// A real JWKS server and the real app on loopback: the attacks below are what reaches a deployed service.
const ISSUER = 'palisade';
const AUDIENCE = 'palisade-api';
let signing;
let stranger;
let jwks;
let app;
let base;

before(async () => {
  signing = await generateKeyPair('RS256', { extractable: true });
  stranger = await generateKeyPair('RS256', { extractable: true });
  const published = { ...(await exportJWK(signing.publicKey)), kid: 'palisade-1', alg: 'RS256', use: 'sig' };
  jwks = await listen(createServer((req, res) => {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ keys: [published] }));
  }));
  const verify = accessTokens({ jwksUrl: `http://127.0.0.1:${jwks.address().port}/jwks.json`, issuer: ISSUER,
    audience: AUDIENCE, algorithm: 'RS256' });
  app = await listen(notesApp({ verify, notes: new Notes({ maxPerOwner: 3 }) }));
  base = `http://127.0.0.1:${app.address().port}`;
});

after(() => {
  app?.close();
  jwks?.close();
});

function listen(handler) {
  return new Promise((resolve) => {
    const server = handler.listen ? handler : createServer(handler);
    const listening = server.listen(0, '127.0.0.1', () => resolve(listening));
  });
}

async function token({ sub = randomUUID(), groups = ['user'], header = {}, key = signing.privateKey, claims = {},
  issuer = ISSUER, audience = AUDIENCE, expires = '15m' } = {}) {
  return new SignJWT({ groups, sid: randomUUID(), amr: ['pwd'], email_verified: true, ...claims })
    .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: 'palisade-1', ...header })
    .setIssuer(issuer).setAudience(audience).setSubject(sub).setIssuedAt().setJti(randomUUID())
    .setExpirationTime(expires)
    .sign(key);
}

function call(path, { token: bearer, method = 'GET', body, headers = {} } = {}) {
  const json = body === undefined ? {} : { 'Content-Type': 'application/json' };
  return fetch(base + path, {
    method,
    headers: { ...json, ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}), ...headers },
    body: typeof body === 'string' || body === undefined ? body : JSON.stringify(body),
  });
}

async function problem(response, status) {
  assert.equal(response.status, status);
  assert.equal(response.headers.get('content-type'), 'application/problem+json; charset=utf-8');
  const document = await response.json();
  assert.deepEqual(Object.keys(document).sort(), ['detail', 'instance', 'requestId', 'status', 'title', 'type']);
  assert.equal(document.status, status);
  assert.equal(document.requestId, response.headers.get('x-request-id'));
  return document;
}

const b64 = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

describe('ownership', () => {
  test('a note is its owner\'s and an admin\'s; anyone else gets the 404 of an id never issued', async () => {
    const alice = await token();
    const bob = await token();
    const created = await call('/api/notes', { token: alice, method: 'POST', body: { text: 'mine' } });
    assert.equal(created.status, 201);
    const { id } = await created.json();
    assert.equal(created.headers.get('location'), `/api/notes/${id}`);

    assert.equal((await (await call(`/api/notes/${id}`, { token: alice })).json()).text, 'mine');
    await problem(await call(`/api/notes/${id}`, { token: bob }), 404);
    await problem(await call(`/api/notes/${randomUUID()}`, { token: bob }), 404);
    await problem(await call(`/api/notes/${id}`, { token: bob, method: 'DELETE' }), 404);
    assert.deepEqual(await (await call('/api/notes', { token: bob })).json(), []);
    assert.equal((await call(`/api/notes/${id}`, { token: await token({ groups: ['user', 'admin'] }) })).status, 200);

    await problem(await call('/api/notes/all', { token: bob }), 403);
    assert.equal((await call(`/api/notes/${id}`, { token: alice, method: 'DELETE' })).status, 204);
    await problem(await call(`/api/notes/${id}`, { token: alice }), 404);
  });

  test('a malformed id is a 400, an unlisted method a 405 with Allow', async () => {
    const alice = await token();
    await problem(await call('/api/notes/not-an-id', { token: alice }), 400);
    await problem(await call('/api/notes/..%2Fall', { token: alice }), 400);
    const refused = await call('/api/notes', { token: alice, method: 'PUT', body: { text: 'x' } });
    await problem(refused, 405);
    assert.equal(refused.headers.get('allow'), 'GET, HEAD, POST');
  });

  test('one owner cannot take more than its share of the store', async () => {
    const greedy = await token();
    for (let i = 0; i < 3; i++) {
      assert.equal((await call('/api/notes', { token: greedy, method: 'POST', body: { text: `n${i}` } })).status, 201);
    }
    await problem(await call('/api/notes', { token: greedy, method: 'POST', body: { text: 'one more' } }), 409);
    assert.equal((await call('/api/notes', { token: await token(), method: 'POST', body: { text: 'other' } })).status, 201);
  });
});

describe('tokens', () => {
  test('no token is a 401 with a bare Bearer challenge', async () => {
    const refused = await call('/api/notes');
    await problem(refused, 401);
    assert.equal(refused.headers.get('www-authenticate'), 'Bearer');
  });

  test('every forgery of API.md\'s list is a 401 invalid_token', async () => {
    const sub = randomUUID();
    const real = await token({ sub });
    const [header, payload] = real.split('.');
    const publicPem = await exportSPKI(signing.publicKey);
    const hs256Header = b64({ alg: 'HS256', typ: 'at+jwt', kid: 'palisade-1' });
    const hs256 = `${hs256Header}.${payload}.${createHmac('sha256', publicPem).update(`${hs256Header}.${payload}`).digest('base64url')}`;
    const strangerJwks = { keys: [{ ...(await exportJWK(stranger.publicKey)), kid: 'palisade-1' }] };
    const forgeries = {
      'alg none': `${b64({ alg: 'none', typ: 'at+jwt' })}.${payload}.`,
      'HS256 signed with the public key': hs256,
      'wrong issuer': await token({ sub, issuer: 'someone-else' }),
      'wrong audience': await token({ sub, audience: 'user-service' }),
      'typ JWT': await token({ sub, header: { typ: 'JWT' } }),
      'no typ': await token({ sub, header: { typ: undefined } }),
      'expired beyond the skew': await token({ sub, expires: Math.floor(Date.now() / 1000) - 61 }),
      'not yet valid beyond the skew': await token({ sub, claims: { nbf: Math.floor(Date.now() / 1000) + 120 } }),
      'unknown kid': await token({ sub, header: { kid: 'other' }, key: stranger.privateKey }),
      'another key under the real kid': await token({ sub, key: stranger.privateKey }),
      'a key of its own in jwk': await token({ sub, key: stranger.privateKey,
        header: { jwk: await exportJWK(stranger.publicKey) } }),
      'a key set of its own in jku': await token({ sub, key: stranger.privateKey,
        header: { jku: `data:application/json,${encodeURIComponent(JSON.stringify(strangerJwks))}` } }),
      'tampered payload': `${header}.${b64({ ...JSON.parse(Buffer.from(payload, 'base64url')), groups: ['user', 'admin'] })}.${real.split('.')[2]}`,
      'a service token': await token({ sub: 'auth-service', groups: ['service'], audience: 'user-service' }),
      'no user group': await token({ sub, groups: ['service'] }),
      'no sid': await token({ sub, claims: { sid: undefined } }),
      'not a JWT': 'not-a-token',
    };
    assert.equal((await call('/api/notes', { token: real })).status, 200);
    for (const [name, forged] of Object.entries(forgeries)) {
      const refused = await call('/api/notes', { token: forged });
      assert.equal(refused.status, 401, name);
      assert.equal(refused.headers.get('www-authenticate'), 'Bearer error="invalid_token"', name);
    }
  });

  test('a key set that cannot be had is a 503, not a 401 and not a hang', async () => {
    const gone = await listen(createServer(() => {}));
    const { port } = gone.address();
    gone.close();
    const verify = accessTokens({ jwksUrl: `http://127.0.0.1:${port}/jwks.json`, issuer: ISSUER, audience: AUDIENCE,
      algorithm: 'RS256' });
    const isolated = await listen(notesApp({ verify }));
    try {
      const started = Date.now();
      const refused = await fetch(`http://127.0.0.1:${isolated.address().port}/api/notes`,
        { headers: { Authorization: `Bearer ${await token()}` } });
      assert.equal(refused.status, 503);
      assert.equal(refused.headers.get('retry-after'), '5');
      assert.ok(Date.now() - started < 3000);
    } finally {
      isolated.close();
    }
  });
});

describe('strict JSON', () => {
  test('only an object of known fields, each once, of the right type', async () => {
    const alice = await token();
    const bodies = {
      'an unknown field': '{"text":"x","owner":"someone"}',
      'a duplicate field': '{"text":"first","text":"second"}',
      'a duplicate spelled with an escape': '{"text":"first","\\u0074ext":"second"}',
      'a prototype key': '{"text":"x","__proto__":{"admin":true}}',
      'trailing data': '{"text":"x"} {"text":"y"}',
      'an array': '[{"text":"x"}]',
      'a bare string': '"x"',
      'null': 'null',
      'a number for text': '{"text":5}',
      'no text': '{}',
      'blank text': '{"text":"   "}',
      'text too long': JSON.stringify({ text: 'x'.repeat(501) }),
      'not JSON': 'text=x',
    };
    for (const [name, body] of Object.entries(bodies)) {
      await problem(await call('/api/notes', { token: alice, method: 'POST', body }), 400).catch((error) => {
        throw new Error(`${name}: ${error.message}`);
      });
    }
    // A duplicate key inside a string value is text, not a field.
    assert.equal((await call('/api/notes', { token: alice, method: 'POST', body: '{"text":"\\"text\\":1,\\"text\\""}' })).status, 201);
    assert.deepEqual((await (await call('/api/notes', { token: alice })).json()).map((note) => note.text), ['"text":1,"text"']);
  });

  test('a body that is not application/json is a 415', async () => {
    const alice = await token();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1']) {
      await problem(await call('/api/notes', { token: alice, method: 'POST', body: '{"text":"x"}',
        headers: { 'Content-Type': type } }), 415);
    }
    await problem(await fetch(`${base}/api/notes`, { method: 'POST', body: new Uint8Array(Buffer.from('{"text":"x"}')),
      headers: { Authorization: `Bearer ${alice}` } }), 415);
  });

  test('more than 10 KiB is a 413, with or without Content-Length', async () => {
    const alice = await token();
    const big = JSON.stringify({ text: 'x'.repeat(11 * 1024) });
    await problem(await call('/api/notes', { token: alice, method: 'POST', body: big }), 413);
    const chunked = await raw(`POST /api/notes HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${alice}\r\n`
      + 'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n'
      + `${Array.from({ length: 12 }, () => `400\r\n${'x'.repeat(1024)}\r\n`).join('')}0\r\n\r\n`);
    assert.match(chunked, /^HTTP\/1\.1 413 /);
  });
});

describe('request ids', () => {
  test('a well-formed id is echoed, anything else replaced', async () => {
    assert.equal((await call('/api/notes', { headers: { 'X-Request-Id': 'front-42.a:b' } })).headers.get('x-request-id'),
      'front-42.a:b');
    const replaced = (await call('/api/notes', { headers: { 'X-Request-Id': 'x'.repeat(65) } })).headers.get('x-request-id');
    assert.match(replaced, /^[0-9a-f-]{36}$/);
  });
});

function raw(request) {
  return new Promise((resolve, reject) => {
    const socket = connect(app.address().port, '127.0.0.1', () => socket.write(request));
    let answer = '';
    socket.on('data', (chunk) => { answer += chunk; });
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}
