import { OemkitError } from './oemkit-error.js';

/**
 * A dynamic filter cannot be sent to Astrato. Astrato's filtering action splits the payload on
 * `;`, `|` and `,` and does not trim, so such characters, surrounding white space in a field name,
 * an empty field or an empty value list would silently apply the wrong filter. `code` is
 * `'INVALID_FILTER'`; `field` names the offending filter.
 *
 * @example
 * ```ts
 * import { FilterError } from '@oemkit/schema/errors';
 * import { encodeFilters } from '@oemkit/browser';
 * try {
 *   encodeFilters({ 'Region Dim.Country Name': ['Bosnia; Herzegovina'] });
 * } catch (error) {
 *   if (error instanceof FilterError) console.log(error.code, error.field); // INVALID_FILTER Region Dim.Country Name
 * }
 * ```
 */
export class FilterError extends OemkitError {
  static get code(): 'INVALID_FILTER' {
    return 'INVALID_FILTER';
  }
  declare readonly code: 'INVALID_FILTER';
  /** The field name of the offending filter, as given. */
  declare readonly field: string;
  /** The position of the offending filter in the input. */
  declare readonly index: number;

  constructor(field: string, index: number, reason: string) {
    super('INVALID_FILTER', `Filter ${index} (${JSON.stringify(field)}) cannot be sent to Astrato: ${reason}`);
    this.name = 'FilterError';
    this.field = field;
    this.index = index;
  }
}
