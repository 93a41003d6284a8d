import { beforeAll, describe, expect, it } from 'vitest';
import { loadInNode, majorOf, REACT_VERSIONS } from '../support/react-versions.js';

type ServerRender = typeof import('../support/server-render.js');

const props = { embedUrl: 'https://app.astrato.io/embed/AbC123', ticketUrl: '/api/astrato-ticket', filters: { 'Date Dim.Year': 2026 }, onLoad: () => {} };

describe.each(REACT_VERSIONS)('@oemkit/browser/react rendered on a server with React %i', (version) => {
  let server: ServerRender;
  beforeAll(async () => {
    server = await loadInNode<ServerRender>('test/support/server-render.ts', version);
  });

  it('renders the empty container with its id, class and style, touching no browser global', async () => {
    // Node has neither: any use of them during import or render throws a ReferenceError.
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
    expect(majorOf(server.version)).toBe(version);
    expect(server.renderComponent({ ...props, id: 'sales', className: 'dashboard', style: { height: 600 } })).toBe(
      '<div id="sales" class="dashboard" style="height:600px"></div>',
    );
  });

  it('gives a hook user no dashboard during the server render', async () => {
    expect(server.renderHookUser(props)).toBe('<section data-dashboard="none"></section>');
  });
});
