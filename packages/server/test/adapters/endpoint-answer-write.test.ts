import { describe, expect, it } from 'vitest';
import { answer } from '../../src/handlers/endpoint-answer.js';
import { toNodeHandler } from '../../src/node.js';
import { closeServerAfterEach, serve } from '../support/node-server.js';

closeServerAfterEach();

describe('toNodeHandler with an endpoint answer', () => {
  it('writes the answer whole with its length, leaving its body stream unread', async () => {
    let sent: Response | undefined;
    const url = await serve(toNodeHandler(async () => (sent = answer(200, { ticketId: 'tïcket-1' }))));
    const response = await fetch(url, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength('{"ticketId":"tïcket-1"}')));
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ ticketId: 'tïcket-1' });
    expect(sent?.bodyUsed).toBe(false);
  });

  it('writes the headers a host wrapper set on the answer after the handler made it', async () => {
    const url = await serve(
      toNodeHandler(async () => {
        const made = answer(429, { error: 'rate_limited' }, { 'retry-after': '5' });
        made.headers.set('x-request-id', 'r-7');
        return made;
      }),
    );
    const response = await fetch(url, { method: 'POST' });
    expect([response.status, response.headers.get('retry-after'), response.headers.get('x-request-id')]).toEqual([429, '5', 'r-7']);
    expect(await response.json()).toEqual({ error: 'rate_limited' });
  });

  it('reads the stream of an answer whose body a host wrapper replaced, not the text it was made with', async () => {
    const url = await serve(toNodeHandler(async () => new Response(new Response('{"wrapped":true}').body, answer(200, { ticketId: 't-2' }))));
    expect(await (await fetch(url, { method: 'POST' })).json()).toEqual({ wrapped: true });
  });

  it('answers a HEAD request with the status and headers and no body', async () => {
    const url = await serve(toNodeHandler(async () => answer(405, { error: 'method_not_allowed' }, { allow: 'POST' })));
    const response = await fetch(url, { method: 'HEAD' });
    expect([response.status, response.headers.get('allow'), await response.text()]).toEqual([405, 'POST', '']);
  });
});
