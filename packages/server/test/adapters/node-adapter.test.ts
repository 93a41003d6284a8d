import { request, type IncomingMessage } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { toNodeHandler } from '../../src/node.js';
import { closeServerAfterEach, closeServerNow, serve } from '../support/node-server.js';

closeServerAfterEach();

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

  it('hands a POST without a body (as the browser sends for a ticket) no body at all', async () => {
    const url = await serve(toNodeHandler(async (request) => new Response(JSON.stringify({ body: request.body, text: await request.text() }))));
    const response = await fetch(url, { method: 'POST' });
    expect(await response.json()).toEqual({ body: null, text: '' });
  });

  it('streams a body sent in chunks without a length', async () => {
    const url = await serve(toNodeHandler(async (request) => new Response(await request.text())));
    const chunks = new ReadableStream({ start: (controller) => (controller.enqueue(new TextEncoder().encode('chunked ')), controller.enqueue(new TextEncoder().encode('body')), controller.close()) });
    const response = await fetch(url, { method: 'POST', body: chunks, duplex: 'half' } as RequestInit);
    expect(await response.text()).toBe('chunked body');
  });

  it('writes an answer whose body is already whole in one piece, with its length', async () => {
    const url = await serve(toNodeHandler(async () => new Response('{"ticketId":"t-1"}', { headers: { 'content-type': 'application/json' } })));
    const response = await fetch(url, { method: 'POST' });
    expect([response.headers.get('content-length'), response.headers.get('transfer-encoding'), await response.text()]).toEqual(['18', null, '{"ticketId":"t-1"}']);
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
    let arrive!: (signal: AbortSignal) => void;
    const arrived = new Promise<AbortSignal>((resolve) => (arrive = resolve));
    const url = await serve(
      toNodeHandler(
        (request) =>
          new Promise<Response>((resolve) => {
            request.signal.addEventListener('abort', () => resolve(new Response('late')));
            arrive(request.signal);
          }),
      ),
    );
    // A client on its own connection (no pool keeping a socket open after it leaves), which goes
    // away once the handler has its request: an event, not a guess at how long that takes.
    const client = request(url, { method: 'POST', agent: false }).on('error', () => undefined);
    client.end();
    const signal = await arrived;
    expect(signal.aborted).toBe(false);
    const aborted = new Promise((resolve) => signal.addEventListener('abort', () => resolve(true)));
    client.destroy();
    expect(await aborted).toBe(true);
  });
});

describe('toNodeHandler with a streamed body', () => {
  /** A body made one 64 KiB chunk per read, for as long as it is read, reporting what it made. */
  function endless() {
    const facts = { made: 0, cancelled: false };
    const body = new ReadableStream<Uint8Array>(
      {
        pull: (controller) => {
          facts.made += 65_536;
          controller.enqueue(new Uint8Array(65_536));
        },
        cancel: () => void (facts.cancelled = true),
      },
      { highWaterMark: 0 },
    );
    return { facts, body };
  }

  it('sends the status and headers before a slow body’s first chunk', async () => {
    const body = new ReadableStream<Uint8Array>({ pull: () => new Promise<void>(() => undefined) }, { highWaterMark: 0 });
    const url = await serve(toNodeHandler(async () => new Response(body, { status: 202, headers: { 'x-early': 'yes' } })));
    const controller = new AbortController();
    const response = await fetch(url, { signal: controller.signal });
    expect([response.status, response.headers.get('x-early')]).toEqual([202, 'yes']);
    controller.abort();
  });

  it('makes the body no faster than the client reads it, and cancels it when the client disconnects', async () => {
    const { facts, body } = endless();
    const url = await serve(toNodeHandler(async () => new Response(body)));
    const controller = new AbortController();
    const response = await fetch(url, { signal: controller.signal });
    await response.body!.getReader().read();
    await new Promise((resolve) => setTimeout(resolve, 100));
    // What the socket buffers hold, not an ever-growing pile in memory.
    expect(facts.made).toBeLessThan(16 * 1024 * 1024);
    controller.abort();
    await vi.waitFor(() => expect(facts.cancelled).toBe(true));
    const made = facts.made;
    // Once the server is closed, with its connections, nothing is left that could read the body.
    await closeServerNow();
    expect(facts.made).toBe(made);
  });

  it('cancels the body of a HEAD answer without reading it', async () => {
    const { facts, body } = endless();
    const url = await serve(toNodeHandler(async () => new Response(body, { headers: { 'x-kind': 'endless' } })));
    const response = await fetch(url, { method: 'HEAD' });
    expect([response.status, response.headers.get('x-kind')]).toEqual([200, 'endless']);
    expect(facts).toEqual({ made: 0, cancelled: true });
  });

  it('closes the connection when the body fails half-way, so the answer cannot look complete', async () => {
    let sent = false;
    const body = new ReadableStream<Uint8Array>({
      pull: (controller) => {
        if (sent) return controller.error(new Error('source broke'));
        sent = true;
        controller.enqueue(new TextEncoder().encode('{"partial":'));
      },
    });
    const url = await serve(toNodeHandler(async () => new Response(body)));
    const response = await fetch(url);
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow(TypeError);
  });
});
