// The pages a mailed link opens. The token is in the URL's fragment, which the browser never sends to any
// server (no log, no Referer); the page posts it only when the user acts.
'use strict';

const gateway = new URLSearchParams(location.search).get('api') || 'http://localhost:8080';
const token = new URLSearchParams(location.hash.slice(1)).get('token');

async function postToken(path, extra, success) {
  const status = document.getElementById('status');
  if (!token) {
    status.textContent = 'This link has no token. Open the newest link from the mail.';
    status.className = 'error';
    return;
  }
  const response = await fetch(gateway + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(Object.assign({ token }, extra)),
  });
  if (response.ok) {
    status.textContent = success;
    status.className = '';
    history.replaceState(null, '', location.pathname + location.search);
  } else {
    const problem = await response.json().catch(() => ({}));
    status.textContent = 'That did not work: ' + (problem.detail || response.statusText);
    status.className = 'error';
  }
}
