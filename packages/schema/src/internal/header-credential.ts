/**
 * What a credential sent in an HTTP header may be, for every credential oemkit sends that
 * way: DataBrain's API key (`Authorization: Bearer`) and the guest tokens the page hands back to
 * DataBrain's component.
 *
 * @module
 */

// Printable ASCII without spaces: a line break, a NUL or a space has no place in a header, and
// the runtime's error about one would quote the whole value. 4096 is far beyond any key or UUID
// DataBrain issues, and keeps a megabyte out of every request that carries it.
const HEADER_CREDENTIAL = /^[\x21-\x7e]{1,4096}$/;

/**
 * @internal Tells whether a value can travel as a credential in an HTTP header: 1 to 4096
 * printable ASCII characters without spaces.
 */
export function isHeaderCredential(value: unknown): value is string {
  return typeof value === 'string' && HEADER_CREDENTIAL.test(value);
}
