// Runs the demo frontend's whole flow in Debian's headless Chromium, through the gateway (sign up, log in,
// the session list with a second device signed out, a password change, two-step sign-in set up
// and used, sign out everywhere, a forgotten password reset through the mailed link), and saves screenshots. With --origin-port of an origin the gateway does not
// allow, it proves the browser is refused.
// Usage: node flow.mjs --gateway http://localhost:8080 --inbox http://127.0.0.1:1080 --out dir
//        [--origin-host localhost] [--origin-port 5173] [--expect refused]
import { launchChromium } from './chromium.mjs';
import { createHmac, randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { frontendServer } from '../frontend/serve.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, value, i, all) =>
  (i % 2 === 0 ? [...pairs, [value.replace(/^--/, ''), all[i + 1]]] : pairs), []));
const gateway = args.gateway;
const out = args.out;
const originHost = args['origin-host'] || 'localhost';
const originPort = Number(args['origin-port'] || 5173);
const expectRefused = args.expect === 'refused';
const inbox = args.inbox;
if (!gateway || !out) {
  console.error('usage: node flow.mjs --gateway URL --out DIR [--origin-host H] [--origin-port P] [--expect refused]');
  process.exit(2);
}

const server = frontendServer();
await new Promise((resolve) => server.listen(originPort, '127.0.0.1', resolve));

const browser = await launchChromium();
const page = await browser.newPage();
// Chromium names a CORS refusal in the console; a gateway that is simply down gives no such line, so the
// refused run can tell the two apart.
const consoleLines = [];
page.on('console', (message) => consoleLines.push(message.text()));
const status = page.locator('#status');

// What an authenticator app does with the secret the page shows: RFC 6238, SHA-1, 6 digits, 30 s steps.
function totp(base32Secret, offsetSteps = 0) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of base32Secret.replace(/=+$/, '')) bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30000) + offsetSteps));
  const digest = createHmac('sha1', key).update(counter).digest();
  const offset = digest[digest.length - 1] & 0x0f;
  return String((digest.readUInt32BE(offset) & 0x7fffffff) % 1000000).padStart(6, '0');
}

// The newest link to `path` mailed to the address and not yet used here, read from the suite's mail catcher.
const used = new Set();
async function mailedLink(address, path) {
  const started = Date.now();
  for (;;) {
    const links = await (await fetch(`${inbox}/links?to=${encodeURIComponent(address)}`)).json();
    const link = links.filter((found) => found.includes(`${path}#token=`) && !used.has(found)).pop();
    if (link) {
      used.add(link);
      const opened = new URL(link);
      if (opened.origin !== `http://${originHost}:${originPort}` || opened.pathname !== path) {
        throw new Error(`the ${path} link points at ${opened.origin}${opened.pathname}`);
      }
      opened.searchParams.set('api', gateway);
      return opened.toString();
    }
    if (Date.now() - started > 20000) throw new Error(`no ${path} mail for ${address} within 20 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function statusStartsWith(text) {
  await page.waitForFunction((expected) => document.querySelector('#status').textContent.startsWith(expected), text);
}

async function logIn(email, password) {
  await page.goto(`http://${originHost}:${originPort}/?api=${encodeURIComponent(gateway)}`);
  await page.fill('#login-form input[name=email]', email);
  await page.fill('#login-form input[name=password]', password);
  await page.click('#login-form button');
}

// The ended device's access token must stop working at the gateway within 2 s.
async function expectRefusedWithin2s(token) {
  const started = Date.now();
  for (;;) {
    const answer = await fetch(`${gateway}/api/users/me`, { headers: { Authorization: `Bearer ${token}` } });
    if (answer.status === 401) return;
    if (Date.now() - started > 2000) throw new Error(`the ended session's token still answered ${answer.status}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
const tag = expectRefused ? 'refused' : 'allowed';
let failure = null;
try {
  await mkdir(out, { recursive: true });
  await page.goto(`http://${originHost}:${originPort}/?api=${encodeURIComponent(gateway)}`);
  const email = `browser-${randomUUID()}@palisade.test`;
  const password = `Harbour-${randomUUID().slice(0, 8)}-Kite!7`;

  await page.fill('#signup-form input[name=email]', email);
  await page.fill('#signup-form input[name=displayName]', 'Browser User');
  await page.fill('#signup-form input[name=password]', password);
  await page.click('#signup-form button');
  if (expectRefused) {
    await page.waitForFunction(() => document.querySelector('#status').textContent.startsWith('Sign-up failed'));
    const corsLine = consoleLines.find((line) => line.includes('CORS policy'));
    if (!corsLine) throw new Error(`sign-up failed, but not on CORS: ${consoleLines.join(' | ')}`);
    console.log(JSON.stringify({ result: 'refused', status: await status.textContent(), console: corsLine }));
  } else {
    await page.waitForFunction(() => document.querySelector('#status').textContent.startsWith('Signed up as'));
    await page.fill('#login-form input[name=email]', email);
    await page.fill('#login-form input[name=password]', password);
    await page.click('#login-form button');
    await page.waitForFunction(() => document.querySelector('#status').textContent === 'Logged in.');
    const shown = await page.textContent('#profile-email');
    if (shown !== email) throw new Error(`profile shows ${shown}, expected ${email}`);

    // A second device signs in (straight to the gateway, as another client would): the list shows both, and
    // "Sign out" on the other row ends it.
    const second = await fetch(`${gateway}/api/auth/login`, { method: 'POST',
      headers: { 'Content-Type': 'application/json', 'User-Agent': 'Second device' },
      body: JSON.stringify({ email, password }) });
    if (second.status !== 200) throw new Error(`second login answered ${second.status}`);
    const secondToken = (await second.json()).accessToken;
    await page.click('#sessions-reload');
    await page.waitForFunction(() => document.querySelectorAll('#session-rows tr').length === 2);
    await page.screenshot({ path: join(out, 'browser-flow.png'), fullPage: true });
    await page.click('#session-rows tr[data-current=false] button.end-session');
    await page.waitForFunction(() => document.querySelector('#status').textContent === 'Session ended.'
      && document.querySelectorAll('#session-rows tr').length === 1);
    await expectRefusedWithin2s(secondToken);

    const newPassword = `Beacon-${randomUUID().slice(0, 8)}-Tide!4`;
    await page.fill('#password-form input[name=currentPassword]', password);
    await page.fill('#password-form input[name=newPassword]', newPassword);
    await page.click('#password-form button');
    await page.waitForFunction(() => document.querySelector('#status').textContent.startsWith('Password changed'));

    // An email change: confirmed from the new mailbox, then undone from the old one, as its owner would undo a
    // takeover. The undo ends every session and the next login needs a reset, mailed to the old address.
    const movedTo = `moved-${randomUUID()}@palisade.test`;
    await page.fill('#email-form input[name=newEmail]', movedTo);
    await page.fill('#email-form input[name=currentPassword]', newPassword);
    await page.click('#email-form button');
    await statusStartsWith('Check the new mailbox');
    await page.goto(await mailedLink(movedTo, '/confirm-email'));
    await page.click('#confirm');
    await statusStartsWith('Your email address is changed');
    await page.goto(await mailedLink(email, '/revert-email'));
    await page.click('#revert');
    await statusStartsWith('Your address is back');
    await page.screenshot({ path: join(out, 'browser-flow-revert.png'), fullPage: true });
    await logIn(email, newPassword);
    await statusStartsWith('Login failed: 403');
    await page.goto(await mailedLink(email, '/reset-password'));
    const afterRevert = `Compass-${randomUUID().slice(0, 8)}-Dune!5`;
    await page.fill('#reset-form input[name=newPassword]', afterRevert);
    await page.click('#reset-form button');
    await statusStartsWith('Your password is changed');
    await logIn(email, afterRevert);
    await page.waitForFunction(() => document.querySelector('#status').textContent === 'Logged in.');

    // Two-step sign-in: enrol with the QR code's secret, see the recovery codes once, then log in with a code.
    await page.fill('#mfa-start-form input[name=password]', afterRevert);
    await page.click('#mfa-start');
    await page.waitForFunction(() => document.querySelector('#mfa-secret').textContent.length === 32);
    const secret = await page.textContent('#mfa-secret');
    if (!(await page.getAttribute('#mfa-qr', 'src')).startsWith('data:image/png;base64,')) throw new Error('no QR code shown');
    await page.fill('#mfa-confirm-form input[name=code]', totp(secret));
    await page.click('#mfa-confirm-form button');
    await page.waitForFunction(() => document.querySelector('#status').textContent === 'Two-step sign-in is on.');
    const recoveryCodes = await page.locator('#mfa-code-list li').count();
    if (recoveryCodes !== 10) throw new Error(`${recoveryCodes} recovery codes shown, expected 10`);
    const recoveryCode = await page.locator('#mfa-code-list li').first().textContent();
    await page.screenshot({ path: join(out, 'browser-flow-mfa.png'), fullPage: true });

    await page.click('#logout');
    await page.waitForFunction(() => document.querySelector('#status').textContent === 'Logged out.');
    await page.fill('#login-form input[name=email]', email);
    await page.fill('#login-form input[name=password]', afterRevert);
    await page.click('#login-form button');
    await page.waitForFunction(() => document.querySelector('#status').textContent.startsWith('Enter the code'));
    // The confirmation spent the current step; the next one is still accepted (one step of skew).
    await page.fill('#mfa-step-form input[name=code]', totp(secret, 1));
    await page.click('#mfa-step-form button');
    await page.waitForFunction(() => document.querySelector('#status').textContent === 'Logged in.');
    await page.click('#logout-everywhere');
    await page.waitForFunction(() => document.querySelector('#status').textContent === 'Signed out everywhere.');

    // Forgot password: the mail lands in the catcher; its link opens the frontend's reset page.
    await page.fill('#forgot-form input[name=email]', email);
    await page.click('#forgot-form button');
    await page.waitForFunction(() => document.querySelector('#status').textContent.startsWith('If an account uses'));
    await page.goto(await mailedLink(email, '/reset-password'));
    const resetPassword = `Lighthouse-${randomUUID().slice(0, 8)}-Reef!3`;
    await page.fill('#reset-form input[name=newPassword]', resetPassword);
    await page.click('#reset-form button');
    await page.waitForFunction(() => document.querySelector('#status').textContent.startsWith('Your password is changed'));
    await page.screenshot({ path: join(out, 'browser-flow-reset.png'), fullPage: true });

    await page.goto(`http://${originHost}:${originPort}/?api=${encodeURIComponent(gateway)}`);
    await page.fill('#login-form input[name=email]', email);
    await page.fill('#login-form input[name=password]', resetPassword);
    await page.click('#login-form button');
    await page.waitForFunction(() => document.querySelector('#status').textContent.startsWith('Enter the code'));
    await page.fill('#mfa-step-form input[name=recoveryCode]', recoveryCode);
    await page.click('#mfa-step-form button');
    await page.waitForFunction(() => document.querySelector('#status').textContent === 'Logged in.');
    console.log(JSON.stringify({ result: 'ok', email }));
  }
} catch (error) {
  failure = error;
  console.error(`browser flow (${tag}) failed: ${error.message}; status line: ${await status.textContent().catch(() => '?')}`);
  await page.screenshot({ path: join(out, `browser-flow-${tag}-failure.png`), fullPage: true }).catch(() => {});
} finally {
  if (expectRefused) await page.screenshot({ path: join(out, 'browser-flow-refused.png'), fullPage: true }).catch(() => {});
  await browser.close();
  server.close();
}
process.exit(failure ? 1 : 0);
