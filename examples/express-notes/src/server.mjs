import { notesApp } from './app.mjs';
import { accessTokens } from './tokens.mjs';

// Every setting from the environment, as in a pod; a missing one stops the service naming it.
function setting(name, fallback) {
  const value = process.env[name] ?? fallback;
  if (value === undefined || value === '') {
    console.error(`${name} is required`);
    process.exit(1);
  }
  return value;
}

const verify = accessTokens({
  jwksUrl: setting('PALISADE_JWT_JWKS_URL'),
  issuer: setting('PALISADE_JWT_ISSUER', 'palisade'),
  audience: setting('PALISADE_JWT_AUDIENCE', 'palisade-api'),
  algorithm: setting('PALISADE_JWT_ALGORITHM', 'RS256'),
});
const port = Number(setting('PORT', '8084'));
const host = setting('HOST', '127.0.0.1');

const server = notesApp({ verify }).listen(port, host, () => {
  console.log(JSON.stringify({ level: 'INFO', message: `notes listening on ${host}:${port}` }));
});
// Slow clients cannot hold sockets open: a request must arrive whole within 10 s.
server.requestTimeout = 10_000;
server.headersTimeout = 5_000;
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
