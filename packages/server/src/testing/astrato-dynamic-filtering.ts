/**
 * How the emulated embed page reads a `DYNAMIC FILTERING` payload, as Astrato's action
 * does. The function runs in the page: the embed page's script carries its source text, so it
 * is self-contained (no imports, no helpers) and unit-tested here in Node. It also avoids syntax a
 * build may lower into a helper the page lacks: the CommonJS build turns `??` into a call to
 * `_nullishCoalesce`, so `||` it is.
 *
 * @module
 */

/**
 * @internal Splits a payload on `;` into instructions, each on `|` into field (part 1) and values
 * (part 2), the values on `,`; an instruction whose field is empty applies nothing (the one
 * after the final `;`). The field name is trimmed of spaces and line breaks: Astrato's own
 * two-filter example writes one instruction per line ("Region Dim.Country Name|United Kingdom;"
 * then "Date Dim.Year|2026;") and says it "applies both filters in one event", which only holds
 * if the line break is not part of the second field's name. Values are kept as sent.
 */
export function parseDynamicFiltering(payload: string): [field: string, values: string[]][] {
  const filters: [string, string[]][] = [];
  for (const instruction of String(payload).split(';')) {
    const parts = instruction.split('|');
    const field = (parts[0] || '').trim();
    if (field !== '') filters.push([field, (parts[1] || '').split(',')]);
  }
  return filters;
}
