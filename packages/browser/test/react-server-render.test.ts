import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleWithReact, majorOf, REACT_VERSIONS } from './support/react-versions.js';

type ServerRender = typeof import('./support/server-render.js');

const work = mkdtempSync(join(tmpdir(), 'oemkit-react-ssr-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The server-render module, bundled with React `version` and loaded as Node loads CommonJS. */
async function serverRender(version: (typeof REACT_VERSIONS)[number]): Promise<ServerRender> {
  const file = join(work, `server-render-${version}.cjs`);
  if (!existsSync(file)) writeFileSync(file, await bundleWithReact('test/support/server-render.ts', version, { format: 'cjs', platform: 'node' }));
  return createRequire(import.meta.url)(file) as ServerRender;
}

const props = { embedUrl: 'https://app.astrato.io/embed/AbC123', ticketUrl: '/api/astrato-ticket', filters: { 'Date Dim.Year': 2026 }, onLoad: () => {} };

describe.each(REACT_VERSIONS)('@oemkit/browser/react rendered on a server with React %i', (version) => {
  it('renders the empty container with its id, class and style, touching no browser global', async () => {
    // Node has neither: any use of them during import or render throws a ReferenceError.
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
    const server = await serverRender(version);
    expect(majorOf(server.version)).toBe(version);
    expect(server.renderComponent({ ...props, id: 'sales', className: 'dashboard', style: { height: 600 } })).toBe(
      '<div id="sales" class="dashboard" style="height:600px"></div>',
    );
  });

  it('gives a hook user no dashboard during the server render', async () => {
    const server = await serverRender(version);
    expect(server.renderHookUser(props)).toBe('<section data-dashboard="none"></section>');
  });
});
