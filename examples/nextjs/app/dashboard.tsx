'use client';
/**
 * The embedded dashboard, in the browser: filter buttons held in React state, and what the
 * dashboard reports shown under it.
 */
import { embedDashboard, type EmbeddedDashboard, type FilterInput } from '@oemkit/browser';
import { useEffect, useRef, useState } from 'react';

/** Filters from Astrato's dynamic-filtering examples, as buttons. */
const PRESETS: { label: string; filters: Record<string, string[]> }[] = [
  { label: 'Fresh & Frozen', filters: { 'Product Dim.Hierarchy Lvl2 Name': ['Fresh', 'Frozen'] } },
  { label: 'Grocery', filters: { 'Product Dim.Hierarchy Lvl2 Name': ['Grocery'] } },
  { label: 'United Kingdom', filters: { 'Region Dim.Country Name': ['United Kingdom'] } },
];

export function Dashboard({ baseUrl, embedUrl }: { baseUrl: string; embedUrl: string }) {
  const [filters, setFilters] = useState<Record<string, string[]>>({});
  const [events, setEvents] = useState<string[]>([]);
  const report = (event: string) => setEvents((earlier) => [...earlier, event]);
  const container = useRef<HTMLDivElement>(null);
  const dashboard = useRef<EmbeddedDashboard>(null);

  useEffect(() => {
    const embedded = embedDashboard({ container: container.current!, baseUrl, embedUrl, ticketUrl: '/api/astrato-ticket' });
    embedded.on('load', () => report('load'));
    embedded.on('error', (error) => report(`error ${error.code}`));
    dashboard.current = embedded;
    return () => embedded.destroy();
  }, [baseUrl, embedUrl]);
  useEffect(() => dashboard.current?.setFilters(filters as FilterInput), [filters]);

  const pressed = (preset: Record<string, string[]>) => Object.entries(preset).every(([field, values]) => JSON.stringify(filters[field]) === JSON.stringify(values));
  return (
    <>
      <div className="bar">
        {PRESETS.map((preset) => (
          <button key={preset.label} aria-pressed={pressed(preset.filters)} onClick={() => setFilters((current) => ({ ...current, ...preset.filters }))}>
            {preset.label}
          </button>
        ))}
      </div>
      <div ref={container} className="dashboard" />
      <h2>Events</h2>
      <pre className="events" data-testid="events">
        {events.join('\n')}
      </pre>
    </>
  );
}
