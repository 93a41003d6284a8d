// @ts-check
// The API reference of every published package. Its entry points are the exports maps', read
// through their `@oemkit/source` condition: the maps are the one list of entry points. The
// internal subpath is outside semver and has no page.
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INTERNAL_SUBPATH, publishedPackages, sourceEntries } from './scripts/package-exports.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));

/** @type {Partial<import('typedoc').TypeDocOptions>} */
const config = {
  entryPoints: publishedPackages().flatMap(({ dir, manifest }) =>
    sourceEntries(manifest)
      .filter(({ subpath }) => subpath !== INTERNAL_SUBPATH)
      .map(({ source }) => relative(root, join(dir, source))),
  ),
  name: 'oemkit',
  entryPointStrategy: 'resolve',
  tsconfig: 'tsconfig.docs.json',
  out: 'docs/api',
  readme: 'README.md',
  projectDocuments: ['docs/*.md'],
  excludePrivate: true,
  excludeInternal: true,
  excludeExternals: true,
  treatWarningsAsErrors: true,
  validation: {
    notExported: true,
    invalidLink: true,
    invalidPath: true,
    rewrittenLink: true,
    notDocumented: true,
    unusedMergeModuleWith: true
  },
  requiredToBeDocumented: ['Class', 'Function', 'Variable', 'TypeAlias', 'Interface', 'Enum'],
  sort: ['source-order'],
  navigation: {
    includeCategories: false,
    includeGroups: true
  },
  sourceLinkExternal: false,
  disableSources: true,
  githubPages: false,
  json: 'docs/api/api.json',
  highlightLanguages: ['bash', 'console', 'css', 'html', 'javascript', 'json', 'jsonc', 'json5', 'yaml', 'tsx', 'typescript', 'php', 'sh']
};

export default config;
