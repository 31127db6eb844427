// Serves the demo frontend as a static site on loopback: the page, its script and styles, the browser client it
// imports (/palisade-client.js, built in clients/browser), and the pages mailed links open (/verify-email,
// /reset-password, /confirm-email, /revert-email). Nothing else is served.
// Usage: node serve.mjs [port]   (run-local.sh starts it on 5173; the browser flow imports frontendServer)
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, extname, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };
// The browser client the page imports is the package the build just made (clients/browser).
const client = join(root, '../../clients/browser/dist/index.js');
const pages = { '/': 'index.html', '/verify-email': 'verify-email.html', '/reset-password': 'reset-password.html',
  '/confirm-email': 'confirm-email.html', '/revert-email': 'revert-email.html' };

export function frontendServer() {
  return createServer(async (request, response) => {
    const path = new URL(request.url, 'http://x').pathname;
    if (path === '/palisade-client.js') {
      try {
        response.writeHead(200, { 'Content-Type': types['.js'] }).end(await readFile(client));
      } catch {
        response.writeHead(404).end();
      }
      return;
    }
    const file = pages[path] || path.slice(1);
    if (!/^[a-z-]+\.(html|js|css)$/.test(file)) {
      response.writeHead(404).end();
      return;
    }
    try {
      response.writeHead(200, { 'Content-Type': types[extname(file)] }).end(await readFile(join(root, file)));
    } catch {
      response.writeHead(404).end();
    }
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] || 5173);
  frontendServer().listen(port, '127.0.0.1', () => console.log(`demo frontend on http://localhost:${port}`));
}
