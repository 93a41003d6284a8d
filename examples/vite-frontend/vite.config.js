// @ts-check
import { defineConfig } from 'vite';

/**
 * The dev server: the page and its script from Vite, everything under /api passed to the backend,
 * so the page calls its ticket endpoint on its own origin (no CORS, and its own cookies go along).
 * @param {{ backendUrl: string, astratoUrl: string }} options
 */
export function frontendConfig({ backendUrl, astratoUrl }) {
  return {
    root: new URL('.', import.meta.url).pathname,
    // The page needs only Astrato's address; the backend keeps the credentials.
    define: { 'import.meta.env.VITE_ASTRATO_URL': JSON.stringify(astratoUrl) },
    server: { host: '127.0.0.1', proxy: { '/api': { target: backendUrl } } },
  };
}

export default defineConfig(frontendConfig({ backendUrl: process.env.BACKEND_URL ?? 'http://127.0.0.1:3001', astratoUrl: process.env.VITE_ASTRATO_URL ?? 'http://127.0.0.1:4010' }));
