/**
 * The `<astrato-dashboard>` custom element, for Vue, Angular, Svelte and plain HTML: call
 * `defineAstratoDashboard()` once, then use the tag. Importing registers nothing and touches no
 * DOM global, so the entry is safe to import on a server.
 *
 * @module @oemkit/browser/element
 */
export { defineAstratoDashboard } from './element/define.js';
export type { AstratoDashboardElement, AstratoDashboardElementConstructor, AstratoDashboardEventMap } from './element/element-types.js';
