#!/usr/bin/env node
// The `oemkit` executable. Committed, not built: package managers link a bin when they install,
// before `pnpm build` has made dist/ in a fresh clone, and a missing target makes them warn.
import '../dist/cli.js';
