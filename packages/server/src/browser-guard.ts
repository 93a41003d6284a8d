/**
 * What bundlers resolve for `@oemkit/server` under the `browser` condition: it exports nothing
 * (so any named import fails the build) and throws if loaded anyway.
 */
throw new Error(
  '@oemkit/server is server-only and was bundled for a browser. It holds client secrets and API keys ' +
    'that must never reach a page. Import @oemkit/browser in front-end code and call your own backend for tickets.',
);
