/**
 * What a server does with the React entry: import it and render to HTML. Bundled with React 18 or
 * 19 by the SSR test (see react-versions.ts) and run in Node, where `window` and `document` do not
 * exist, so any use of them throws.
 */
import { createElement, version } from 'react';
import { renderToString } from 'react-dom/server';
import { AstratoDashboard, useAstratoDashboard, type AstratoDashboardProps } from '../../src/react.js';

export { version };

export const renderComponent = (props: AstratoDashboardProps) => renderToString(createElement(AstratoDashboard, props));

/** A component using the hook, which shows what the hook gave it during the server render. */
function HookUser(props: AstratoDashboardProps) {
  const { ref, dashboard } = useAstratoDashboard(props);
  return createElement('section', { ref, 'data-dashboard': dashboard === undefined ? 'none' : 'some' });
}

export const renderHookUser = (props: AstratoDashboardProps) => renderToString(createElement(HookUser, props));
