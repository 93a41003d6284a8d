/**
 * An embedded Astrato dashboard for React 18 and 19: the `<AstratoDashboard>` component and the
 * `useAstratoDashboard` hook, over `embedDashboard`. React is an optional peer dependency of
 * `@oemkit/browser`, needed by this entry only. A client module (`'use client'`, kept in the
 * build), safe to import and render on the server, where it renders an empty container and
 * starts nothing.
 *
 * @module @oemkit/browser/react
 */
'use client';

export { AstratoDashboard, type AstratoDashboardProps } from './react/astrato-dashboard.js';
export { useAstratoDashboard, type AstratoDashboardOptions, type AstratoDashboardCallbacks, type AstratoDashboardBinding } from './react/use-astrato-dashboard.js';
