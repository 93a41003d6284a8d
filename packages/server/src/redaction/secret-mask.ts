/**
 * Finding known secrets in text the way a reader would see them: escapes read as the
 * characters they stand for, letters in either case, whitespace ignored. A vendor that echoes a
 * secret lower-cased (in a hostname), JSON- or HTML-escaped, percent-encoded twice, in hex, or
 * wrapped over lines has still echoed it.
 *
 * @module
 */
import { toHex } from '../runtime/hex.js';

/** What replaces every secret oemkit removes. */
export const REDACTED = '[REDACTED]';

/** Secrets shorter than this are not looked for: they would match ordinary words. */
const MINIMUM_SECRET_LENGTH = 4;
/**
 * Any run of this many characters copied from a secret (or one of its encodings) is removed: a
 * vendor that echoes a prefix, or a message cut off halfway through a secret, leaks no more
 * than seven characters of it.
 */
const FRAGMENT_LENGTH = 8;
// One escape, read as the character it stands for: JSON and JavaScript (`\u00e9`, `\x41`, `\/`),
// percent-encoding, and HTML character references. Bounded and unnested: linear on any input.
const ESCAPE = /\\u([\da-f]{4})|\\x([\da-f]{2})|\\([\\"/'])|%([\da-f]{2})|&#(\d{1,7});|&#x([\da-f]{1,6});|&(amp|lt|gt|quot|apos);/gi;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const WHITESPACE = /\s/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text as a reader sees it, and for each of its characters the span of the text it came from. */
interface ReadingView {
  view: string;
  from: number[];
  to: number[];
}

/**
 * Returns a function that replaces each secret in a text, and any run of eight characters copied
 * from one, with {@link REDACTED}. Made once per set of secrets, since a 16 KiB token has hundreds
 * of thousands of fragments; each text then costs time linear in its length.
 */
export function createSecretMask(secrets: readonly string[]): (text: string) => string {
  const short = new Set<string>();
  const fragments = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < MINIMUM_SECRET_LENGTH) continue;
    for (const form of encodedForms(secret)) {
      const view = readForm(form);
      if (view.length < MINIMUM_SECRET_LENGTH) continue;
      if (view.length < FRAGMENT_LENGTH) short.add(view);
      for (let start = 0; start + FRAGMENT_LENGTH <= view.length; start++) fragments.add(view.slice(start, start + FRAGMENT_LENGTH));
    }
  }
  return (text) => (short.size === 0 && fragments.size === 0 ? text : mask(text, short, fragments));
}

/**
 * Returns a function that tells whether a text holds one of `secrets` whole, in any form
 * {@link createSecretMask} reads (case, escapes, encodings). For a credential a vendor hands out,
 * which must not be one of ours: unlike the mask, it ignores a run of eight characters that two
 * random tokens may happen to share. Made once per set of secrets, since the forms of a token
 * are kilobytes; each text then costs one reading of it.
 */
export function createSecretFinder(secrets: readonly string[]): (text: string) => boolean {
  const views = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < MINIMUM_SECRET_LENGTH) continue;
    for (const form of encodedForms(secret)) {
      const view = readForm(form);
      if (view.length >= MINIMUM_SECRET_LENGTH) views.add(view);
    }
  }
  return (text) => {
    // A ticket or token has no escape or whitespace: lower-casing is all its reading takes.
    const view = readForm(text);
    for (const seen of views) if (seen.length <= view.length && view.includes(seen)) return true;
    return false;
  };
}

function mask(text: string, short: ReadonlySet<string>, fragments: ReadonlySet<string>): string {
  const { view, from, to } = read(text);
  const masked = new Uint8Array(text.length);
  const mark = (start: number, length: number) => masked.fill(1, from[start], to[start + length - 1]);
  for (const form of short) for (let at = view.indexOf(form); at !== -1; at = view.indexOf(form, at + 1)) mark(at, form.length);
  for (let start = 0; start + FRAGMENT_LENGTH <= view.length; start++) {
    if (fragments.has(view.slice(start, start + FRAGMENT_LENGTH))) mark(start, FRAGMENT_LENGTH);
  }
  let result = '';
  for (let index = 0; index < text.length; index++) {
    if (!masked[index]) result += text[index];
    else if (index === 0 || !masked[index - 1]) result += REDACTED;
  }
  return result;
}

/** {@link read}'s view, without the positions: text with no escape or whitespace (hex, base64, a ticket) is only lower-cased. */
function readForm(form: string): string {
  return /[\\%&\s]/.test(form) ? read(form).view : form.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

/** Reads escapes as their characters, ASCII letters in lower case, and leaves whitespace out. */
function read(text: string): ReadingView {
  const chars: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  const take = (decoded: string, start: number, end: number) => {
    for (const char of decoded) {
      if (WHITESPACE.test(char)) continue;
      // One entry per UTF-16 unit, so that the view indexes like the strings it is matched against.
      for (let unit = 0; unit < char.length; unit++) {
        chars.push(char.length === 1 && char >= 'A' && char <= 'Z' ? char.toLowerCase() : char[unit]!);
        from.push(start);
        to.push(end);
      }
    }
  };
  let index = 0;
  for (const match of text.matchAll(ESCAPE)) {
    for (; index < match.index; index++) take(text[index]!, index, index + 1);
    const end = match.index + match[0].length;
    const decoded = decode(match);
    if (decoded === undefined) continue;
    take(decoded, match.index, end);
    index = end;
  }
  for (; index < text.length; index++) take(text[index]!, index, index + 1);
  return { view: chars.join(''), from, to };
}

function decode([, unicode, hex, escaped, percent, decimal, codePoint, entity]: RegExpMatchArray): string | undefined {
  if (escaped !== undefined) return escaped;
  if (entity !== undefined) return ENTITIES[entity.toLowerCase()];
  const code = Number.parseInt((unicode ?? hex ?? percent ?? codePoint)!, 16);
  const value = decimal === undefined ? code : Number(decimal);
  return value <= 0x10ffff ? String.fromCodePoint(value) : undefined;
}

/**
 * The forms a secret travels in: as is, URL-encoded (once or twice), form-encoded, JSON-escaped, in
 * hex, base64 and base64url. Other escapes need no form of their own: they are read as characters.
 */
function encodedForms(secret: string): string[] {
  // encodeURIComponent throws on a lone surrogate; what a runtime sends for one is U+FFFD.
  const urlEncoded = encodeURIComponent(secret.replace(LONE_SURROGATE, '\ufffd'));
  const bytes = new TextEncoder().encode(secret);
  const formEncoded = new URLSearchParams({ s: secret }).toString().slice(2);
  // JSON-escaped too, for control characters: quotes, slashes and \u escapes are read as characters.
  const json = JSON.stringify(secret).slice(1, -1);
  return [...new Set([secret, urlEncoded, encodeURIComponent(urlEncoded), formEncoded, json, toHex(bytes), ...base64Forms(bytes)])];
}

/**
 * base64 and base64url of the secret at each of the three byte offsets it can have inside a
 * longer encoded value (`base64("id:secret")` in a Basic header, a JSON body encoded whole),
 * keeping only the characters that depend on the secret's bytes alone.
 */
function base64Forms(bytes: Uint8Array): string[] {
  let whole = '';
  for (const byte of bytes) whole += String.fromCharCode(byte);
  // The secret encoded alone, padding and all, so that none of it is left behind.
  const forms = [btoa(whole), btoa(whole).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')];
  for (let offset = 0; offset < 3; offset++) {
    const binary = '\0'.repeat(offset) + whole;
    const encoded = btoa(binary).slice(Math.ceil((offset * 8) / 6), Math.floor((binary.length * 8) / 6));
    forms.push(encoded, encoded.replaceAll('+', '-').replaceAll('/', '_'));
  }
  return forms;
}
