#!/usr/bin/env node
// Packs the published packages as `pnpm publish` would (workspace: ranges become versions, the
// root LICENSE goes in) into a folder, and prints the npm command that installs them in any
// project. Run `pnpm build` first; `pnpm tarballs` does both. This is how to try a build that is
// not on the registry yet, and what scripts/release-check.mjs installs.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { publishedPackages } from './package-exports.mjs';

/**
 * `pnpm pack`s every published package into `destination`.
 * @param {string} destination
 * @returns {{ name: string, version: string, tarball: string, files: string[] }[]}
 */
export function packTarballs(destination) {
  mkdirSync(destination, { recursive: true });
  // The pnpm running this script when there is one (`pnpm tarballs`, `pnpm test`), else pnpm on PATH.
  const execPath = process.env.npm_execpath;
  const [command, ...prefix] = execPath?.includes('pnpm') ? [process.execPath, execPath] : ['pnpm'];
  return publishedPackages().map(({ dir }) => {
    const output = execFileSync(command, [...prefix, 'pack', '--pack-destination', destination, '--json'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const packed = JSON.parse(output.slice(output.indexOf('{')));
    return { name: packed.name, version: packed.version, tarball: packed.filename, files: packed.files.map((/** @type {{ path: string }} */ file) => file.path) };
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const destination = resolve(process.argv[2] ?? 'tarballs');
  const packed = packTarballs(destination);
  for (const { name, version, tarball } of packed) console.log(`${name}@${version}  ${relative(process.cwd(), tarball)}`);
  console.log(`\nInstall them together in your project (npm takes @oemkit/schema from its tarball, not the registry):\n`);
  console.log(`  npm install ${packed.map(({ tarball }) => tarball).join(' ')}`);
}
