/**
 * What embedDashboard refuses before it touches the page or the network. The checks run before
 * any DOM access, so a stand-in container (and a stand-in document for the preconnect hint that
 * follows them) is enough here; Chromium tests cover the rest.
 */
import { describe, expect, it } from 'vitest';
import { catchError } from '@oemkit/test-support/catch-error';
import { FilterError, ValidationError, embedDashboard, type EmbedOptions } from '../../src/index.js';
import { useStandInDocument } from '../support/stand-in-document.js';

const page = useStandInDocument();

const valid = {
  container: {} as HTMLElement,
  embedUrl: 'https://app.astrato.io/embed/AbC123',
  // Never settles: the handle stays usable, nothing is fetched and the page is never touched.
  getTicket: () => new Promise<string>(() => {}),
};

describe('embedDashboard options', () => {
  const durations: [keyof EmbedOptions, unknown, string][] = [
    ['recoveryDelay', -1, 'from 0 to 2147483647'],
    ['recoveryDelay', Number.NaN, 'from 0 to 2147483647'],
    ['recoveryDelay', '400', 'from 0 to 2147483647'],
    ['loopWindow', 0, 'from 1000 to 2147483647'],
    ['loopWindow', Number.POSITIVE_INFINITY, 'from 1000 to 2147483647'],
    ['timeout', 0, 'from 1 to 2147483647'],
    ['timeout', 2 ** 31, 'from 1 to 2147483647'],
    ['timeout', null, 'from 1 to 2147483647'],
  ];
  for (const [option, value, range] of durations) {
    it(`refuses ${option}: ${String(value)} with a ValidationError saying what to pass`, () => {
      const error = catchError(ValidationError, () => embedDashboard({ ...valid, [option]: value }));
      expect(error.issues).toEqual([{ path: [option], message: `must be a number of milliseconds ${range}` }]);
    });
  }

  it('refuses filters given as a string instead of encoding them character by character', () => {
    const error = catchError(ValidationError, () => embedDashboard({ ...valid, filters: 'Date Dim.Year|2026' as never }));
    expect(error.message).toBe('Invalid filters: pass [{ field, values }] or { field: values }');
  });

  it('refuses a baseUrl with a path, as the server does, with the origin to use', () => {
    const error = catchError(ValidationError, () => embedDashboard({ ...valid, baseUrl: 'https://app.astrato.io/app' }));
    expect(error.message).toBe('Invalid options: baseUrl: must be an origin such as https://app.astrato.io, with no path');
  });

  it('refuses an embed link on another origin, naming the baseUrl it must start with', () => {
    const error = catchError(ValidationError, () => embedDashboard({ ...valid, embedUrl: 'https://eu.astrato.io/embed/AbC123' }));
    expect(error.issues).toEqual([{ path: ['embedUrl'], message: 'must start with https://app.astrato.io/ (baseUrl), with no user name or password' }]);
    expect(() => embedDashboard({ ...valid, embedUrl: 'https://eu.astrato.io/embed/AbC123', baseUrl: 'https://eu.astrato.io/' })).not.toThrow();
  });

  it('refuses an embed link with a user name or password, which Chromium would not load in an iframe, on the right origin though it is, without quoting them', () => {
    for (const embedUrl of ['https://ana:s3cret-pw@app.astrato.io/embed/AbC123', 'https://ana@app.astrato.io/embed/AbC123', 'https://:s3cret-pw@app.astrato.io/embed/AbC123']) {
      const error = catchError(ValidationError, () => embedDashboard({ ...valid, embedUrl }));
      expect(error.issues).toEqual([{ path: ['embedUrl'], message: 'must start with https://app.astrato.io/ (baseUrl), with no user name or password' }]);
      expect(JSON.stringify(error)).not.toMatch(/ana|s3cret/);
    }
    expect(page.hints).toEqual([]);
  });

  it('accepts every duration at its bounds', () => {
    expect(() => embedDashboard({ ...valid, recoveryDelay: 0, loopWindow: 1_000, timeout: 2 ** 31 - 1 })).not.toThrow();
  });
});

describe('setFilters', () => {
  it('refuses undefined and null with a ValidationError instead of a TypeError', () => {
    const dashboard = embedDashboard(valid);
    for (const filters of [undefined, null]) {
      const error = catchError(ValidationError, () => dashboard.setFilters(filters as never));
      expect(error.message).toBe('Invalid filters: pass [{ field, values }] or { field: values }');
    }
  });
});

describe('the initial state', () => {
  it('is checked at call time: variables or query filters the link cannot express are refused before anything is fetched', () => {
    const error = catchError(FilterError, () => embedDashboard({ ...valid, queryFilters: [{ table: 'Territory', field: 'Sales/Country', values: ['Canada'] }] }));
    expect(error).toMatchObject({ field: 'Sales/Country', index: 0 });
    expect(error.message).toBe('Filter 0 ("Sales/Country") cannot be sent to Astrato: the field name contains "/", which the embed link cannot express');
    expect(() => embedDashboard({ ...valid, variables: ['vTop', 10] as never })).toThrow('Invalid options: variables: pass { name: value }');
    expect(page.hints).toEqual([]);
  });
});

describe('reload() with a new link', () => {
  it('refuses an embed link on another origin or an initial state the link cannot express, and throws nothing for a good one', () => {
    const dashboard = embedDashboard(valid);
    const error = catchError(ValidationError, () => dashboard.reload({ embedUrl: 'https://eu.astrato.io/embed/AbC123' }));
    expect(error.issues).toEqual([{ path: ['embedUrl'], message: 'must start with https://app.astrato.io/ (baseUrl), with no user name or password' }]);
    expect(() => dashboard.reload({ variables: { "v'Top": 1 } })).toThrow(FilterError);
    expect(() => dashboard.reload({ embedUrl: 'javascript:alert(1)' })).toThrow('Invalid options: embedUrl: must be an http(s) URL');
    expect(() => dashboard.reload({ embedUrl: 'https://ana:pw@app.astrato.io/embed/Other' })).toThrow('Invalid options: embedUrl: must start with https://app.astrato.io/ (baseUrl), with no user name or password');
    expect(() => dashboard.reload({ embedUrl: 'https://app.astrato.io/embed/Other', variables: { vTop: 5 } })).not.toThrow();
  });
});

describe('the preconnect hint', () => {
  it('goes into the page while the first ticket is fetched, for the Astrato origin', () => {
    embedDashboard({ ...valid, baseUrl: 'https://acme.astrato.io', embedUrl: 'https://acme.astrato.io/embed/AbC123' });
    expect(page.hints).toEqual([expect.objectContaining({ rel: 'preconnect', href: 'https://acme.astrato.io' })]);
  });
});
