import { UnsupportedEnvironmentError } from '@oemkit/schema/errors';

/**
 * Refuses to run server code in a browser page, where the client secret or API key would be sent
 * to every visitor. Workers, Deno, Bun and Node have no `document`, so they pass.
 */
export function assertServerRuntime(what: string): void {
  const global = globalThis as { window?: unknown; document?: unknown };
  if (typeof global.window === 'object' && typeof global.document === 'object') {
    throw new UnsupportedEnvironmentError(
      `${what} is server-only: in a browser it would hand your secret to every visitor. ` +
        'Mint tickets on your backend and use @oemkit/browser in the page.',
    );
  }
}
