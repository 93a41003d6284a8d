import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isOemkitError } from '@oemkit/schema/errors';
import { afterEach, describe, expect, it } from 'vitest';
import { toNodeHandler } from '../../src/node.js';

let running: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (running ? running.close(() => resolve()) : resolve())));

async function serve(listener: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ host: string; port: number }> {
  running = createServer(listener);
  await new Promise<void>((resolve) => running!.listen(0, '127.0.0.1', resolve));
  return { host: '127.0.0.1', port: (running.address() as AddressInfo).port };
}

/** Sends `path` exactly as written (fetch and URL would normalise it), and resolves with the answer's body. */
function send(target: { host: string; port: number }, path: string, method = 'POST', body?: string, headers?: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ ...target, path, method, agent: false, ...(headers ? { headers, setHost: false } : {}) }, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk)).on('end', () => resolve(text));
    });
    outgoing.on('error', reject).end(body);
  });
}

/** What Fastify's JSON parser leaves before the route runs: the stream read to its end, and no `req.body`. */
function readFirst(listener: (req: IncomingMessage, res: ServerResponse) => void) {
  return (req: IncomingMessage, res: ServerResponse) => {
    req.on('end', () => listener(req, res)).resume();
  };
}

describe('toNodeHandler request URLs', () => {
  it('keeps a path that starts with // as the path, not as a host name', async () => {
    const target = await serve(toNodeHandler(async (incoming) => new Response(new URL(incoming.url).pathname)));
    expect(await send(target, '//auth/proxy/m2m/token')).toBe('//auth/proxy/m2m/token');
  });

  // Express routed `/public`; a Web router behind toNodeHandler must not see `/admin`, else a
  // guard Express mounts on `/admin` is passed by anyone who writes the Host header.
  for (const host of ['x/admin?', 'x/admin#', 'x\\admin', 'user@x', '', 'a b']) {
    it(`keeps the path Node routed when the Host header is not a host (${JSON.stringify(host)})`, async () => {
      const target = await serve(toNodeHandler(async (incoming) => new Response(`${new URL(incoming.url).pathname} ${new URL(incoming.url).search}`)));
      expect(await send(target, '/public?q=1', 'GET', undefined, { host })).toBe('/public ?q=1');
    });
  }

  it('keeps the Host header as the URL’s host and the query as it came', async () => {
    const target = await serve(toNodeHandler(async (incoming) => new Response(incoming.url)));
    expect(await send(target, '/api/ticket?x=1&y=%2F')).toBe(`http://${target.host}:${target.port}/api/ticket?x=1&y=%2F`);
  });
});

describe('toNodeHandler with a body the framework did not read', () => {
  // Express 4's body parsers set `req.body = {}` first, then leave a body of another content type
  // (text/plain to express.json()) unread in the stream.
  it('reads the body from the stream when req.body is only a parser’s placeholder', async () => {
    const handler = toNodeHandler(async (incoming) => new Response(await incoming.text()));
    const target = await serve((req, res) => {
      (req as IncomingMessage & { body?: unknown }).body = {};
      handler(req, res);
    });
    expect(await send(target, '/api/ticket', 'POST', 'team=sales', { 'content-type': 'text/plain', host: `${target.host}:${target.port}` })).toBe('team=sales');
  });
});

describe('toNodeHandler with a body the framework already read', () => {
  it('still runs a handler that does not read the body, as the ticket and guest-token handlers do not', async () => {
    const target = await serve(readFirst(toNodeHandler(async (incoming) => new Response(`${incoming.method} answered`))));
    expect(await send(target, '/api/ticket', 'POST', '{"team":"sales"}')).toBe('POST answered');
  });

  it('fails a read of the body with a typed error that says how to keep it, never an empty body', async () => {
    let failure: unknown;
    const target = await serve(
      readFirst(
        toNodeHandler(async (incoming) => {
          try {
            await incoming.text();
          } catch (error) {
            failure = error;
          }
          return new Response('done');
        }),
      ),
    );
    expect(await send(target, '/api/ticket', 'POST', '{"team":"sales"}')).toBe('done');
    expect(isOemkitError(failure, 'UNSUPPORTED_ENVIRONMENT')).toBe(true);
    expect((failure as Error).message).toMatch(/already read.*req\.body.*reply\.hijack\(\)/s);
  });
});
