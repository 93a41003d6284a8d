/**
 * What the embed page makes of its own link: the variables and query filters it was opened
 * with, each query filter matched against the emulated sales model, or the reason the link is
 * outside Astrato's grammar. Worked out on the server, so the first paint is already filtered.
 *
 * @module
 */
import { SALES_MODEL } from './astrato-embed-data.js';
import { parseEmbedLinkState, type EmbedLinkQueryFilter } from './astrato-link-state.js';

/** @internal A query filter, and the DYNAMIC FILTERING field of the model it filters (`null`: the model has no such field). */
export interface ResolvedQueryFilter extends EmbedLinkQueryFilter {
  appliesTo: string | null;
}

/** @internal The embed page's initial state; `error` says why the link could not be read (then nothing applies). */
export interface EmbedInitialState {
  variables: [name: string, value: string][];
  queryFilters: ResolvedQueryFilter[];
  error?: string;
}

/** @internal The field of the sales model a query filter addresses, or `null`; names match exactly, as in a semantic layer. */
export function modelFieldOf(filter: EmbedLinkQueryFilter): string | null {
  if (filter.model !== SALES_MODEL.name) return null;
  const found = Object.entries(SALES_MODEL.fields).find(([, known]) => known.table === filter.table && known.field === filter.field);
  return found ? found[0] : null;
}

/** @internal Reads the embed request's URL; a link outside the grammar becomes an error to show, not a thrown one. */
export function embedInitialState(url: string): EmbedInitialState {
  try {
    const state = parseEmbedLinkState(url);
    return { variables: state.variables, queryFilters: state.queryFilters.map((filter) => ({ ...filter, appliesTo: modelFieldOf(filter) })) };
  } catch (error) {
    return { variables: [], queryFilters: [], error: error instanceof Error ? error.message : String(error) };
  }
}
