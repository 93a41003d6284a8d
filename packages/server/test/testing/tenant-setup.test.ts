import { describe, expect, it } from 'vitest';
import { createAstratoEmulator } from '../../src/testing.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');

async function redeem(emulator: ReturnType<typeof createAstratoEmulator>) {
  const base = 'https://acme.astrato.test';
  const token = await emulator.handle(new Request(`${base}/auth/proxy/m2m/token`, { method: 'POST', body: JSON.stringify({ clientId: emulator.clientId, clientSecret: emulator.clientSecret }) }));
  const { access_token: accessToken, expires_in: expiresIn } = (await token.json()) as { access_token: string; expires_in: number };
  const setup = await emulator.handle(
    new Request(`${base}/oem/setup`, { method: 'POST', headers: { authorization: `Bearer ${accessToken}` }, body: JSON.stringify({ email: 'ana@example.com', groupNames: ['Viewers'] }) }),
  );
  const { ticket } = (await setup.json()) as { ticket: string };
  return { expiresIn, redemption: await emulator.handle(new Request(`${base}/auth/proxy/oem/ticket/${ticket}?embed`)) };
}

describe('the Astrato emulator set up as a tenant', () => {
  it('sets the session cookie attributes it is given', async () => {
    const { redemption } = await redeem(createAstratoEmulator({ sessionCookie: { sameSite: 'None', secure: true, partitioned: true } }));
    expect(redemption.headers.get('set-cookie')).toMatch(/; SameSite=None; Secure; Partitioned$/);
    const { redemption: lax } = await redeem(createAstratoEmulator({ sessionCookie: { sameSite: 'Lax', secure: false } }));
    expect(lax.headers.get('set-cookie')).toMatch(/; SameSite=Lax$/);
  });

  it('keeps its defaults without the option: SameSite=None; Secure over https, never Partitioned', async () => {
    const { redemption } = await redeem(createAstratoEmulator());
    expect(redemption.headers.get('set-cookie')).toMatch(/; SameSite=None; Secure$/);
  });

  it('sends the framing headers it is given on the embed page only', async () => {
    const emulator = createAstratoEmulator({ framing: { frameAncestors: "'self'", xFrameOptions: 'DENY' } });
    const page = await emulator.handle(new Request('https://acme.astrato.test/embed/sales'));
    expect([page.headers.get('content-security-policy'), page.headers.get('x-frame-options')]).toEqual(["frame-ancestors 'self'", 'DENY']);
    const { redemption } = await redeem(emulator);
    expect(redemption.headers.get('content-security-policy')).toBeNull();
  });

  it('runs its clock clockSkewMs off: the Date header and token expiry follow it', async () => {
    const emulator = createAstratoEmulator({ now: () => NOW, clockSkewMs: 300_000 });
    const { expiresIn, redemption } = await redeem(emulator);
    expect(redemption.headers.get('date')).toBe(new Date(NOW + 300_000).toUTCString());
    expect(expiresIn).toBe(NOW + 300_000 + 600_000);
  });

  it('refuses a clockSkewMs that is not a finite number', () => {
    expect(() => createAstratoEmulator({ clockSkewMs: Number.NaN })).toThrow('clockSkewMs must be a finite number of milliseconds, not NaN');
  });
});
