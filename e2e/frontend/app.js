// A deliberately plain client of the Palisade contract: no build step, no framework.
// The access token lives in memory only; the refresh token is an HttpOnly cookie the page never sees;
// the CSRF value comes from the login body (or GET /api/auth/csrf after a reload).
'use strict';

const gateway = new URLSearchParams(location.search).get('api') || 'http://localhost:8080';
let accessToken = null;
let csrfToken = null;

const $ = (id) => document.getElementById(id);
$('gateway').textContent = gateway;

function show(message, isError) {
  $('status').textContent = message;
  $('status').className = isError ? 'error' : '';
}

async function call(path, options = {}) {
  const headers = Object.assign({}, options.headers);
  if (accessToken) headers['Authorization'] = 'Bearer ' + accessToken;
  if (options.json !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(gateway + path, {
    method: options.method || 'GET',
    credentials: 'include',
    headers,
    body: options.json !== undefined ? JSON.stringify(options.json) : undefined,
  });
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await response.json() : null;
  if (!response.ok) {
    const detail = body && body.detail ? body.detail : response.statusText;
    throw new Error(response.status + ': ' + detail + (body && body.requestId ? ' (request ' + body.requestId + ')' : ''));
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
  accessToken = null;
  csrfToken = null;
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
    show('Ending the session failed: ' + error.message, true);
  }
}

function formData(form) {
  return Object.fromEntries(new FormData(form).entries());
}

$('signup-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const created = await call('/api/auth/register', { method: 'POST', json: formData(event.target) });
    show('Signed up as ' + created.email + '. Now log in.');
  } catch (error) {
    show('Sign-up failed: ' + error.message, true);
  }
});

$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const session = await call('/api/auth/login', { method: 'POST', json: formData(event.target) });
    if (session.mfaRequired) {
      mfaToken = session.mfaToken;
      $('mfa-step').hidden = false;
      show('Enter the code from your authenticator app.');
      return;
    }
    accessToken = session.accessToken;
    csrfToken = session.csrfToken;
    await loadProfile();
    show('Logged in.');
  } catch (error) {
    show('Login failed: ' + error.message, true);
  }
});

$('forgot-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const answer = await call('/api/auth/password-reset', { method: 'POST', json: formData(event.target) });
    show(answer.message);
  } catch (error) {
    show('The request failed: ' + error.message, true);
  }
});

$('mfa-step-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const typed = formData(event.target);
  const body = typed.code ? { mfaToken, code: typed.code } : { mfaToken, recoveryCode: typed.recoveryCode };
  try {
    const session = await call('/api/auth/login/mfa', { method: 'POST', json: body });
    mfaToken = null;
    event.target.reset();
    $('mfa-step').hidden = true;
    accessToken = session.accessToken;
    csrfToken = session.csrfToken;
    await loadProfile();
    show('Logged in.');
  } catch (error) {
    show('Second step failed: ' + error.message, true);
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
    show('Setting up failed: ' + error.message, true);
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
    show('Turning it on failed: ' + error.message, true);
  }
});

$('refresh').addEventListener('click', async () => {
  try {
    const session = await call('/api/auth/refresh', { method: 'POST', headers: { 'X-CSRF-Token': csrfToken } });
    const changed = session.accessToken !== accessToken;
    accessToken = session.accessToken;
    await loadProfile();
    show(changed ? 'Session refreshed: new access token.' : 'Session refreshed.');
  } catch (error) {
    show('Refresh failed: ' + error.message, true);
  }
});

$('logout').addEventListener('click', async () => {
  try {
    await call('/api/auth/logout', { method: 'POST', headers: { 'X-CSRF-Token': csrfToken } });
    signedOut('Logged out.');
  } catch (error) {
    show('Logout failed: ' + error.message, true);
  }
});

$('sessions-reload').addEventListener('click', async () => {
  try {
    await loadSessions();
    show('Sessions loaded.');
  } catch (error) {
    show('Loading the sessions failed: ' + error.message, true);
  }
});

$('logout-everywhere').addEventListener('click', async () => {
  try {
    await call('/api/auth/sessions', { method: 'DELETE' });
    signedOut('Signed out everywhere.');
  } catch (error) {
    show('Signing out everywhere failed: ' + error.message, true);
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
    show('Changing the password failed: ' + error.message, true);
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
    show('Changing the email failed: ' + error.message, true);
  }
});
