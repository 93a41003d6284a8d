// @ts-check
import { fileURLToPath } from 'node:url';

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The @oemkit/* packages are pnpm workspace links to ../../packages: Turbopack must see the
  // whole repository to follow them. (It would infer this from the root lockfile; saying so is clearer.)
  turbopack: { root: fileURLToPath(new URL('../..', import.meta.url)) },
};

export default nextConfig;
