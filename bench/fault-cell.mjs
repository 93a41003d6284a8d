// One cell of bench/fault-matrix.mjs, in its own process: prepare the call, wait for the fault to
// be armed, run the call, judge it, report. See that file.
import { faultRows, judge, prepare } from '../packages/server/test/support/fault-matrix.mjs';

const { serverEntry, call, urls, rowIndex } = JSON.parse(process.argv[2]);
// The row is rebuilt here rather than sent: JSON would drop the `undefined`s it expects.
const outcome = faultRows(urls)[rowIndex].outcome(call);
const clients = await import(serverEntry);
const prepared = await prepare(call, clients, urls);
await new Promise((armed) => {
  process.once('message', armed);
  process.send({ credential: prepared.credential });
});
const started = performance.now();
const result = await prepared.run().then(
  () => ({ ok: true }),
  (error) => ({ ok: false, error }),
);
const ms = performance.now() - started;
const problems = judge(outcome, result, { secrets: prepared.secrets, ms, foreignHits: 0 });
process.send({ problems, ms, rssMb: Math.round(process.resourceUsage().maxRSS / 1024) }, () => process.exit(0));
