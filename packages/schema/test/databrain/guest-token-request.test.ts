import { describe, expect, it } from 'vitest';
import { dataBrainGuestTokenRequestV1Schema, dataBrainGuestTokenRequestV2Schema } from '../../src/index.js';
import { validate } from '../../src/internal.js';
import { ValidationError } from '../../src/errors.js';

const base = { clientId: 'acme', dataAppName: 'Sales App' };

function issuesOf(input: unknown) {
  try {
    validate(dataBrainGuestTokenRequestV2Schema, input, 'guest-token input');
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  return [];
}

describe('DataBrain guest-token request: forward-compatible', () => {
  it('accepts and keeps params.allowedEmbeds, from DataBrain’s API reference', () => {
    const body = validate(dataBrainGuestTokenRequestV2Schema, { ...base, params: { allowedEmbeds: ['embed-1', 'embed-2'] } }, 'guest-token input');
    expect(body.params?.allowedEmbeds).toEqual(['embed-1', 'embed-2']);
  });

  it('refuses an allowedEmbeds that is not a list of embed ids', () => {
    expect(issuesOf({ ...base, params: { allowedEmbeds: 'embed-1' } })).toEqual([{ path: ['params', 'allowedEmbeds'], message: 'must be an array' }]);
  });

  it('passes through keys it does not know, at the top level, in params and in filter entries', () => {
    const input = {
      ...base,
      metricId: 'm-1',
      embedId: 'e-1',
      params: { customerContext: { customerId: '285407' }, rlsSettings: [{ metricId: 'm1', values: { tenant_id: 'acme' }, operator: 'in' }] },
    };
    expect(validate(dataBrainGuestTokenRequestV2Schema, input, 'guest-token input')).toEqual(input);
  });

  it('keeps checking the fields it knows', () => {
    expect(issuesOf({ ...base, params: { dashboard: { id: '' } } })).toEqual([{ path: ['params', 'dashboard', 'id'], message: 'params.dashboard.id must not be empty' }]);
  });

  it('accepts any positive whole expiryTime: DataBrain documents no minimum', () => {
    expect(dataBrainGuestTokenRequestV1Schema.safeParse({ clientId: 'a', workspaceName: 'w', expiryTime: 3600 }).success).toBe(true);
    for (const expiryTime of [0, -5, 1.5]) expect(dataBrainGuestTokenRequestV2Schema.safeParse({ ...base, expiryTime }).success).toBe(false);
  });

  describe('prototype keys', () => {
    const cases = [
      ['an rlsSettings value', { params: { rlsSettings: [{ metricId: 'm1', values: JSON.parse('{"__proto__": "acme"}') }] } }, ['params', 'rlsSettings', 0, 'values', '__proto__']],
      ['an appFilters value', { params: { appFilters: [{ metricId: 'm1', values: JSON.parse('{"constructor": "x"}') }] } }, ['params', 'appFilters', 0, 'values', 'constructor']],
      ['permissions', { permissions: JSON.parse('{"prototype": true}') }, ['permissions', 'prototype']],
      ['an unknown params object', { params: { customerContext: JSON.parse('{"__proto__": {"customerId": "1"}}') } }, ['params', 'customerContext', '__proto__']],
      ['the top level', JSON.parse('{"__proto__": {"isAdmin": true}}'), ['__proto__']],
    ] as const;

    it.each(cases)('are refused in %s, naming the field, never silently dropped', (_where, extra, path) => {
      expect(issuesOf({ ...base, ...extra })).toEqual([
        { path, message: expect.stringMatching(/^is a prototype key/) },
      ]);
    });
  });
});
