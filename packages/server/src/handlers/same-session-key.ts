/**
 * How the ticket handler compares the session key a page sent with the one it derived.
 *
 * @module
 */

/**
 * Whether the key a page sent is the key the server derived, in a time that depends only on the
 * derived key's length, never on how much of it the sent one gets right: an early exit would let a
 * page that can time the endpoint guess a key character by character, and a right key answers
 * without a ticket. The lengths are compared without an early exit too.
 */
export function sameSessionKey(sent: string, derived: string): boolean {
  let difference = sent.length ^ derived.length;
  // Past the end of `sent`, charCodeAt gives NaN, which a bitwise operator reads as 0.
  for (let index = 0; index < derived.length; index++) difference |= sent.charCodeAt(index) ^ derived.charCodeAt(index);
  return difference === 0;
}
