// @ts-check
/**
 * What the host and the emulated workbook agree on. In Astrato the names and payloads of the
 * messages between a dashboard and its host are the workbook author's, set in the workbook's
 * actions: these are the ones the demo's emulated workbook is configured with. The initial state
 * is written into the embed link, so the first render is already filtered.
 */

/** The emulated workbook: its sheets and the message types of its actions. */
export const WORKBOOK = {
  sheets: ['Overview', 'Sales', 'Stock'],
  /** Posted when a bar is clicked: `{ field, values }`. */
  reportSelection: 'BAR SELECTED',
  /** Posted at load and on each change of sheet: the sheet's name. */
  reportActiveSheet: 'ACTIVE SHEET',
  /** Listened for by an "On browser event" action with a go-to block: the sheet's name. */
  goToSheet: 'GO TO SHEET',
};

/**
 * The first render's state, carried by the embed link: European countries only. A dynamic filter
 * on the same field (the "United Kingdom" button) replaces it, as a new selection does.
 */
export const INITIAL_STATE = {
  label: 'Europe (United Kingdom, Germany, France)',
  variables: { vRegion: 'Europe' },
  queryFilters: [{ table: 'Region Dim', field: 'Country Name', values: ['United Kingdom', 'Germany', 'France'] }],
};
