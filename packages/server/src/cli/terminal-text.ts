/**
 * Text for a terminal: control characters made visible, so nothing the CLI prints (vendor
 * text, a typed argument the parser repeats, a cause from the network stack) can move the cursor,
 * retitle the window, ring the bell, overwrite a line with CR or reorder what the reader sees.
 *
 * @module
 */

// C0 except tab and line feed (the CLI's own layout), DEL, C1 (U+009B is a one-byte CSI to some
// terminals), and the bidirectional embeddings, overrides and isolates ("Trojan Source").
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const LINE_FEEDS = /\n/g;

const NAMED: Record<string, string> = { '\r': '\\r' };

/**
 * `\u001b`-style escapes for every control character but tab and line feed. The escape is also a
 * valid escape inside a JSON string, so JSON output stays JSON and parses back to the same text.
 */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, (char) => NAMED[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** {@link escapeControls}, and line feeds too: for one value inside a line (vendor text, a header). */
export function oneLine(text: string): string {
  return escapeControls(text).replace(LINE_FEEDS, '\\n');
}
