/**
 * What bundlers resolve for `@oemkit/server` under the `browser` condition. It is an ES module
 * with no exports, so any named import fails the build ("No matching export"), and it throws if
 * loaded anyway.
 */
throw new Error(
  '@oemkit/server is server-only and was bundled for a browser. It holds client secrets and API keys ' +
    'that must never reach a page. Import @oemkit/browser in front-end code and call your own backend for tickets.',
);

// Marks the file as an ES module for bundlers; there is nothing to import from it.
export {};
