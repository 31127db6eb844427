// A deliberately plain frontend of the Palisade contract: no build step, no framework. Token handling is the
// browser client's (clients/browser, served as /palisade-client.js): the access token in memory only, the refresh
// token an HttpOnly cookie the page never sees, one refresh for all tabs, a session recovered after a reload.
import { createClient, PalisadeError } from './palisade-client.js';

const gateway = new URLSearchParams(location.search).get('api') || 'http://localhost:8080';
const client = createClient({ baseUrl: gateway });

const $ = (id) => document.getElementById(id);
$('gateway').textContent = gateway;

function show(message, isError) {
  $('status').textContent = message;
  $('status').className = isError ? 'error' : '';
}

function describe(error) {
  if (!(error instanceof PalisadeError)) return error.message;
  return error.status + ': ' + error.detail + (error.requestId ? ' (request ' + error.requestId + ')' : '');
}

async function call(path, options = {}) {
  const init = { method: options.method || 'GET', headers: {} };
  if (options.json !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.json);
  }
  const response = await client.fetch(path, init);
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await response.json() : null;
  if (!response.ok) {
    throw new PalisadeError(response.status, body || {}, response.headers.get('X-Request-Id'));
  }
  return body;
}

async function loadProfile() {
  const profile = await call('/api/users/me');
  $('profile-name').textContent = profile.displayName;
  $('profile-email').textContent = profile.email;
  $('profile-created').textContent = new Date(profile.createdAt).toUTCString();
  $('profile').hidden = false;
  $('password').hidden = false;
  $('email').hidden = false;
  await loadSessions();
  await loadSecondFactor();
}

async function loadSecondFactor() {
  const status = await call('/api/auth/mfa');
  $('mfa-state').textContent = status.totp
    ? 'On: ' + status.recoveryCodesLeft + ' recovery codes left.'
    : 'Off: your password alone signs you in.';
  $('mfa-start-form').hidden = status.totp;
  $('mfa').hidden = false;
}

let mfaToken = null;

// Every value is set as text, never as HTML: a User-Agent is whatever the client sent.
async function loadSessions() {
  const list = await call('/api/auth/sessions');
  const rows = $('session-rows');
  rows.replaceChildren();
  for (const session of list.items) {
    const row = document.createElement('tr');
    row.dataset.id = session.id;
    row.dataset.current = String(session.current);
    for (const text of [(session.userAgent || 'unknown device') + (session.current ? ' (this one)' : ''),
      session.ipPrefix || '', new Date(session.lastUsedAt).toUTCString()]) {
      const cell = document.createElement('td');
      cell.textContent = text;
      row.append(cell);
    }
    const action = document.createElement('td');
    const button = document.createElement('button');
    button.textContent = 'Sign out';
    button.className = 'end-session';
    button.addEventListener('click', () => endSession(session));
    action.append(button);
    row.append(action);
    rows.append(row);
  }
  $('sessions').hidden = false;
}

function signedOut(message) {
  for (const id of ['profile', 'sessions', 'password', 'email', 'mfa', 'mfa-enrol', 'mfa-codes']) $(id).hidden = true;
  show(message);
}

async function endSession(session) {
  try {
    await call('/api/auth/sessions/' + encodeURIComponent(session.id), { method: 'DELETE' });
    if (session.current) {
      signedOut('Signed out.');
    } else {
      await loadSessions();
      show('Session ended.');
    }
  } catch (error) {
    show('Ending the session failed: ' + describe(error), true);
  }
}

function formData(form) {
  return Object.fromEntries(new FormData(form).entries());
}

$('signup-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const created = await client.register(formData(event.target));
    show('Signed up as ' + created.email + '. Now log in.');
  } catch (error) {
    show('Sign-up failed: ' + describe(error), true);
  }
});

$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const typed = formData(event.target);
    const result = await client.login(typed.email, typed.password);
    if (!result.signedIn) {
      mfaToken = result.mfaToken;
      $('mfa-step').hidden = false;
      show('Enter the code from your authenticator app.');
      return;
    }
    await loadProfile();
    show('Logged in.');
  } catch (error) {
    show('Login failed: ' + describe(error), true);
  }
});

$('forgot-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const answer = await call('/api/auth/password-reset', { method: 'POST', json: formData(event.target) });
    show(answer.message);
  } catch (error) {
    show('The request failed: ' + describe(error), true);
  }
});

$('mfa-step-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const typed = formData(event.target);
  const proof = typed.code ? { code: typed.code } : { recoveryCode: typed.recoveryCode };
  try {
    await client.loginMfa(mfaToken, proof);
    mfaToken = null;
    event.target.reset();
    $('mfa-step').hidden = true;
    await loadProfile();
    show('Logged in.');
  } catch (error) {
    show('Second step failed: ' + describe(error), true);
  }
});

$('mfa-start-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    // The current password: a stolen access token alone cannot put a second factor on the account.
    const enrolment = await call('/api/auth/mfa/totp', { method: 'POST', json: formData(event.target) });
    event.target.reset();
    $('mfa-qr').src = enrolment.qrCode;
    $('mfa-secret').textContent = enrolment.secret;
    $('mfa-enrol').hidden = false;
    show('Scan the code, then enter the code the app shows.');
  } catch (error) {
    show('Setting up failed: ' + describe(error), true);
  }
});

$('mfa-confirm-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const confirmed = await call('/api/auth/mfa/totp/confirm', { method: 'POST', json: formData(event.target) });
    event.target.reset();
    $('mfa-enrol').hidden = true;
    const list = $('mfa-code-list');
    list.replaceChildren(...confirmed.recoveryCodes.map((code) => {
      const item = document.createElement('li');
      item.textContent = code;
      return item;
    }));
    $('mfa-codes').hidden = false;
    await loadSecondFactor();
    show('Two-step sign-in is on.');
  } catch (error) {
    show('Turning it on failed: ' + describe(error), true);
  }
});

$('logout').addEventListener('click', async () => {
  try {
    await client.logout();
    signedOut('Logged out.');
  } catch (error) {
    show('Logout failed: ' + describe(error), true);
  }
});

$('sessions-reload').addEventListener('click', async () => {
  try {
    await loadSessions();
    show('Sessions loaded.');
  } catch (error) {
    show('Loading the sessions failed: ' + describe(error), true);
  }
});

$('logout-everywhere').addEventListener('click', async () => {
  try {
    await client.logoutEverywhere();
    signedOut('Signed out everywhere.');
  } catch (error) {
    show('Signing out everywhere failed: ' + describe(error), true);
  }
});

$('password-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    await call('/api/auth/password', { method: 'POST', json: formData(event.target) });
    event.target.reset();
    await loadSessions();
    show('Password changed; your other sessions were signed out.');
  } catch (error) {
    show('Changing the password failed: ' + describe(error), true);
  }
});

$('email-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const request = formData(event.target);
    if (!request.code) delete request.code;
    await call('/api/auth/email', { method: 'POST', json: request });
    event.target.reset();
    show('Check the new mailbox: the change happens when you open the link we sent there.');
  } catch (error) {
    show('Changing the email failed: ' + describe(error), true);
  }
});

// Another tab signed out, or the session ended: this tab shows it at once.
client.on('signed-out', () => signedOut('Signed out.'));
client.on('rate-limited', ({ retryAfterSeconds }) =>
  show('Too many requests: try again in ' + (retryAfterSeconds ?? 'a few') + ' seconds.', true));

// After a reload the session comes back from the refresh cookie, without a new login.
client.fetch('/api/users/me').then((answer) => answer.ok && loadProfile()).catch(() => {});
