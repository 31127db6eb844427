// Drives the browser client (clients/browser, as just built) in many tabs of one origin in Debian's headless
// Chromium, through the gateway: one refresh for all tabs, over and over; a lock holder that never lets go (a
// frozen or dead tab); a sign-out in one tab reaching the others; and no token in any storage a script can read.
// Prints one JSON line with what it counted; exits non-zero on the first broken expectation.
// Usage: node tabs.mjs --gateway http://localhost:8080 [--tabs 10] [--rounds 20]
import { launchChromium } from './chromium.mjs';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, value, i, all) =>
  (i % 2 === 0 ? [...pairs, [value.replace(/^--/, ''), all[i + 1]]] : pairs), []));
const gateway = args.gateway;
const tabCount = Number(args.tabs || 10);
const rounds = Number(args.rounds || 20);
if (!gateway) {
  console.error('usage: node tabs.mjs --gateway URL [--tabs N] [--rounds N]');
  process.exit(2);
}

// The page every tab opens: the client, nothing else, on the origin the gateway allows.
const bundle = join(dirname(fileURLToPath(import.meta.url)), '../../clients/browser/dist/index.js');
const harness = `<!doctype html><meta charset="utf-8"><title>client tab</title>
<script type="module">
  import { createClient } from '/palisade-client.js';
  window.palisade = createClient({ baseUrl: new URLSearchParams(location.search).get('api') });
</script>`;
const server = createServer(async (request, response) => {
  const path = new URL(request.url, 'http://x').pathname;
  if (path === '/palisade-client.js') {
    response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(await readFile(bundle));
  } else if (path === '/') {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(harness);
  } else {
    response.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(5173, '127.0.0.1', resolve));
const page = `http://localhost:5173/?api=${encodeURIComponent(gateway)}`;

const browser = await launchChromium();
const context = await browser.newContext();
const sent = [];
context.on('request', (request) => sent.push({ method: request.method(), url: request.url(),
  authorization: request.headers().authorization ?? null }));
const refreshesSince = (mark) => sent.slice(mark).filter((r) => r.method === 'POST' && r.url.endsWith('/api/auth/refresh')).length;

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

async function open() {
  const tab = await context.newPage();
  await tab.goto(page);
  await tab.waitForFunction(() => window.palisade !== undefined);
  return tab;
}

async function reloadAll(tabs) {
  await Promise.all(tabs.map((tab) => tab.reload()));
  await Promise.all(tabs.map((tab) => tab.waitForFunction(() => window.palisade !== undefined)));
}

const callMe = (tab) => tab.evaluate(() => window.palisade.fetch('/api/users/me').then((answer) => answer.status));

let failure = null;
const counted = { tabs: tabCount, rounds, refreshesPerRound: [], stolenLockMillis: null, signOutMillis: null,
  refreshes: null };
try {
  const email = `tabs-${randomUUID()}@palisade.test`;
  const password = `Harbour-${randomUUID().slice(0, 8)}-Kite!7`;
  const tabs = [await open()];
  await tabs[0].evaluate(async ({ email, password }) => {
    await window.palisade.register({ email, password, displayName: 'Many Tabs' });
    await window.palisade.login(email, password);
  }, { email, password });
  while (tabs.length < tabCount) tabs.push(await open());

  // Every round reloads every tab (no token in any memory), then all call an API at once: one refresh for all.
  for (let round = 0; round < rounds; round++) {
    await reloadAll(tabs);
    const mark = sent.length;
    const statuses = await Promise.all(tabs.map(callMe));
    expect(statuses.every((status) => status === 200), `round ${round}: statuses ${statuses}`);
    counted.refreshesPerRound.push(refreshesSince(mark));
    expect(refreshesSince(mark) === 1, `round ${round}: ${refreshesSince(mark)} refreshes for ${tabCount} tabs`);
  }

  // A tab holding the lock, as in the middle of a refresh, is frozen (as a browser freezes a background tab): the
  // others wait at most 5 s, then one takes the lock and they get their token. Then the frozen tab is closed.
  const holder = tabs[0];
  await holder.evaluate((api) => {
    navigator.locks.request(`palisade:${api.replace(/\/+$/, '')}`, () => new Promise(() => {}));
  }, gateway);
  await (await context.newCDPSession(holder)).send('Page.setWebLifecycleState', { state: 'frozen' });
  const others = tabs.slice(1);
  await reloadAll(others);
  const started = Date.now();
  const statuses = await Promise.all(others.map(callMe));
  counted.stolenLockMillis = Date.now() - started;
  expect(statuses.every((status) => status === 200), `behind a held lock: statuses ${statuses}`);
  expect(counted.stolenLockMillis < 7000, `behind a held lock the tabs waited ${counted.stolenLockMillis} ms`);
  await holder.close();

  // No token in any storage a script reads: the access token lives in memory, the refresh token is HttpOnly.
  const storage = await others[0].evaluate(async () => ({ local: localStorage.length, session: sessionStorage.length,
    databases: (await indexedDB.databases()).length, cookies: document.cookie.split(/;\s*/).filter(Boolean)
      .map((cookie) => cookie.split('=')[0]) }));
  expect(storage.local === 0 && storage.session === 0 && storage.databases === 0,
    `storage holds something: ${JSON.stringify(storage)}`);
  expect(storage.cookies.every((name) => name === 'csrf_token'), `readable cookies: ${storage.cookies}`);

  // Signing out in one tab signs every tab out within 1 s, and their next call carries no token.
  const signedOut = Date.now();
  await others[0].evaluate(() => window.palisade.logout());
  await Promise.all(others.slice(1).map((tab) => tab.waitForFunction(() => !window.palisade.signedIn,
    null, { timeout: 1000 })));
  counted.signOutMillis = Date.now() - signedOut;
  const mark = sent.length;
  const afterSignOut = await callMe(others[1]);
  const calls = sent.slice(mark).filter((r) => r.url.endsWith('/api/users/me'));
  expect(afterSignOut === 401 && calls.every((call) => call.authorization === null),
    `after sign-out: ${afterSignOut}, ${JSON.stringify(calls)}`);
  counted.refreshes = refreshesSince(0);
  console.log(JSON.stringify({ result: 'ok', ...counted }));
} catch (error) {
  failure = error;
  console.error(`browser tabs failed: ${error.message}; ${JSON.stringify(counted)}`);
} finally {
  await browser.close();
  server.close();
}
process.exit(failure ? 1 : 0);
