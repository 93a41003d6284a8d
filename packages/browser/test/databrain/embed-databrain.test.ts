/**
 * embedDataBrain's DOM glue in Node, against a stand-in document: which element it makes, when it
 * goes in the page, the global handler's life. The renewal's timing is token-renewal.test.ts's;
 * DataBrain's real component in Chromium is e2e/databrain.e2e.ts's.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthenticationError, ValidationError } from '@oemkit/schema/errors';
import type { GuestTokenAnswer } from '@oemkit/schema/core';
import { embedDataBrain, type DataBrainEmbedOptions } from '../../src/databrain.js';

class StandInElement {
  readonly attributes = new Map<string, string>();
  isConnected = false;
  constructor(readonly tagName: string) {}
  setAttribute(name: string, value: string) {
    this.attributes.set(name, value);
  }
  remove() {
    this.isConnected = false;
  }
}

let container: { appendChild: (element: StandInElement) => void; children: StandInElement[] };
let asked: { answer: (value: GuestTokenAnswer | string) => void; refuse: (error: unknown) => void }[];
const getToken = () => new Promise<GuestTokenAnswer | string>((answer, refuse) => asked.push({ answer, refuse }));
const embed = (options: Partial<DataBrainEmbedOptions> = {}) =>
  embedDataBrain({ container: container as never, dashboardId: 'sales-dashboard', getToken, ...options } as DataBrainEmbedOptions);
// getToken() is called from a then(): the request exists once the microtasks have run.
const settle = () => vi.advanceTimersByTimeAsync(0);
const request = async (index: number) => (await settle(), asked[index]!);
const handlerOf = (element: StandInElement) => (globalThis as Record<string, unknown>)[element.attributes.get('handle-server-event')!] as ((event: unknown) => void) | undefined;

beforeEach(() => {
  vi.useFakeTimers();
  asked = [];
  container = { children: [], appendChild: (element) => ((element.isConnected = true), container.children.push(element)) };
  vi.stubGlobal('document', { createElement: (tag: string) => new StandInElement(tag), querySelector: () => null });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('embedDataBrain', () => {
  it('puts <dbn-dashboard> in the container only once it has its first token', async () => {
    const analytics = embed({ attributes: { theme: '{"general":{}}' } });
    expect(container.children).toEqual([]);
    expect(analytics.element).toBeUndefined();
    (await request(0)).answer('t-1');
    await analytics.ready;
    const [element] = container.children;
    expect(element!.tagName).toBe('dbn-dashboard');
    expect(Object.fromEntries(element!.attributes)).toEqual({
      theme: '{"general":{}}',
      'dashboard-id': 'sales-dashboard',
      'handle-server-event': expect.stringMatching(/^oemkitDataBrain\d+_[a-z0-9]+$/),
      token: 't-1',
    });
    expect(analytics.element).toBe(element);
  });

  it('makes <dbn-metric metric-id> for a metricId', async () => {
    const analytics = embedDataBrain({ container: container as never, metricId: 'revenue', getToken });
    (await request(0)).answer('t-1');
    await analytics.ready;
    expect(container.children[0]!.tagName).toBe('dbn-metric');
    expect(container.children[0]!.attributes.get('metric-id')).toBe('revenue');
  });

  it('renews once for any number of TOKEN_EXPIRED events through its handler, on the same element', async () => {
    const analytics = embed();
    const events: unknown[] = [];
    let tokens = 0;
    analytics.on('serverEvent', (event) => events.push(event));
    analytics.on('token', () => tokens++);
    (await request(0)).answer('t-1');
    await analytics.ready;
    const element = container.children[0]!;
    for (let i = 0; i < 3; i++) handlerOf(element)!({ type: 'TOKEN_EXPIRED' });
    await settle();
    expect(asked).toHaveLength(2);
    (await request(1)).answer('t-2');
    await vi.advanceTimersByTimeAsync(0);
    expect(element.attributes.get('token')).toBe('t-2');
    expect(container.children).toEqual([element]);
    expect(tokens).toBe(2);
    // Any other event is passed on, and renews nothing.
    handlerOf(element)!({ type: 'SOMETHING_ELSE' });
    handlerOf(element)!(undefined);
    await settle();
    expect(asked).toHaveLength(2);
    expect(events).toEqual([{ type: 'TOKEN_EXPIRED' }, { type: 'TOKEN_EXPIRED' }, { type: 'TOKEN_EXPIRED' }, { type: 'SOMETHING_ELSE' }, undefined]);
  });

  it('renews renewBefore ms before expiry when the answer gives the lifetime', async () => {
    const analytics = embed({ renewBefore: 10_000 });
    (await request(0)).answer({ token: 't-1', expiresIn: 70_000 });
    await analytics.ready;
    await vi.advanceTimersByTimeAsync(59_999);
    await settle();
    expect(asked).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    (await request(1)).answer({ token: 't-2', expiresIn: 70_000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(container.children[0]!.attributes.get('token')).toBe('t-2');
  });

  it('gives each mount its own global handler, and deletes it, the element and the timer on destroy', async () => {
    const first = embed();
    const second = embed();
    (await request(0)).answer({ token: 't-1', expiresIn: 120_000 });
    (await request(1)).answer({ token: 't-2', expiresIn: 120_000 });
    await Promise.all([first.ready, second.ready]);
    const [one, two] = container.children;
    expect(one!.attributes.get('handle-server-event')).not.toBe(two!.attributes.get('handle-server-event'));
    first.destroy();
    first.destroy();
    expect(handlerOf(one!)).toBeUndefined();
    expect(one!.isConnected).toBe(false);
    expect(first.element).toBeUndefined();
    expect(handlerOf(two!)).toBeTypeOf('function');
    await vi.advanceTimersByTimeAsync(120_000);
    // Only the live mount renewed.
    await settle();
    expect(asked).toHaveLength(3);
    second.destroy();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('resolves ready without an element when destroyed before the first token, and ignores the token', async () => {
    const analytics = embed();
    analytics.destroy();
    (await request(0)).answer('t-1');
    await expect(analytics.ready).resolves.toBeUndefined();
    expect(container.children).toEqual([]);
  });

  it('rejects ready and reports the first failure once, and mounts on renew()', async () => {
    const analytics = embed();
    const errors: unknown[] = [];
    analytics.on('error', (error) => errors.push(error));
    const refused = new AuthenticationError({ service: 'host', status: 401, method: 'POST', url: '/api/databrain-token' });
    (await request(0)).refuse(refused);
    await expect(analytics.ready).rejects.toBe(refused);
    expect(errors).toEqual([refused]);
    const again = analytics.renew();
    (await request(1)).answer('t-1');
    await again;
    expect(analytics.element).toBe(container.children[0]);
    expect(container.children[0]!.attributes.get('token')).toBe('t-1');
  });

  it('refuses bad options at once, naming each', async () => {
    const cases: [Partial<DataBrainEmbedOptions>, string][] = [
      [{ dashboardId: undefined } as never, 'dashboardId'],
      [{ dashboardId: '' }, 'dashboardId'],
      [{ metricId: 'revenue' } as never, 'dashboardId'],
      [{ attributes: { token: 'mine' } }, 'attributes.token'],
      [{ attributes: { 'Handle-Server-Event': 'mine' } }, 'attributes.Handle-Server-Event'],
      [{ attributes: { theme: {} as never } }, 'attributes.theme'],
      [{ container: '#missing' }, 'container'],
      [{ renewBefore: -1 }, 'renewBefore'],
      [{ timeout: 0 }, 'timeout'],
      [{ getToken: undefined } as never, 'getToken'],
    ];
    for (const [options, path] of cases) {
      const error = (() => {
        try {
          embed(options);
        } catch (caught) {
          return caught;
        }
      })();
      expect(error, path).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).message, path).toContain(`${path}:`);
    }
    await settle();
    expect(asked).toEqual([]);
  });
});
