import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

// An inline icon: a file icon is a request of its own, which the browser asks for /favicon.ico
// without, and cancels (net::ERR_ABORTED) when the sign-in form navigates while it is under way.
const ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#1d2433"/><path d="M4 12V8M8 12V4M12 12V6" stroke="#fff" stroke-width="2"/></svg>';

export const metadata: Metadata = {
  title: 'Acme Analytics (Next.js)',
  icons: { icon: `data:image/svg+xml,${encodeURIComponent(ICON)}` },
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
