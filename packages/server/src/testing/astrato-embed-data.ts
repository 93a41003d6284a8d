/**
 * The emulated dashboard's data: made-up, deterministic sales rows, and their reduction by
 * the session's row-level `org_id` parameter, done on the server as Astrato's semantic layer does,
 * so rows of another organisation never reach the page.
 *
 * @module
 */
import type { FilterParameters } from '@oemkit/schema';

/** @internal One row: organisation, country, product category, year, net sales in thousands. */
export type SalesRow = readonly [org: string, country: string, category: string, year: string, sales: number];

// Made-up weights; the products of these, with a fixed wobble per row, are the sales figures.
const ORGANISATIONS: Record<string, number> = { 'ACME-001': 1, 'GLOBEX-042': 0.72, 'INITECH-007': 0.48 };
const COUNTRIES: Record<string, number> = { 'United Kingdom': 1, Germany: 0.85, France: 0.7, 'United States': 1.3 };
const CATEGORIES: Record<string, number> = { Fresh: 1, Frozen: 0.6, Grocery: 1.25, Bakery: 0.45, Beverages: 0.8 };
const YEARS: Record<string, number> = { '2024': 0.85, '2025': 1, '2026': 1.12 };

/**
 * @internal The dashboard's model: which DYNAMIC FILTERING field filters which column of a {@link SalesRow}
 * (the field names of Astrato's dynamic-filtering examples), and the organisations and categories
 * in display order. An embed link's `queryFilter` addresses the same fields as
 * `<name>/<table>/<field>`: `Default/'Region Dim'/'Country Name'` is `Region Dim.Country Name`.
 */
export const SALES_MODEL = {
  name: 'Default',
  fields: {
    'Region Dim.Country Name': { column: 1, label: 'Country', table: 'Region Dim', field: 'Country Name' },
    'Product Dim.Hierarchy Lvl2 Name': { column: 2, label: 'Product group', table: 'Product Dim', field: 'Hierarchy Lvl2 Name' },
    'Date Dim.Year': { column: 3, label: 'Year', table: 'Date Dim', field: 'Year' },
  } as Record<string, { column: number; label: string; table: string; field: string }>,
  organisations: Object.keys(ORGANISATIONS),
  categories: Object.keys(CATEGORIES),
};

/** FNV-1a, mapped to 0.65..1.35: the same row always gets the same figure. */
function wobble(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return 0.65 + ((hash >>> 0) % 701) / 1000;
}

const ROWS: readonly SalesRow[] = Object.entries(ORGANISATIONS).flatMap(([org, orgWeight]) =>
  Object.entries(COUNTRIES).flatMap(([country, countryWeight]) =>
    Object.entries(CATEGORIES).flatMap(([category, categoryWeight]) =>
      Object.entries(YEARS).map(([year, yearWeight]): SalesRow => {
        const sales = 40 * orgWeight * countryWeight * categoryWeight * yearWeight * wobble(`${org}|${country}|${category}|${year}`);
        return [org, country, category, year, Math.round(sales)];
      }),
    ),
  ),
);

/**
 * @internal What the session's row-level parameters let it see: `org` is the organisation its rows are
 * reduced to, `null` when `[org_id].[undefined]: null` cleared the reduction (every row), and
 * `undefined` when the session set no `org_id` parameter, for which this model, like a semantic
 * layer whose parameter has no default, returns no rows.
 */
export interface RowLevelView {
  org: string | null | undefined;
  rows: readonly SalesRow[];
}

/** @internal Reduces the rows by the `org_id` parameter, of any type. */
export function rowLevelView(parameters: FilterParameters): RowLevelView {
  const key = Object.keys(parameters).find((name) => /^\[org_id\]\.\[[a-z]+\]$/.test(name));
  if (key === undefined) return { org: undefined, rows: [] };
  const value = parameters[key as keyof FilterParameters];
  if (value === null) return { org: null, rows: ROWS };
  const org = String(value);
  return { org, rows: ROWS.filter((row) => row[0] === org) };
}
