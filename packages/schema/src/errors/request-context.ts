import type { Service } from './codes.js';

/**
 * Where a request that failed before it got an answer was going. The URL is already redacted.
 */
export interface RequestContext {
  service: Service;
  method: string;
  url: string;
}

/** @internal Formats "POST https://…" for messages. */
export function describeRequest(context: RequestContext): string {
  return `${context.method} ${context.url}`;
}
