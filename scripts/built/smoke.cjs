// The built packages as a CommonJS user gets them, and errors recognised across the two copies.
const assert = require('node:assert/strict');
const server = require('@oemkit/server');
// The error family's one home is @oemkit/schema/errors (the schema root no longer re-exports it).
const errors = require('@oemkit/schema/errors');
const browser = require('@oemkit/browser');

const error = new errors.RateLimitError({ service: 'astrato', status: 429, method: 'POST', url: 'https://x.test', retryAfter: 2 });
assert.equal(server.isOemkitError(error, 'RATE_LIMITED'), true);
assert.equal(browser.encodeFilters([{ field: 'A', values: ['b'] }]), 'A|b;');
assert.equal(typeof server.AstratoClient, 'function');
assert.equal(typeof require('@oemkit/server/testing').createAstratoEmulator, 'function');
assert.equal(typeof require('@oemkit/server/cli').runCli, 'function');
import('@oemkit/schema/errors').then((esm) => {
  // A CJS error seen by the ESM copy's guard: the brand survives duplicate copies.
  assert.equal(esm.isOemkitError(error, 'RATE_LIMITED'), true);
  console.log('cjs: require, exports maps, cross-copy error guard ok');
});
