/** Build progress: a bar on a terminal, a line every few seconds otherwise (CI logs, pipes). */
import cliProgress from 'cli-progress';
import type { BuildProgress } from '../index/build.js';

export function progressReporter(stream: NodeJS.WriteStream = process.stderr) {
  const tty = Boolean(stream.isTTY);
  let bar: cliProgress.SingleBar | null = null;
  let phase = '';
  let last = 0;
  return {
    update: (p: BuildProgress) => {
      if (p.phase === 'done') return;
      if (tty) {
        if (phase !== p.phase) {
          bar?.stop();
          bar = new cliProgress.SingleBar({ format: `${p.phase.padEnd(9)} [{bar}] {value}/{total}`, stream, hideCursor: true }, cliProgress.Presets.shades_classic);
          bar.start(p.total ?? 0, p.done);
          phase = p.phase;
        }
        if (p.total !== null) bar!.setTotal(p.total);
        bar!.update(p.done);
      } else if (Date.now() - last > 3000 || phase !== p.phase) {
        phase = p.phase;
        last = Date.now();
        stream.write(`${p.phase}: ${p.done}${p.total !== null ? `/${p.total}` : ''}\n`);
      }
    },
    pause: () => {
      bar?.stop();
      bar = null;
      phase = '';
    },
    stop: () => {
      bar?.stop();
      bar = null;
    },
  };
}
