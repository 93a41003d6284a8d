/**
 * The emulated workbook's two-way messaging. In Astrato the names and payloads of the
 * messages between a dashboard and its host are the workbook author's: an action posts an event
 * to the parent (what the user clicked, the active sheet), and an "On browser event" action
 * listens for a type the author chose (a go-to block switches the sheet). This workbook is
 * configured the same way, every message off unless named.
 *
 * @module
 */

/**
 * The emulated workbook's sheets and the messages it exchanges with its host, for
 * {@link AstratoEmulatorOptions.workbook}. Every message type is off unless named; each is posted
 * as `{ type, payload }` to the host's origin (read from the referrer; never `'*'`, so with no
 * referrer nothing is posted), only while the page has a session, as a workbook without one runs
 * no actions.
 *
 * @example
 * ```ts
 * import { createAstratoEmulator } from '@oemkit/server/testing';
 * const emulator = createAstratoEmulator({
 *   workbook: { sheets: ['Overview', 'Sales'], reportSelection: 'BAR SELECTED', reportActiveSheet: 'ACTIVE SHEET', goToSheet: 'GO TO SHEET' },
 * });
 * // The page posts { type: 'BAR SELECTED', payload: { field: 'Product Dim.Hierarchy Lvl2 Name', values: ['Fresh'] } } on a click,
 * // { type: 'ACTIVE SHEET', payload: 'Overview' } at load, and switches to Sales on { type: 'GO TO SHEET', payload: 'Sales' }.
 * ```
 */
export interface EmulatedWorkbook {
  /** The sheets, in tab order; the first is active at load. Tabs show when there are two or more. @default ['Overview'] */
  sheets?: readonly string[];
  /**
   * Posted when a bar of the chart is clicked, with the selection as payload:
   * `{ field: 'Product Dim.Hierarchy Lvl2 Name', values: [<product group>] }`, the form a
   * DYNAMIC FILTERING instruction takes. @default undefined (not posted)
   */
  reportSelection?: string;
  /** Posted at load and on every change of sheet, with the sheet's name as payload. @default undefined (not posted) */
  reportActiveSheet?: string;
  /** The type the page listens for to switch sheets; the payload is the sheet's name. @default undefined (not listened for) */
  goToSheet?: string;
}

/** @internal The workbook as the page receives it: every field present, `null` for a message that is off. */
export interface PageWorkbook {
  sheets: string[];
  reportSelection: string | null;
  reportActiveSheet: string | null;
  goToSheet: string | null;
}

/** @internal Checks the option once, at construction, so a typo fails the test that made it rather than a page. */
export function readWorkbook(workbook: EmulatedWorkbook = {}): PageWorkbook {
  const sheets = [...(workbook.sheets ?? ['Overview'])];
  if (sheets.length === 0 || sheets.some((sheet) => typeof sheet !== 'string' || sheet === '') || new Set(sheets).size !== sheets.length) {
    throw new TypeError('workbook.sheets must be distinct, non-empty names, at least one');
  }
  const type = (name: 'reportSelection' | 'reportActiveSheet' | 'goToSheet') => {
    const value = workbook[name];
    if (value !== undefined && (typeof value !== 'string' || value === '')) throw new TypeError(`workbook.${name} must be a non-empty message type`);
    return value ?? null;
  };
  return { sheets, reportSelection: type('reportSelection'), reportActiveSheet: type('reportActiveSheet'), goToSheet: type('goToSheet') };
}

/**
 * @internal The page's messaging script; it expects `state` and `hostOrigin` in scope, and sets
 * `selectedCategory` and calls `render()` (both from the page) when a bar is clicked. It also
 * defines `window.astratoEmulator.postToHost(message, { times, targetOrigin })`, a test hook that
 * makes this page post anything (floods, repeats, odd payloads) as the real iframe would; only
 * the hook may be told `'*'`, the workbook's own messages go to the host's origin or nowhere.
 */
export const WORKBOOK_SCRIPT = `
const workbook = state.workbook;
let activeSheet = workbook.sheets[0];
let postedCount = 0;
const logPosted = (message, targetOrigin) => {
  postedCount++;
  const list = document.getElementById('posted');
  list.dataset.count = String(postedCount);
  const item = document.createElement('li');
  item.dataset.type = String(message && message.type);
  item.textContent = targetOrigin + ' ' + JSON.stringify(message);
  list.append(item);
  // A flood must not turn the panel into the bottleneck: the newest 50 are enough to read.
  while (list.children.length > 50) list.firstElementChild.remove();
};
const postToHost = (message, targetOrigin = hostOrigin) => {
  if (!targetOrigin) throw new Error('No host origin: the page was opened without a referrer (name a targetOrigin)');
  parent.postMessage(message, targetOrigin);
  logPosted(message, targetOrigin);
};
// Workbook actions run only in a workbook that loaded, that is with a session.
const report = (type, payload) => {
  if (type && state.signedIn && hostOrigin) postToHost({ type, payload });
};
window.astratoEmulator = {
  postToHost(message, options = {}) {
    const times = options.times ?? 1;
    for (let i = 0; i < times; i++) postToHost(message, options.targetOrigin);
    return times;
  },
};
function showSheet(sheet) {
  activeSheet = sheet;
  document.body.dataset.sheet = sheet;
  document.getElementById('active-sheet').textContent = sheet;
  for (const tab of document.querySelectorAll('#sheets [role=tab]')) tab.setAttribute('aria-selected', String(tab.dataset.sheet === sheet));
  report(workbook.reportActiveSheet, sheet);
}
if (workbook.sheets.length > 1) {
  document.getElementById('sheets').replaceChildren(...workbook.sheets.map((sheet) => {
    const tab = Object.assign(document.createElement('button'), { type: 'button', textContent: sheet });
    tab.setAttribute('role', 'tab');
    tab.dataset.sheet = sheet;
    tab.addEventListener('click', () => sheet !== activeSheet && showSheet(sheet));
    return tab;
  }));
}
if (workbook.reportSelection) document.body.dataset.selectable = 'true';
document.getElementById('chart').addEventListener('click', (event) => {
  const bar = event.target.closest('[data-testid=bar]');
  if (!bar || !workbook.reportSelection) return;
  selectedCategory = bar.dataset.category;
  render();
  report(workbook.reportSelection, { field: 'Product Dim.Hierarchy Lvl2 Name', values: [selectedCategory] });
});
document.getElementById('post-test').addEventListener('submit', (event) => {
  event.preventDefault();
  const fields = event.target.elements;
  try {
    fields.result.value = 'Posted ' + window.astratoEmulator.postToHost(JSON.parse(fields.message.value), { times: Number(fields.times.value) || 1 });
  } catch (error) {
    fields.result.value = error.message;
  }
});
addEventListener('message', (event) => {
  if (event.source !== parent || !workbook.goToSheet || !event.data || event.data.type !== workbook.goToSheet || !state.signedIn) return;
  const sheet = event.data.payload;
  const outcome = !workbook.sheets.includes(sheet) ? 'unknown sheet' : sheet === activeSheet ? 'already active' : 'switched';
  const item = document.createElement('li');
  item.dataset.outcome = outcome;
  item.textContent = event.origin + ' ' + JSON.stringify(event.data) + ': ' + outcome;
  document.getElementById('received').append(item);
  if (outcome === 'switched') showSheet(sheet);
});
`;
