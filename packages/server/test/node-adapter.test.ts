import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { toNodeHandler } from '../src/node.js';

let running: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (running ? running.close(() => resolve()) : resolve())));

async function serve(listener: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  running = createServer(listener);
  await new Promise<void>((resolve) => running!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(running.address() as AddressInfo).port}`;
}

describe('toNodeHandler', () => {
  it('hands the method, URL, headers and streamed body to the Web handler and writes its answer back', async () => {
    const url = await serve(
      toNodeHandler(async (request) => {
        const body = await request.text();
        return new Response(JSON.stringify({ method: request.method, path: new URL(request.url).pathname, cookie: request.headers.get('cookie'), body }), {
          status: 201,
          headers: [['content-type', 'application/json'], ['set-cookie', 'a=1'], ['set-cookie', 'b=2']],
        });
      }),
    );
    const response = await fetch(`${url}/api/ticket?x=1`, { method: 'POST', headers: { cookie: 'host_session=9' }, body: 'hello' });
    expect(response.status).toBe(201);
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(await response.json()).toEqual({ method: 'POST', path: '/api/ticket', cookie: 'host_session=9', body: 'hello' });
  });

  it('uses a body Express already parsed', async () => {
    const handler = toNodeHandler(async (request) => new Response(await request.text()));
    const url = await serve((req, res) => {
      (req as IncomingMessage & { body?: unknown }).body = { parsed: true };
      req.resume();
      handler(req, res);
    });
    expect(await (await fetch(url, { method: 'POST', body: 'ignored' })).text()).toBe('{"parsed":true}');
  });

  it('passes a failure to next when Express gives one', async () => {
    const failures: unknown[] = [];
    const handler = toNodeHandler(async () => {
      throw new Error('handler broke');
    });
    const url = await serve((req, res) => handler(req, res, (error) => (failures.push(error), res.writeHead(418).end())));
    expect((await fetch(url, { method: 'POST' })).status).toBe(418);
    expect(failures).toEqual([new Error('handler broke')]);
  });

  it('answers a bare 500 without next', async () => {
    const url = await serve(
      toNodeHandler(async () => {
        throw new Error('handler broke');
      }),
    );
    const response = await fetch(url, { method: 'POST' });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: 'internal_error' });
  });

  it('aborts the request signal when the client goes away', async () => {
    let aborted: Promise<boolean> | undefined;
    const url = await serve(
      toNodeHandler(
        (request) =>
          new Promise<Response>((resolve) => {
            aborted = new Promise((done) => request.signal.addEventListener('abort', () => (done(true), resolve(new Response('late')))));
          }),
      ),
    );
    const controller = new AbortController();
    const pending = fetch(url, { method: 'POST', signal: controller.signal }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    await pending;
    expect(await aborted).toBe(true);
  });
});
