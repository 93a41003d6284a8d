/**
 * `oemkit doctor` for Astrato: credentials, a test user's setup and groups, the redemption's
 * CORS answer and session cookie for the host's origin, whether the embed page may be framed there,
 * and the clock. Each check that cannot run because of an earlier failure is skipped, not failed.
 *
 * @module
 */
import { jwtExpiry } from '../../astrato/token-expiry.js';
import type { AstratoClient } from '../../astrato/astrato-client.js';
import { pass, fail, skip, type CheckResult } from './check-result.js';
import { clockCheck } from './clock-check.js';
import { framingVerdict } from './frame-ancestors.js';
import { corsCheck, sessionCookieCheck } from './redemption-checks.js';
import { vendorFailure } from './vendor-failure.js';

/** What the Astrato checks need. */
export interface AstratoDoctorInput {
  client: AstratoClient;
  hostOrigin: URL;
  embedLink: URL;
  email: string;
  groupNames: readonly string[];
  groupIds: readonly string[];
  fetch: typeof fetch;
  signal?: AbortSignal | undefined;
}

const CREDENTIALS_FIX = 'check ASTRATO_CLIENT_ID and ASTRATO_CLIENT_SECRET (rotated in Administration > System Settings > OEM Management API?) and that ASTRATO_URL is your tenant';

async function credentials({ client, signal }: AstratoDoctorInput): Promise<CheckResult> {
  try {
    const token = await client.getAccessToken({ signal });
    const expiry = jwtExpiry(token);
    if (expiry === undefined) return pass('credentials', 'a token was issued (not a JWT, so its lifetime is read from expires_in)');
    const minutes = Math.round((expiry - Date.now()) / 60_000);
    if (expiry <= Date.now()) return fail('credentials', 'the token was already expired when it arrived', 'see the clock check: this machine\'s clock is probably ahead');
    return pass('credentials', `a token was issued; it is valid for ${minutes} min`);
  } catch (error) {
    return vendorFailure('credentials', error, { AUTHENTICATION_ERROR: CREDENTIALS_FIX, VALIDATION_ERROR: CREDENTIALS_FIX }, CREDENTIALS_FIX);
  }
}

async function setup(input: AstratoDoctorInput): Promise<{ result: CheckResult; ticket?: string }> {
  const groups = [...input.groupNames, ...input.groupIds];
  try {
    const { ticket } = await input.client.setup(
      { email: input.email, ...(input.groupNames.length ? { groupNames: [...input.groupNames] } : {}), ...(input.groupIds.length ? { groupIds: [...input.groupIds] } : {}) },
      { signal: input.signal },
    );
    // Astrato creates a user without a group with no access: a dashboard it opens stays empty.
    if (groups.length === 0) return { ticket, result: fail('setup', `a ticket for ${input.email}, in no group`, 'a new user with no group has no access: pass --group <name> or --group-id <id>, as your ticket endpoint will') };
    return { ticket, result: pass('setup', `a ticket for ${input.email} in ${groups.join(', ')}`) };
  } catch (error) {
    const text = error instanceof Error ? error.message : '';
    const groupProblem = /group/i.test(text) || /GROUP/.test(String((error as { vendorCode?: unknown }).vendorCode ?? ''));
    const fix = groupProblem
      ? `Astrato does not know ${groups.length ? groups.join(', ') : 'the group'}: --group matches a group's name exactly as Astrato shows it, --group-id its id (Administration > Groups)`
      : 'read the message; quote its correlation id to Astrato support';
    return { result: vendorFailure('setup', error, { AUTHENTICATION_ERROR: CREDENTIALS_FIX }, fix) };
  }
}

async function redemption(input: AstratoDoctorInput, ticket: string, baseUrl: string): Promise<CheckResult[]> {
  const url = `${baseUrl}/auth/proxy/oem/ticket/${encodeURIComponent(ticket)}?embed`;
  const origin = input.hostOrigin.origin;
  try {
    const preflight = await input.fetch(url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET' }, signal: input.signal ?? null });
    const answer = await input.fetch(url, { headers: { origin, accept: 'application/json' }, credentials: 'include', redirect: 'manual', signal: input.signal ?? null });
    await answer.body?.cancel();
    if (answer.status !== 200) {
      return [fail('cors', `GET /auth/proxy/oem/ticket/<ticket>?embed answered ${answer.status}`, 'the ticket from setup was refused at once: check ASTRATO_URL is the tenant the embed link is on'), skip('session cookie', 'the redemption failed')];
    }
    return [corsCheck(origin, preflight, answer), sessionCookieCheck(input.hostOrigin, new URL(baseUrl), answer.headers.getSetCookie())];
  } catch (error) {
    return [vendorFailure('cors', error, {}, 'check ASTRATO_URL'), skip('session cookie', 'the redemption failed')];
  }
}

async function framingAndClock(input: AstratoDoctorInput): Promise<CheckResult[]> {
  const sentAt = Date.now();
  let page: Response;
  try {
    // As the iframe asks for it; redirects followed, since a login page it lands on must frame too.
    page = await input.fetch(input.embedLink, { headers: { 'sec-fetch-dest': 'iframe', accept: 'text/html' }, signal: input.signal ?? null });
    await page.body?.cancel();
  } catch (error) {
    return [vendorFailure('framing', error, {}, 'check --embed-link'), skip('clock', 'the embed page did not answer')];
  }
  const answeredAt = Date.now();
  const clock = clockCheck(page.headers.get('date'), sentAt, answeredAt);
  if (!page.ok) return [fail('framing', `the embed link answered ${page.status}`, 'copy the embed link again from Astrato (Share > Embed)'), clock];
  const verdict = framingVerdict(input.hostOrigin, new URL(page.url || input.embedLink), page.headers.get('content-security-policy'), page.headers.get('x-frame-options'));
  const framing = verdict.allowed
    ? pass('framing', `${input.hostOrigin.origin} may frame the embed page (${verdict.reason})`)
    : fail('framing', `${input.hostOrigin.origin} may not frame the embed page (${verdict.reason}): the iframe stays blank`, `ask Astrato to add ${input.hostOrigin.origin} to the tenant's allowed embedding origins (frame-ancestors)`);
  return [framing, clock];
}

/** Runs the Astrato checks in order. */
export async function astratoChecks(input: AstratoDoctorInput): Promise<CheckResult[]> {
  const results = [await credentials(input)];
  if (results[0]!.status !== 'pass') results.push(skip('setup', 'no token'), skip('cors', 'no ticket'), skip('session cookie', 'no ticket'));
  else {
    const made = await setup(input);
    results.push(made.result);
    if (made.ticket) results.push(...(await redemption(input, made.ticket, input.client.baseUrl)));
    else results.push(skip('cors', 'no ticket'), skip('session cookie', 'no ticket'));
  }
  results.push(...(await framingAndClock(input)));
  return results;
}
