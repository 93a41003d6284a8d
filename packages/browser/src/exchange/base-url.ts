import { ASTRATO_DEFAULT_BASE_URL } from '@oemkit/schema/core';

/**
 * Astrato's cloud, the default everywhere a base URL is optional: `ASTRATO_DEFAULT_BASE_URL` of
 * `@oemkit/schema`, under the name this package has always exported. A `baseUrl` must be an
 * origin like it, as on the server: a path is refused.
 */
export const DEFAULT_BASE_URL = ASTRATO_DEFAULT_BASE_URL;
