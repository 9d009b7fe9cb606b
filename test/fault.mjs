// Fault injection for tests: file-system writes under a folder fail with a chosen error code (ENOSPC for a full
// disk, EROFS for a read-only file system, EACCES), as they would on such a disk. The tests run as root, where
// permissions cannot make a folder read-only, and mounting a small or read-only file system needs privileges a
// CI machine may not grant. Node's own `fs` functions are replaced and `syncBuiltinESMExports` updates every
// module's named imports of them.
//
// In this process: `const restore = failWrites(dir, 'ENOSPC')`. In a child process: run node with
// `--import ./test/fault.mjs` and the environment CITERA_FAIL_UNDER=dir, CITERA_FAIL_CODE=ENOSPC.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';

const WRITE_FLAGS = /[wa+]/;

/**
 * Makes writes under `dir` fail with `code` until the returned function is called. With ENOSPC, only what
 * takes space fails (writing file content, creating files and folders); removing and renaming still work, as
 * on a full disk. With any other code, every change fails.
 */
export function failWrites(dir, code) {
  const root = path.resolve(dir);
  const under = (p) => typeof p === 'string' || p instanceof URL ? (path.resolve(String(p)) + path.sep).startsWith(root + path.sep) : false;
  const fail = (op, p) => Object.assign(new Error(`${code}: fault injected by the test, ${op} '${p}'`), { code, errno: -1, syscall: op, path: String(p) });
  const space = ['openSync', 'writeFileSync', 'appendFileSync', 'mkdirSync', 'linkSync', 'copyFileSync', 'open', 'writeFile', 'appendFile', 'mkdir', 'link', 'copyFile'];
  const all = [...space, 'renameSync', 'rmSync', 'unlinkSync', 'rmdirSync', 'rename', 'rm', 'unlink', 'rmdir', 'symlinkSync', 'symlink'];
  const ops = code === 'ENOSPC' ? space : all;
  const saved = [];
  for (const [obj, isPromise] of [[fs, false], [fs.promises, true]]) {
    for (const name of ops) {
      if (isPromise === name.endsWith('Sync') || typeof obj[name] !== 'function') continue;
      const orig = obj[name];
      saved.push([obj, name, orig]);
      obj[name] = function (...args) {
        const isOpen = name === 'open' || name === 'openSync';
        const touches = name === 'link' || name === 'linkSync' || name === 'rename' || name === 'renameSync' ? under(args[0]) || under(args[1]) : under(args[0]);
        if (touches && (!isOpen || WRITE_FLAGS.test(String(args[1] ?? 'r')))) {
          const e = fail(name.replace(/Sync$/, ''), args[0]);
          if (isPromise) return Promise.reject(e);
          throw e;
        }
        return orig.apply(this, args);
      };
    }
  }
  syncBuiltinESMExports();
  return () => {
    for (const [obj, name, orig] of saved) obj[name] = orig;
    syncBuiltinESMExports();
  };
}

if (process.env.CITERA_FAIL_UNDER && process.env.CITERA_FAIL_CODE) failWrites(process.env.CITERA_FAIL_UNDER, process.env.CITERA_FAIL_CODE);
