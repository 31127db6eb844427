import { randomUUID } from 'node:crypto';
import express from 'express';
import { InvalidToken } from './tokens.mjs';
import { Notes, NotesFull } from './notes.mjs';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const MAX_TEXT = 500;

/** A problem+json answer (RFC 9457) in the shape every Palisade service gives. */
class Problem extends Error {
  constructor(status, slug, title, detail, headers = {}) {
    super(detail);
    Object.assign(this, { status, slug, title, headers });
  }
}

const malformed = (detail) => new Problem(400, 'malformed-request', 'Malformed request', detail);
const notFound = () => new Problem(404, 'not-found', 'Not found', 'No such note.');

/**
 * The caller's notes. Every request under /api/notes needs a valid user token, verified here whatever the
 * gateway checked: a request that reaches the service another way gets no further. A note is its owner's (the
 * token's `sub`) and an admin's; anyone else gets the 404 of an id that was never issued.
 *
 * `verify` turns a bearer token into `{ id, admin }` or throws `InvalidToken` (see tokens.mjs).
 */
export function notesApp({ verify, notes = new Notes() }) {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('trust proxy', false);

  app.use((req, res, next) => {
    const given = req.get('X-Request-Id');
    res.locals.requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
    res.set({ 'X-Request-Id': res.locals.requestId, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' });
    next();
  });

  app.get('/healthz', (req, res) => res.json({ status: 'UP' }));

  app.use('/api/notes', caller(verify));
  // Strict JSON, read as text first so that nothing but this one parse decides what the body says: 10 KiB at
  // most with or without Content-Length, UTF-8, only when the request says application/json.
  const json = [requireJson, express.text({ limit: '10kb', type: () => true, defaultCharset: 'utf-8' }), jsonObject];

  app.route('/api/notes')
    .get((req, res) => res.json(notes.of(res.locals.caller.id)))
    .post(json, (req, res) => {
      const note = notes.add(res.locals.caller.id, newNote(req.body));
      res.status(201).location(`/api/notes/${note.id}`).json(note);
    })
    .all(methodNotAllowed('GET, HEAD, POST'));

  app.route('/api/notes/all')
    .get((req, res) => {
      if (!res.locals.caller.admin) {
        throw new Problem(403, 'forbidden', 'Forbidden', 'Only an admin lists every note.');
      }
      res.json(notes.all());
    })
    .all(methodNotAllowed('GET, HEAD'));

  app.route('/api/notes/:id')
    .get((req, res) => res.json(notes.find(res.locals.caller, noteId(req)) ?? raise(notFound())))
    .delete((req, res) => {
      if (!notes.remove(res.locals.caller, noteId(req))) {
        throw notFound();
      }
      res.status(204).end();
    })
    .all(methodNotAllowed('GET, HEAD, DELETE'));

  app.use(() => raise(new Problem(404, 'not-found', 'Not found', 'No such resource.')));
  app.use(problems);
  return app;
}

function caller(verify) {
  return async (req, res, next) => {
    const header = req.get('Authorization');
    const match = header && /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i.exec(header);
    if (!match) {
      return next(new Problem(401, 'unauthenticated', 'Authentication required', 'A bearer access token is required.',
        { 'WWW-Authenticate': header ? 'Bearer error="invalid_token"' : 'Bearer' }));
    }
    try {
      res.locals.caller = await verify(match[1]);
      next();
    } catch (error) {
      next(error instanceof InvalidToken
        ? new Problem(401, 'unauthenticated', 'Authentication required', 'The access token is not valid.',
          { 'WWW-Authenticate': 'Bearer error="invalid_token"' })
        : new Problem(503, 'service-unavailable', 'Service unavailable', 'Tokens cannot be verified right now.',
          { 'Retry-After': '5' }));
    }
  };
}

function requireJson(req, res, next) {
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(req.get('Content-Type') ?? '')?.[1];
  next(req.is('application/json') && (charset === undefined || /^utf-8$/i.test(charset)) ? undefined
    : new Problem(415, 'unsupported-media-type', 'Unsupported media type', 'The body must be application/json in UTF-8.'));
}

function jsonObject(req, res, next) {
  let body;
  try {
    body = JSON.parse(req.body);
  } catch {
    return next(malformed('The body is not JSON.'));
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return next(malformed('The body must be a JSON object.'));
  }
  if (hasDuplicateKey(req.body)) {
    return next(malformed('A JSON field appears twice.'));
  }
  req.body = body;
  next();
}

/**
 * Whether an object in `text` (JSON that JSON.parse took) names a field twice. JSON.parse keeps the last of two,
 * another reader may keep the first: refusing both spellings keeps every reader of this body in agreement.
 */
function hasDuplicateKey(text) {
  const open = []; // per open container: the keys seen so far, or null for an array
  let keyNext = false; // whether a string here would be a field name, if the container is an object
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') {
        end += text[end] === '\\' ? 2 : 1;
      }
      const keys = open.at(-1);
      if (keyNext && keys) {
        const key = JSON.parse(text.slice(i, end + 1));
        if (keys.has(key)) {
          return true;
        }
        keys.add(key);
      }
      keyNext = false;
      i = end;
    } else if (c === '{' || c === '[') {
      open.push(c === '{' ? new Set() : null);
      keyNext = true;
    } else if (c === '}' || c === ']') {
      open.pop();
    } else if (c === ',') {
      keyNext = true;
    }
  }
  return false;
}

function newNote(body) {
  const unknown = Object.keys(body).find((key) => key !== 'text');
  if (unknown !== undefined) {
    throw malformed(`Unknown field: ${unknown.slice(0, 40)}.`);
  }
  if (typeof body.text !== 'string' || body.text.trim() === '' || [...body.text].length > MAX_TEXT) {
    throw new Problem(400, 'validation', 'Validation failed', `text must be 1 to ${MAX_TEXT} characters.`);
  }
  return body.text;
}

function noteId(req) {
  if (!UUID.test(req.params.id)) {
    throw malformed('id must be a UUID.');
  }
  return req.params.id.toLowerCase();
}

function methodNotAllowed(allow) {
  return () => raise(new Problem(405, 'method-not-allowed', 'Method not allowed', 'This route does not take that method.',
    { Allow: allow }));
}

function raise(problem) {
  throw problem;
}

// Express's and body-parser's own errors become problems; anything else is a 500 that names nothing.
function problems(error, req, res, next) {
  if (res.headersSent) {
    return next(error);
  }
  const problem = error instanceof Problem ? error : fromFramework(error);
  if (problem.slug === 'internal') {
    console.error(JSON.stringify({ level: 'ERROR', requestId: res.locals.requestId, message: String(error?.stack ?? error) }));
  }
  res.status(problem.status).set(problem.headers).type('application/problem+json').send(JSON.stringify({
    type: `urn:palisade:problem:${problem.slug}`,
    title: problem.title,
    status: problem.status,
    detail: problem.message,
    instance: req.path.slice(0, 200),
    requestId: res.locals.requestId,
  }));
}

function fromFramework(error) {
  if (error instanceof NotesFull) {
    return error.ownersShare
      ? new Problem(409, 'conflict', 'Conflict', 'You hold the most notes one owner may; delete one first.')
      : new Problem(503, 'service-unavailable', 'Service unavailable', 'This example holds no more notes.', { 'Retry-After': '60' });
  }
  switch (error?.type) {
    case 'entity.too.large':
      return new Problem(413, 'payload-too-large', 'Payload too large', 'The body is larger than 10 KiB.');
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new Problem(415, 'unsupported-media-type', 'Unsupported media type', 'The body must be UTF-8 JSON.');
    case 'request.aborted':
    case 'request.size.invalid':
      return malformed('The body ended early.');
    default:
      return new Problem(500, 'internal', 'Internal server error', 'Something went wrong on our side.');
  }
}
