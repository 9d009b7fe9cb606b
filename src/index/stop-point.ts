/**
 * A fault-injection point for the crash tests (scripts/crash-reindex.ts). With CITERA_STOP_AFTER_INDEX_WRITES=N
 * in its environment, a build stops its own process (SIGSTOP) right after writing the N-th file of its new index
 * folder, so that the test can SIGKILL it there: in the middle of writing, with a half-written folder, however
 * slow the machine. Without the variable (always, outside those tests) it does nothing.
 */
let written = 0;

export function afterIndexFileWrite(): void {
  const stopAt = Number(process.env.CITERA_STOP_AFTER_INDEX_WRITES);
  if (!Number.isInteger(stopAt) || stopAt < 1) return;
  written++;
  if (written === stopAt) process.kill(process.pid, 'SIGSTOP');
}
