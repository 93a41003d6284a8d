/**
 * `defineAstratoDashboard`: registers `<astrato-dashboard>`. The class is made inside the
 * function, so importing this module touches neither `HTMLElement` nor `customElements`: it is
 * safe on a server, and with `sideEffects: false` a bundler may drop it when unused.
 *
 * @module
 */
import type { EmbedOptions } from '../embed/embed-types.js';
import { liveDashboard } from '../embed/live-dashboard.js';
import type { AstratoDashboardElement, AstratoDashboardElementConstructor } from './element-types.js';

/**
 * The options read from attributes, each named as its option in kebab case (`embed-url`). The first
 * three are also properties (for frameworks that bind properties, as Angular's `[embedUrl]`); the
 * last three are numbers.
 */
const ATTRIBUTE_OPTIONS = ['embedUrl', 'ticketUrl', 'baseUrl', 'title', 'timeout', 'recoveryDelay', 'loopWindow'];
/** The options that no attribute can hold (objects and functions): properties only. */
const PROPERTIES = ['filters', 'variables', 'queryFilters', 'getTicket', 'iframeAttributes'];

/** `embedUrl` → `embed-url`, `sessionRecovered` → `session-recovered`. */
const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/**
 * Registers the `<astrato-dashboard>` custom element (see `AstratoDashboardElement` for its
 * attributes, properties and events) under `tagName`, and returns its class. Call it once in your
 * client code; nothing is registered by importing the module. A second call, or a name someone
 * already defined, registers nothing and returns the class already there. Where there is no
 * custom element registry (on a server, during SSR) it does nothing and returns `undefined`.
 *
 * @param tagName A valid custom element name (with a hyphen). @default 'astrato-dashboard'
 * @example
 * ```html
 * <astrato-dashboard embed-url="https://app.astrato.io/embed/AbC123" ticket-url="/api/astrato-ticket"
 *   style="display: block; height: 600px"></astrato-dashboard>
 * <script type="module">
 *   import { defineAstratoDashboard } from '@oemkit/browser/element';
 *   defineAstratoDashboard();
 *   const dashboard = document.querySelector('astrato-dashboard');
 *   dashboard.filters = { 'Date Dim.Year': 2026 };
 *   dashboard.addEventListener('astrato-error', (event) => console.warn(event.detail.code));
 * </script>
 * ```
 */
export function defineAstratoDashboard(tagName = 'astrato-dashboard'): AstratoDashboardElementConstructor | undefined {
  if (typeof customElements === 'undefined') return undefined;
  const defined = customElements.get(tagName);
  if (defined) return defined as AstratoDashboardElementConstructor;

  class AstratoDashboard extends HTMLElement {
    static get observedAttributes() {
      return ATTRIBUTE_OPTIONS.map(kebab);
    }
    /** The property values, by name. */
    declare values: Record<string, unknown>;
    declare live: ReturnType<typeof liveDashboard>;
    /** An update is scheduled (undefined, as false, until the first). */
    declare queued: boolean | undefined;

    constructor() {
      super();
      // Own properties now were set before the class was defined, on the element it upgrades (a
      // framework may do so), and would shadow the accessors: taken off, then set through them.
      const early: object = { ...this };
      for (const name in early) delete this[name as keyof this];
      this.values = {};
      this.live = liveDashboard((event, detail) => this.emit(kebab(event), detail));
      Object.assign(this, early);
    }

    get dashboard() {
      return this.live.dashboard;
    }

    // Both scheduled: a move (appendChild, insertBefore) disconnects and connects the element in
    // one task, so the one sync finds it connected and keeps the dashboard; a removal stops it.
    connectedCallback() {
      // An iframe that is not its dashboard's came with a copy of the element (cloneNode, innerHTML
      // parsed again): gone before it loads, so the element shows one dashboard, its own. Only its
      // children: the iframe of an <astrato-dashboard> nested inside is that one's.
      for (const frame of this.querySelectorAll(':scope>iframe')) frame != this.dashboard?.iframe && frame.remove();
      this.schedule();
    }

    disconnectedCallback() {
      this.schedule();
    }

    attributeChangedCallback() {
      this.schedule();
    }

    emit(event: string, detail: unknown) {
      this.dispatchEvent(new CustomEvent(`astrato-${event}`, { detail, bubbles: true }));
    }

    /** Several changes in one task (attributes, then properties) make one update. */
    schedule() {
      if (this.queued) return;
      this.queued = true;
      queueMicrotask(() => {
        this.queued = false;
        this.sync();
      });
    }

    /** Starts, updates or stops the dashboard to match the element now. */
    sync() {
      const options: Record<string, unknown> = { ...this.values, container: this };
      ATTRIBUTE_OPTIONS.forEach((option, index) => {
        const value = this.getAttribute(kebab(option));
        if (value !== null) options[option] = index > 3 ? Number(value) : value;
      });
      try {
        if (this.isConnected && options.embedUrl && (options.ticketUrl || options.getTicket)) this.live.start(options as unknown as EmbedOptions & { container: HTMLElement });
        else this.live.stop();
      } catch (error) {
        // Refused options: reported like every other failure, since a framework setting an
        // attribute or a property has no caller to throw to. A running dashboard keeps going.
        this.emit('error', error);
      }
    }
  }

  for (const property of ATTRIBUTE_OPTIONS.slice(0, 3)) {
    Object.defineProperty(AstratoDashboard.prototype, property, {
      get(this: AstratoDashboard) {
        return this.getAttribute(kebab(property));
      },
      set(this: AstratoDashboard, value: unknown) {
        if (value == null) this.removeAttribute(kebab(property));
        else this.setAttribute(kebab(property), String(value));
      },
    });
  }
  for (const property of PROPERTIES) {
    Object.defineProperty(AstratoDashboard.prototype, property, {
      get(this: AstratoDashboard) {
        return this.values[property];
      },
      set(this: AstratoDashboard, value: unknown) {
        this.values[property] = value;
        this.schedule();
      },
    });
  }
  customElements.define(tagName, AstratoDashboard);
  return AstratoDashboard as unknown as AstratoDashboardElementConstructor;
}
