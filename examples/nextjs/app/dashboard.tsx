'use client';
/**
 * The embedded dashboard, in the browser: `<AstratoDashboard>` with filters held in React state.
 * A filter button changes the state; the component sends the new filters to the dashboard it has,
 * with no new ticket and no reload.
 */
import { AstratoDashboard } from '@oemkit/browser/react';
import { useState } from 'react';

/** Filters from Astrato's dynamic-filtering examples, as buttons. */
const PRESETS: { label: string; filters: Record<string, string[]> }[] = [
  { label: 'Fresh & Frozen', filters: { 'Product Dim.Hierarchy Lvl2 Name': ['Fresh', 'Frozen'] } },
  { label: 'Grocery', filters: { 'Product Dim.Hierarchy Lvl2 Name': ['Grocery'] } },
  { label: 'United Kingdom', filters: { 'Region Dim.Country Name': ['United Kingdom'] } },
];

/**
 * `initialTicket` is the one the page minted while it rendered, with its session key: the first
 * redemption uses it (none at all when the browser already holds that session), and `ticketUrl`
 * gives every later ticket (a lost session, or that one refused as expired).
 */
export function Dashboard({ baseUrl, embedUrl, initialTicket }: { baseUrl: string; embedUrl: string; initialTicket: { ticketId: string; sessionKey: string } | undefined }) {
  const [filters, setFilters] = useState<Record<string, string[]>>({});
  const [events, setEvents] = useState<string[]>([]);
  const report = (event: string) => setEvents((earlier) => [...earlier, event]);
  const pressed = (preset: Record<string, string[]>) => Object.entries(preset).every(([field, values]) => filters[field]?.join() === values.join());

  return (
    <>
      <div className="bar">
        {PRESETS.map((preset) => (
          <button key={preset.label} aria-pressed={pressed(preset.filters)} onClick={() => setFilters((current) => ({ ...current, ...preset.filters }))}>
            {preset.label}
          </button>
        ))}
      </div>
      <AstratoDashboard
        className="dashboard"
        baseUrl={baseUrl}
        embedUrl={embedUrl}
        ticketUrl="/api/astrato-ticket"
        initialTicket={initialTicket}
        filters={filters}
        onLoad={() => report('load')}
        onSessionRecovered={() => report('sessionRecovered')}
        onError={(error) => report(`error ${error.code}: ${error.message}`)}
        // The workbook's own events (what its author set up: a selection, the active sheet).
        onMessage={(message) => report(`message ${message.type} ${JSON.stringify(message.payload)}`)}
      />
      <h2>Events</h2>
      <pre className="events" data-testid="events">
        {events.join('\n')}
      </pre>
    </>
  );
}
