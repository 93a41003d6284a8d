// The hostile-vendor fault matrix on a build: every fault of packages/server/test/support/
// fault-matrix.mjs against every call, each cell in its own Node process (a client that reads an
// endless body dies of it, and must not take the table with it), with its time and peak memory.
//
//   node bench/fault-matrix.mjs                      the workspace's own build
//   node bench/fault-matrix.mjs --server <dir>       any other build of @oemkit/server (an old one)
//
// Prints numbers and what did not hold; asserts nothing (the test suite does, on the sources).
import { fork } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { CALLS, CALL_NAMES, faultRows, startMatrixEmulators } from '../packages/server/test/support/fault-matrix.mjs';
import { printTable } from './stats.mjs';

const CELL_LIMIT = 15_000;
/** A cell whose process peaks above this read a body it should have refused (idle: about 65 MB). */
const MEMORY_LIMIT_MB = 200;
const { values } = parseArgs({ options: { server: { type: 'string' } } });
const serverEntry = values.server
  ? pathToFileURL(resolve(values.server, 'dist/index.js')).href
  : import.meta.resolve('@oemkit/server');

const { emulators, urls, clearFaults, close } = await startMatrixEmulators();

/** Runs one cell in a child: it prepares the call, we arm the fault, it runs and judges. */
function runCell(row, rowIndex, call) {
  return new Promise((done) => {
    const child = fork(new URL('./fault-cell.mjs', import.meta.url), [JSON.stringify({ serverEntry, call, urls, rowIndex })], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    let foreignBefore = 0;
    let report;
    const limit = setTimeout(() => child.kill('SIGKILL'), CELL_LIMIT);
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-2_000)));
    child.on('message', (message) => {
      if (message.credential !== undefined) {
        emulators[CALLS[call].vendor].faults.add({ path: CALLS[call].path, action: row.action(message.credential) });
        foreignBefore = emulators.foreign.calls.length;
        child.send('go');
      } else report = message;
    });
    child.on('exit', (code, signal) => {
      clearTimeout(limit);
      clearFaults();
      const foreignHits = emulators.foreign.calls.length - foreignBefore;
      if (report) {
        const problems = [
          ...(foreignHits > 0 ? [`${foreignHits} request(s) reached the other origin`] : []),
          ...(report.rssMb > MEMORY_LIMIT_MB ? [`peak memory ${report.rssMb} MB`] : []),
          ...report.problems,
        ];
        done({ held: problems.length === 0, text: problems[0] ?? 'held', ms: report.ms, rssMb: report.rssMb });
      } else if (signal === 'SIGKILL') done({ held: false, text: `hung: no answer in ${CELL_LIMIT / 1000} s` });
      else done({ held: false, text: `crashed (${signal ?? `exit ${code}`}): ${lastLine(stderr)}` });
    });
  });
}

function lastLine(text) {
  return (text.trim().split('\n').filter((line) => /error|fatal|heap/i.test(line)).at(-1) ?? text.trim().split('\n').at(-1) ?? '').slice(0, 80);
}

const rows = [];
let held = 0;
let cells = 0;
for (const [rowIndex, row] of faultRows(urls).entries()) {
  const line = [row.name];
  for (const call of CALL_NAMES) {
    if (row.calls && !row.calls.includes(call)) {
      line.push('');
      continue;
    }
    const cell = await runCell(row, rowIndex, call);
    process.stderr.write(`${row.name} × ${call}: ${cell.held ? 'held' : cell.text}\n`);
    cells++;
    if (cell.held) held++;
    line.push(cell.held ? `held, ${Math.round(cell.ms)} ms, ${cell.rssMb} MB` : `BROKE: ${cell.text.slice(0, 48)}`);
  }
  rows.push(line);
}
await close();

console.log(`\nThe fault matrix against ${values.server ?? 'this build'} (${process.version}): ${held} of ${cells} cells held`);
console.log('Each cell: what happened, the call\'s time, and the peak memory (max RSS) of its process.\n');
printTable(['fault', ...CALL_NAMES], rows);
