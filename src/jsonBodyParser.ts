import type { Next, Request, Response } from 'restify';

/** Options of {@link jsonBodyParser}. */
export interface JsonBodyParserOptions {
  /** The one limit for every route: a body past it gets 413 (its bytes are never kept). */
  maxBodyBytes: number;
}

/** `application/json` and the `+json` types (e.g. `application/activity+json`), UTF-8 only. */
const JSON_TYPE = /^application\/(?:[a-z0-9.+-]*\+)?json$/;

/** Past this many bytes a too-large body is not even drained: the connection is closed. */
const DRAIN_FACTOR = 8;

/**
 * Reads every request body as JSON, in memory, within one limit; nothing else is parsed.
 *
 * @remarks
 * Replaces restify's `bodyParser()`, whose multipart reader (formidable) wrote uploads to
 * `$TMPDIR/upload_*` on every route, past the size limit and without ever deleting them (issue
 * 20), and whose urlencoded reader let a cross-site form log in. Here a body that is not JSON
 * gets 415, a compressed one 415 (no decompression bombs), one over the limit 413, and invalid
 * JSON 400 without the parser's message. A request without a body leaves `req.body` undefined.
 * `req.rawBody` keeps the exact bytes for routes that check a signature over them.
 */
export function jsonBodyParser(options: JsonBodyParserOptions) {
  const { maxBodyBytes } = options;
  return (req: Request, res: Response, next: Next): void => {
    if (!hasBody(req)) return next();
    const type = (req.headers['content-type'] ?? '').split(';');
    const mediaType = (type[0] ?? '').trim().toLowerCase();
    const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(type.slice(1).join(';'))?.[1]?.toLowerCase();
    const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
    if (!JSON_TYPE.test(mediaType) || (charset && charset !== 'utf-8' && charset !== 'utf8') || encoding !== 'identity') {
      return refuse(req, res, next, 415, 'only application/json bodies are accepted', maxBodyBytes);
    }
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > maxBodyBytes) {
      return refuse(req, res, next, 413, 'request body too large', maxBodyBytes);
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let finished = false;
    const finish = (fn: () => void): void => {
      if (finished) return;
      finished = true;
      fn();
    };
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBodyBytes) {
        chunks.length = 0;
        req.removeAllListeners('data');
        finish(() => refuse(req, res, next, 413, 'request body too large', maxBodyBytes));
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () =>
      finish(() => {
        const raw = Buffer.concat(chunks);
        (req as Request & { rawBody?: Buffer }).rawBody = raw;
        if (raw.length === 0) return next();
        try {
          req.body = JSON.parse(raw.toString('utf8')) as unknown;
        } catch {
          res.send(400, { error: 'invalid JSON' });
          return next(false);
        }
        next();
      }),
    );
    req.once('error', () => finish(() => res.destroy()));
  };
}

function hasBody(req: Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = req.headers['content-length'];
  return length !== undefined && length !== '0';
}

/**
 * Throws the rest of the body away unread, then answers. A client that goes on sending past a
 * bound has its connection closed instead, so a huge upload costs neither memory nor disk.
 */
function refuse(req: Request, res: Response, next: Next, status: 413 | 415, error: string, maxBodyBytes: number): void {
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_FACTOR * maxBodyBytes) req.socket.destroy();
  });
  const answer = (): void => {
    res.header('Connection', 'close');
    res.send(status, { error });
    next(false);
  };
  if (req.readableEnded) answer();
  else {
    req.once('end', answer);
    // Cut off past the bound: 'close' comes instead of 'end', and nobody is left to answer.
    req.once('close', () => !res.headersSent && next(false));
  }
  req.resume();
}
