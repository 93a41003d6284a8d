/**
 * The ticket handler's default rate-limit key: the signed-in user's email, spelled one way
 * whichever way `authorize` spelled it.
 *
 * @module
 */

/**
 * The email as the limiter counts it: without surrounding whitespace, in Unicode's compatibility
 * form (NFKC), lower-cased. `Ana@Example.com`, ` ana@example.com` and `ＡＮＡ@example.com` are one
 * person, where compared exactly each would get its own limit (four spellings, four times the
 * tickets).
 *
 * NFKC rather than NFC: NFC only joins texts that are the same characters (a composed `é` and
 * `e` + U+0301); NFKC also joins what a reader takes for the same letters (fullwidth `ａ`, the
 * ligature `ﬁ`), as identity providers that map widths do. The costs are uneven: two distinct
 * people folded together share a limit far above what a person uses, while one person spelled
 * apart multiplies theirs. Anything that is not a string is left for the limiter to judge.
 */
export function emailKey(email: unknown): unknown {
  // NFKC again after lower-casing, since lower-casing can leave a text outside it; then trimmed,
  // since NFKC turns some spaces (U+3000) into the ones trim removes.
  return typeof email === 'string' ? email.normalize('NFKC').toLowerCase().normalize('NFKC').trim() : email;
}
