import { describe, expect, it } from 'vitest';
import { catchError } from '@oemkit/test-support/catch-error';
import { ValidationError } from '../src/errors.js';
import { dataBrainErrorBodySchema, dataBrainGuestTokenRequestV1Schema, dataBrainGuestTokenRequestV2Schema, dataBrainGuestTokenResponseSchema, m2mTokenResponseSchema, redeemedUserSchema, setupRequestSchema, setupResponseSchema, ticketEndpointResponseSchema } from '../src/index.js';
import { validate } from '../src/internal.js';

describe('Astrato schemas', () => {
  it('accepts the seed token response and keeps unknown fields', () => {
    const body = { access_token: 'eyJ.x.y', expires_in: 1699891513107, scope: 'oem' };
    expect(m2mTokenResponseSchema.parse(body)).toEqual(body);
    expect(m2mTokenResponseSchema.parse({ access_token: 'a', expires_in: '600' }).expires_in).toBe('600');
  });

  it('refuses a token response without an access token', () => {
    expect(m2mTokenResponseSchema.safeParse({ expires_in: 600 }).success).toBe(false);
    expect(m2mTokenResponseSchema.safeParse({ access_token: '' }).success).toBe(false);
  });

  it('accepts both seed setup bodies', () => {
    expect(setupRequestSchema.safeParse({ email: 'dev@astrato.io', name: 'Developer Viewer', groupIds: ['a', 'b'] }).success).toBe(true);
    expect(setupRequestSchema.safeParse({ email: 'dev@astrato.io', name: 'OEM User', groupNames: ['OEM2'] }).success).toBe(true);
  });

  it('rejects unknown setup keys so a typo never creates a user without groups', () => {
    const error = catchError(ValidationError, () => validate(setupRequestSchema, { email: 'dev@astrato.io', groupId: ['a'] }, 'setup input'));
    expect(error.issues).toEqual([{ path: [], message: 'unknown key "groupId"' }]);
  });

  it('explains each problem in English without echoing the value', () => {
    const error = catchError(ValidationError, () =>
      validate(setupRequestSchema, { email: 'secret-ish', groupNames: [''], applyPendingInvites: 'yes' }, 'setup input'),
    );
    expect(error.message).toBe(
      'Invalid setup input: email: must be an email address; groupNames[0]: each of groupNames must be a non-empty string; applyPendingInvites: must be a boolean',
    );
    expect(error.message).not.toContain('secret-ish');
  });

  it('says a missing field is required', () => {
    expect(catchError(ValidationError, () => validate(setupRequestSchema, {}, 'setup input')).issues).toEqual([
      { path: ['email'], message: 'is required' },
    ]);
  });

  it('reads a ticket and a loosely shaped redeemed user', () => {
    expect(setupResponseSchema.parse({ ticket: 't-1' }).ticket).toBe('t-1');
    expect(redeemedUserSchema.parse({ email: 'a@b.co', groupIds: ['g'], extra: 1 })).toMatchObject({ extra: 1 });
  });

  it('refuses a setup ticket the page could not redeem, by the ticket endpoint’s own rule', () => {
    for (const ticket of ['', '../auth/proxy/0/sign_out', 't/1', 't?x']) {
      expect(setupResponseSchema.safeParse({ ticket }).success).toBe(false);
      expect(ticketEndpointResponseSchema.safeParse({ ticketId: ticket }).success).toBe(false);
    }
  });
});

describe('DataBrain schemas', () => {
  const params = {
    dashboard: { id: 'sales' },
    appFilters: [{ metricId: 'm1', values: { country: 'USA', age: { min: 10, max: 50 } } }],
    dashboardAppFilters: [
      { dashboardId: 'sales', values: { period: { startDate: '2026-01-01', endDate: '2026-12-31' } }, isShowOnUrl: false },
    ],
    rlsSettings: [{ metricId: 'm1', values: { tenant_id: ['acme', 'acme-eu'] } }],
    hideDashboardFilters: ['tenant_id'],
    userIdentifier: 'user-7',
    timezone: 'Europe/Berlin',
  };

  it('accepts every documented field for v1 and v2', () => {
    expect(dataBrainGuestTokenRequestV1Schema.safeParse({ clientId: 'acme', workspaceName: 'Sales', params, expiryTime: 60_000, datasourceName: 'pg' }).success).toBe(true);
    expect(dataBrainGuestTokenRequestV2Schema.safeParse({ clientId: 'acme', dataAppName: 'App', params, permissions: { isEnableManageMetrics: false } }).success).toBe(true);
  });

  it('requires the version-specific name and refuses the other', () => {
    expect(dataBrainGuestTokenRequestV1Schema.safeParse({ clientId: 'acme', dataAppName: 'App' }).success).toBe(false);
    expect(dataBrainGuestTokenRequestV2Schema.safeParse({ clientId: 'acme', workspaceName: 'Sales' }).success).toBe(false);
  });

  it('refuses a non-positive or fractional expiryTime', () => {
    for (const expiryTime of [0, -5, 1.5, 60_000.5]) {
      expect(dataBrainGuestTokenRequestV2Schema.safeParse({ clientId: 'a', dataAppName: 'b', expiryTime }).success).toBe(false);
    }
  });

  it('accepts token or guestToken in the answer but not neither', () => {
    expect(dataBrainGuestTokenResponseSchema.safeParse({ token: 'u' }).success).toBe(true);
    expect(dataBrainGuestTokenResponseSchema.safeParse({ success: true, guestToken: 'u' }).success).toBe(true);
    expect(dataBrainGuestTokenResponseSchema.safeParse({ success: true }).success).toBe(false);
  });

  it('reads the documented error body, including the odd AUTHENTICATION_ERR spelling', () => {
    expect(dataBrainErrorBodySchema.parse({ error: { code: 'AUTHENTICATION_ERR', message: 'bad key' } }).error.code).toBe('AUTHENTICATION_ERR');
  });
});
