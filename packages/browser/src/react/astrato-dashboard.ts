/**
 * `<AstratoDashboard>`: an embedded Astrato dashboard as a React component.
 *
 * @module
 */
import { createElement, forwardRef, useImperativeHandle, type CSSProperties, type ReactElement, type RefAttributes } from 'react';
import type { EmbeddedDashboard } from '../embed/embed-types.js';
import type { WorkbookMessages } from '../embed/messages.js';
import { useAstratoDashboard, type AstratoDashboardOptions } from './use-astrato-dashboard.js';

/**
 * The props of {@link AstratoDashboard}: every option of {@link AstratoDashboardOptions} and its
 * callbacks, plus `id`, `className` and `style` for the element the iframe goes in (the iframe
 * fills it: give it a height).
 */
export type AstratoDashboardProps<M extends object = WorkbookMessages> = AstratoDashboardOptions<M> & {
  /** The container's `id`. */
  id?: string | undefined;
  /** The container's `class`. */
  className?: string | undefined;
  /** The container's inline style. */
  style?: CSSProperties | undefined;
};

/**
 * An embedded Astrato dashboard: a `<div>` (with your `id`, `className` and `style`) holding the
 * iframe of `embedDashboard`. It is {@link useAstratoDashboard} as a component, so the same rules
 * hold: `filters` and `embedUrl` are applied when their values change, without a remount or a new
 * ticket; the callbacks may change on every render; StrictMode costs no second ticket; an unmount
 * destroys the dashboard. A `ref` receives the `EmbeddedDashboard` handle once it has started, and
 * `null` after the unmount. `M` declares the workbook's messages for `onMessage`: write
 * `<AstratoDashboard<MyEvents> ... />`. The module starts with `'use client'`, so a Next.js server component
 * may render it with serializable props; callbacks and `getTicket` need a client component. An
 * `initialTicket` minted by the server while it rendered the page saves the first visit its
 * ticket request (see {@link AstratoDashboardOptions}): `ticketUrl` still renews lost sessions.
 *
 * @example
 * ```tsx
 * 'use client';
 * import { useRef, useState } from 'react';
 * import { AstratoDashboard } from '@oemkit/browser/react';
 * import type { EmbeddedDashboard } from '@oemkit/browser';
 *
 * export function Sales() {
 *   const [country, setCountry] = useState('United Kingdom');
 *   const dashboard = useRef<EmbeddedDashboard>(null);
 *   return (
 *     <AstratoDashboard
 *       ref={dashboard}
 *       embedUrl="https://app.astrato.io/embed/AbC123"
 *       ticketUrl="/api/astrato-ticket"
 *       filters={{ 'Region Dim.Country Name': country }}
 *       onError={(error) => console.warn(error.code)}
 *       style={{ height: 600 }}
 *     />
 *   );
 * }
 * ```
 */
export const AstratoDashboard = forwardRef<EmbeddedDashboard, AstratoDashboardProps>(function AstratoDashboard({ id, className, style, ...options }, ref) {
  const { ref: container, dashboard } = useAstratoDashboard(options as AstratoDashboardOptions);
  // The ref is attached only once there is a handle to give it.
  useImperativeHandle(dashboard ? ref : null, () => dashboard!, [dashboard]);
  return createElement('div', { ref: container, id, className, style });
  // forwardRef drops the type parameter; this signature gives it back.
}) as <M extends object = WorkbookMessages>(props: AstratoDashboardProps<M> & RefAttributes<EmbeddedDashboard<M>>) => ReactElement | null;
