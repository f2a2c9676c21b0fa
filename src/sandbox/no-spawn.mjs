// Preloaded (--import) into learner code where no OS sandbox exists: Node's permission model then
// refuses child processes, and this replaces its message ("use --allow-child-process", a flag the
// learner does not control) with what to do. Plain JavaScript: it must load before anything else.
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';

const MESSAGE = 'cannot start a process here: learner code may start processes only inside the OS sandbox, '
  + 'which needs Linux with bubblewrap. Install it (Debian/Ubuntu: `sudo apt-get install bubblewrap`; Fedora: `sudo dnf install bubblewrap`, '
  + 'or your distribution\'s bubblewrap package) and run again; on macOS and Windows, do the work in JavaScript instead.';

if (!process.permission?.has('child')) {
  for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) {
    childProcess[name] = function refused() {
      throw Object.assign(new Error(`child_process.${name} ${MESSAGE}`), { code: 'ERR_ACCESS_DENIED', permission: 'ChildProcess' });
    };
  }
  syncBuiltinESMExports();
}
