/**
 * Two-way messaging against real Chromium and the emulator's workbook, configured as a workbook
 * author would: it reports the active sheet and switches sheets on 'GO TO SHEET'. What reaches on('message'), and what must not.
 */
import { describe, expect, it } from 'vitest';
import { controlEvents, controlFrame, embedControl, flushToFrame, receivedFrom } from './support/barriers.js';
import { astratoFrame, call, dashboardFrame, embed, events, fetchesTo, harness, loads, page, useHostPage } from './support/host-page.js';

useHostPage({ workbook: { sheets: ['Overview', 'Sales'], reportActiveSheet: 'ACTIVE SHEET', goToSheet: 'GO TO SHEET' } });

type Message = { type: string; payload?: unknown };
/** Embeds the dashboard with a listener that records every message in window.messages. */
const embedRecording = (extra: Record<string, unknown> = {}, beforeReady = '') =>
  embed(extra, `window.messages = []; dashboard.on('message', (message) => window.messages.push(message)); ${beforeReady}`);
const messages = () => page.evaluate(() => (window as unknown as { messages: Message[] }).messages);

describe('workbook messages in Chromium', () => {
  it('delivers what the workbook posts as { type, payload }: the active sheet at load, and again after send() switched it', async () => {
    await embedRecording();
    await expect.poll(messages).toEqual([{ type: 'ACTIVE SHEET', payload: 'Overview' }]);
    await call(`dashboard.send('GO TO SHEET', 'Sales')`);
    await expect.poll(messages).toEqual([
      { type: 'ACTIVE SHEET', payload: 'Overview' },
      { type: 'ACTIVE SHEET', payload: 'Sales' },
    ]);
    expect(await dashboardFrame().locator('body').getAttribute('data-sheet')).toBe('Sales');
    // The page posted the switch to the host's origin; the host sent it to Astrato's origin.
    expect(await dashboardFrame().getByTestId('received').textContent()).toContain(`${harness.hostUrl} {"type":"GO TO SHEET","payload":"Sales"}: switched`);
  });

  it('holds a send() made before the dashboard has loaded until it has, so the first sheet shown can be chosen', async () => {
    await embedRecording({}, `dashboard.send('GO TO SHEET', 'Sales');`);
    await expect.poll(messages).toEqual([
      { type: 'ACTIVE SHEET', payload: 'Overview' },
      { type: 'ACTIVE SHEET', payload: 'Sales' },
    ]);
  });

  it('queues what is sent while the session is lost or recovering, and delivers it in order to the page the recovery loads', async () => {
    // Sent the moment Astrato reports the lost session, by a listener added after the dashboard's
    // own (at the first load), so the dashboard has just handled the report.
    await embedRecording(
      { recoveryDelay: 200 },
      `const stop = dashboard.on('load', () => {
        stop();
        addEventListener('message', (event) => event.data?.type === 'Astrato' && event.data.message === '401Error' && dashboard.send('GO TO SHEET', 'Sales'));
      });`,
    );
    await expect.poll(messages).toEqual([{ type: 'ACTIVE SHEET', payload: 'Overview' }]);
    await astratoFrame().evaluate(() => parent.postMessage({ type: 'Astrato', message: '401Error' }, '*'));
    await expect.poll(events).toContain('sessionRecovered');
    // The recovered page got the switch: it reports Overview at load, then Sales.
    await expect.poll(messages).toEqual([
      { type: 'ACTIVE SHEET', payload: 'Overview' },
      { type: 'ACTIVE SHEET', payload: 'Overview' },
      { type: 'ACTIVE SHEET', payload: 'Sales' },
    ]);
    expect(await dashboardFrame().locator('body').getAttribute('data-sheet')).toBe('Sales');
    expect(await loads()).toBe(2);
  });

  it('keeps what is sent after a lost-session report for the recovered page, even when the lost page loads again first', async () => {
    // A recovery delay longer than the test: retry() starts the recovery once the lost page has
    // loaded again, so the order of the two loads is the test's, not the clock's.
    await embedRecording(
      { recoveryDelay: 60_000 },
      `const stop = dashboard.on('load', () => {
        stop();
        addEventListener('message', (event) => event.data?.type === 'Astrato' && event.data.message === '401Error' && dashboard.send('GO TO SHEET', 'Sales'));
        // After the dashboard's own load listener: once this counted a load, the dashboard has had it.
        window.frameLoads = 0;
        dashboard.iframe.addEventListener('load', () => window.frameLoads++);
      });`,
    );
    await expect.poll(messages).toEqual([{ type: 'ACTIVE SHEET', payload: 'Overview' }]);
    // The page that reported its session lost navigates (to a sign-in page, or reloads itself).
    await astratoFrame().evaluate(() => {
      parent.postMessage({ type: 'Astrato', message: '401Error' }, '*');
      setTimeout(() => location.reload());
    });
    await expect.poll(() => page.evaluate(() => (window as unknown as { frameLoads: number }).frameLoads)).toBe(1);
    await call('dashboard.retry()');
    await expect.poll(events).toContain('sessionRecovered');
    // The load of the page that was lost is no load of the dashboard, and the switch is the recovered page's.
    expect(await events()).toEqual(['load', 'load', 'sessionRecovered']);
    await expect.poll(() => dashboardFrame().locator('body').getAttribute('data-sheet')).toBe('Sales');
  });

  it('delivers the latest 100 of a flood of 101 sent while the session is lost, in order, to the recovered page', async () => {
    await embedRecording({ recoveryDelay: 60_000 });
    await expect.poll(messages).toEqual([{ type: 'ACTIVE SHEET', payload: 'Overview' }]);
    await astratoFrame().evaluate(() => parent.postMessage({ type: 'Astrato', message: '401Error' }, '*'));
    // Once the host has the report (its own listener runs after the dashboard's), 101 sends.
    await expect.poll(() => receivedFrom(harness.astratoUrl)).toContainEqual({ type: 'Astrato', message: '401Error' });
    await call(`for (let i = 0; i < 101; i++) dashboard.send('GO TO SHEET', 'sheet ' + i); dashboard.retry();`);
    await expect.poll(events).toContain('sessionRecovered');
    const received = async () => (await dashboardFrame().getByTestId('received').locator('li').allTextContents()).map((line) => JSON.parse(line.slice(line.indexOf(' ') + 1, line.lastIndexOf(':'))).payload);
    await expect.poll(() => received().then((all) => all.length)).toBe(100);
    await flushToFrame('#dashboard iframe');
    expect(await received()).toEqual(Array.from({ length: 100 }, (_, index) => `sheet ${index + 1}`));
  });

  it('passes an object payload on as posted', async () => {
    await embedRecording();
    await expect.poll(messages).toHaveLength(1);
    const payload = { country: 'Canada', year: 2026, selected: true, tags: ['a', 'b'], nested: { at: null } };
    // The emulator's hook posts to the host's origin as a workbook action would.
    await astratoFrame().evaluate((data) => (window as unknown as { astratoEmulator: { postToHost(m: unknown): number } }).astratoEmulator.postToHost(data), { type: 'ROW CLICKED', payload });
    await expect.poll(async () => (await messages()).at(-1)).toEqual({ type: 'ROW CLICKED', payload });
  });

  it('delivers every message of a flood, repeats included, in order, and nothing that is not an object with a string type', async () => {
    await embedRecording();
    await expect.poll(messages).toHaveLength(1);
    await astratoFrame().evaluate(() => {
      for (const data of ['ACTIVE SHEET', 42, null, [1, 2], { type: 5, payload: 'x' }, { payload: 'no type' }, { message: '401Error' }]) parent.postMessage(data, '*');
      for (let i = 0; i < 300; i++) parent.postMessage({ type: 'TICK', payload: i % 2 }, '*');
      parent.postMessage({ type: 'NO PAYLOAD' }, '*');
    });
    await expect.poll(async () => (await messages()).at(-1)).toEqual({ type: 'NO PAYLOAD', payload: undefined });
    const received = await messages();
    expect(received).toHaveLength(1 + 300 + 1);
    expect(received.slice(1, -1)).toEqual(Array.from({ length: 300 }, (_, i) => ({ type: 'TICK', payload: i % 2 })));
  });

  it('never passes Astrato’s 401Error on as a message: it starts the recovery, and messages flow again after it', async () => {
    await embedRecording();
    await expect.poll(messages).toHaveLength(1);
    harness.emulator.endSessions();
    await expect.poll(events, { timeout: 10_000 }).toContain('sessionRecovered');
    // The recovered page reports its sheet again; the 401Error before it is nowhere.
    await expect.poll(messages).toEqual([
      { type: 'ACTIVE SHEET', payload: 'Overview' },
      { type: 'ACTIVE SHEET', payload: 'Overview' },
    ]);
  });

  it('ignores a message from the dashboard’s iframe once it shows another origin', async () => {
    await embedRecording();
    await expect.poll(messages).toHaveLength(1);
    // The foreign page posts a 401Error and an 'ACTIVE SHEET' message to its parent as it loads.
    await astratoFrame().goto(`${harness.foreignUrl}/`);
    await expect.poll(() => receivedFrom(harness.foreignUrl)).toEqual([{ type: 'Astrato', message: '401Error' }, { type: 'ACTIVE SHEET', payload: 'posted by a foreign origin' }]);
    expect(await messages()).toEqual([{ type: 'ACTIVE SHEET', payload: 'Overview' }]);
    // Taken for Astrato's, the 401Error would have started a recovery, whose ticket comes a
    // recovery delay later. The control's 401Error, posted now, starts its own with the same delay:
    // once the control has asked for its ticket, the dashboard would have asked for one before it.
    await embedControl();
    await (await controlFrame()).evaluate(() => parent.postMessage({ type: 'Astrato', message: '401Error' }, '*'));
    await expect.poll(controlEvents, { timeout: 10_000 }).toContain('sessionRecovered');
    // The dashboard's ticket, then the control's two.
    expect(await fetchesTo('/api/ticket')).toBe(1 + 2);
    expect(await events()).not.toContain('sessionRecovered');
  });

  it('ignores messages from another window, even one on the Astrato origin, and from the host page itself', async () => {
    await embedRecording();
    await expect.poll(messages).toHaveLength(1);
    // A second embed of the same origin, not the dashboard's: it reports its sheet to the host as it loads.
    await page.evaluate((src) => document.body.append(Object.assign(document.createElement('iframe'), { id: 'other', src })), `${harness.astratoUrl}/embed/demo`);
    await expect.poll(() => page.frameLocator('#other').getByTestId('posted').getAttribute('data-count')).toBe('1');
    await page.evaluate(() => window.postMessage({ type: 'ACTIVE SHEET', payload: 'posted by the host page' }, '*'));
    await expect.poll(() => receivedFrom(harness.hostUrl)).toEqual([{ type: 'ACTIVE SHEET', payload: 'posted by the host page' }]);
    // The dashboard's sheet at load, then the other embed's: both on the Astrato origin.
    await expect.poll(() => receivedFrom(harness.astratoUrl)).toHaveLength(2);
    expect(await messages()).toEqual([{ type: 'ACTIVE SHEET', payload: 'Overview' }]);
    // The dashboard's own iframe is still heard.
    await astratoFrame().evaluate(() => parent.postMessage({ type: 'STILL HERE' }, '*'));
    await expect.poll(async () => (await messages()).map((m) => m.type)).toEqual(['ACTIVE SHEET', 'STILL HERE']);
  });

  it('ignores what the iframe a reload replaced posts as it goes', async () => {
    // Every Astrato frame says goodbye as it is torn down, as a workbook action on leaving might.
    await page.context().addInitScript((astratoOrigin) => {
      if (location.origin === astratoOrigin && window.parent !== window) {
        addEventListener('pagehide', () => window.parent.postMessage({ type: 'GOODBYE', payload: location.href }, '*'));
      }
    }, harness.astratoUrl);
    await embedRecording();
    await expect.poll(messages).toHaveLength(1);
    await call('dashboard.reload()');
    await expect.poll(loads).toBe(2);
    await expect.poll(messages).toEqual([
      { type: 'ACTIVE SHEET', payload: 'Overview' },
      { type: 'ACTIVE SHEET', payload: 'Overview' },
    ]);
    await expect.poll(async () => (await receivedFrom(harness.astratoUrl)).map((data) => (data as Message).type)).toContain('GOODBYE');
    expect((await messages()).map((m) => m.type)).not.toContain('GOODBYE');
  });

  it('keeps delivering to the other listeners, and keeps recovering, when a listener throws', async () => {
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await embed(
      {},
      `window.messages = [];
       dashboard.on('message', () => { throw new Error('message listener bug'); });
       dashboard.on('message', (message) => window.messages.push(message));
       dashboard.on('load', () => { throw new Error('load listener bug'); });`,
    );
    await expect.poll(messages).toEqual([{ type: 'ACTIVE SHEET', payload: 'Overview' }]);
    harness.emulator.endSessions();
    // The throwing load listener runs first on the reload: sessionRecovered must still follow it.
    await expect.poll(events, { timeout: 10_000 }).toContain('sessionRecovered');
    await expect.poll(messages).toHaveLength(2);
    await call(`dashboard.send('GO TO SHEET', 'Sales')`);
    await expect.poll(async () => (await messages()).at(-1)).toEqual({ type: 'ACTIVE SHEET', payload: 'Sales' });
    // Each error is still reported, as uncaught, where the host's error tracking sees it.
    await expect.poll(() => pageErrors.filter((m) => m === 'message listener bug').length).toBe(3);
    expect(pageErrors.filter((m) => m === 'load listener bug')).toHaveLength(2);
  });

  it('runs a listener subscribed during a dispatch from the next message on, so one that subscribes its successor runs once per message', async () => {
    // The once() a host writes: each call unsubscribes itself and waits for the next message.
    await embed(
      {},
      `window.heard = [];
       const once = () => { const stop = dashboard.on('message', (message) => { stop(); window.heard.push(message.type); if (window.heard.length < 50) once(); }); };
       once();`,
    );
    await expect.poll(() => page.evaluate(() => (window as unknown as { heard: string[] }).heard)).toEqual(['ACTIVE SHEET']);
    await astratoFrame().evaluate(() => parent.postMessage({ type: 'NEXT' }, '*'));
    await expect.poll(() => page.evaluate(() => (window as unknown as { heard: string[] }).heard)).toEqual(['ACTIVE SHEET', 'NEXT']);
  });

  it('skips a listener unsubscribed by an earlier one during the same dispatch, and every listener once one has destroyed the dashboard', async () => {
    await embed(
      {},
      `window.heard = [];
       let stopThird;
       dashboard.on('message', (message) => { window.heard.push('first ' + message.type); if (message.type === 'UNSUBSCRIBE') stopThird(); if (message.type === 'DESTROY') dashboard.destroy(); });
       dashboard.on('message', (message) => window.heard.push('second ' + message.type));
       stopThird = dashboard.on('message', (message) => window.heard.push('third ' + message.type));`,
    );
    const heard = () => page.evaluate(() => (window as unknown as { heard: string[] }).heard);
    await expect.poll(heard).toHaveLength(3);
    await astratoFrame().evaluate(() => parent.postMessage({ type: 'UNSUBSCRIBE' }, '*'));
    await expect.poll(heard).toEqual(['first ACTIVE SHEET', 'second ACTIVE SHEET', 'third ACTIVE SHEET', 'first UNSUBSCRIBE', 'second UNSUBSCRIBE']);
    await astratoFrame().evaluate(() => parent.postMessage({ type: 'DESTROY' }, '*'));
    // The listeners after the first would have run in the same dispatch, before this poll reads.
    await expect.poll(heard).toContain('first DESTROY');
    expect((await heard()).slice(5)).toEqual(['first DESTROY']);
    expect(await page.locator('#dashboard iframe').count()).toBe(0);
  });

  it('still loads, and sends what else was queued, when a payload queued before the load cannot be posted; the error is reported once', async () => {
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.name));
    // A function cannot be cloned: postMessage throws a DataCloneError for it.
    await embedRecording({}, `dashboard.send('NOT CLONEABLE', () => {}); dashboard.send('GO TO SHEET', 'Sales');`);
    await expect.poll(events).toEqual(['load']);
    await expect.poll(async () => (await messages()).at(-1)).toEqual({ type: 'ACTIVE SHEET', payload: 'Sales' });
    await call('dashboard.reload()');
    await expect.poll(loads).toBe(2);
    // A payload sent again on this load would be reported as uncaught from a timer the load
    // handler set; one set now runs after it, and its error is reported after that one.
    await page.evaluate(() => setTimeout(() => {
      throw Object.assign(new Error('barrier'), { name: 'Barrier' });
    }));
    await expect.poll(() => pageErrors).toContain('Barrier');
    expect(pageErrors).toEqual(['DataCloneError', 'Barrier']);
  });
});
