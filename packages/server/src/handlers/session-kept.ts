/**
 * The ticket endpoint's session model: whether the session a page remembers is still the one the
 * signed-in user gets, so it needs no ticket.
 *
 * @module
 */
import { isSessionKey, SESSION_KEY_FIELD, SESSION_KEY_HEADER } from '@oemkit/schema';
import { ValidationError } from '@oemkit/schema/errors';
import { SESSION_KEY_PROBLEM } from '@oemkit/schema/internal';
import type { AstratoClient, SetupInput } from '../astrato/astrato-client.js';
import type { Prepared } from './endpoint-handler.js';
import { sameSessionKey } from './same-session-key.js';

/**
 * Derives the key of the session this input makes and compares it with the page's
 * `Oemkit-Session-Key`: the same key is `{ kept }` (answer it alone, mint nothing); anything else,
 * a header that is not a key included, mints and names the new session. A client without
 * `sessionKey` (a hand-written `{ setup }`) mints and adds nothing, as before session keys.
 *
 * @throws `ValidationError` for an input `setup` would refuse, or a key from a hand-written client that is not one.
 */
export async function keepOrMint(client: Partial<Pick<AstratoClient, 'sessionKey'>>, input: SetupInput, request: Request): Promise<Prepared> {
  if (typeof client.sessionKey !== 'function') return { add: {} };
  const key = await client.sessionKey(input);
  if (!isSessionKey(key)) {
    // A hand-written client's bug: a page could neither send nor store it. Its value stays out of the message.
    throw new ValidationError('answer of client.sessionKey()', [{ path: [], message: SESSION_KEY_PROBLEM }]);
  }
  const remembered = request.headers.get(SESSION_KEY_HEADER);
  const fields = { [SESSION_KEY_FIELD]: key };
  return isSessionKey(remembered) && sameSessionKey(remembered, key) ? { kept: fields } : { add: fields };
}
