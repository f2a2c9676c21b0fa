/**
 * The Node.js check every entry point runs first. Plain JavaScript that old Node.js versions can
 * parse, so a learner on Node 18 or 20 is told what to do instead of seeing a loader error about ".ts".
 */
import { pathToFileURL } from 'node:url';

/** The oldest Node.js that runs the kit: it runs TypeScript files without flags. */
export const NEEDED = [22, 18];

/** True when `version` (like "20.11.1" or "v24.1.0") is at least {@link NEEDED}. */
export function isSupported(version) {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  return major > NEEDED[0] || (major === NEEDED[0] && minor >= NEEDED[1]);
}

/** The lines that tell a learner on an old Node.js what to do. */
export function tooOldMessage(version, execPath) {
  return [
    `workshop: this kit needs Node.js ${NEEDED.join('.')} or newer; this is Node.js ${version} (${execPath}).`,
    '  next: install Node.js 24 LTS (https://nodejs.org/en/download, or `nvm install 24` / `fnm install 24`),',
    '        open a new terminal so `node --version` shows v24, then run the command again.',
  ].join('\n');
}

/** Exits with code 1 and the message when this Node.js is too old. */
export function requireSupportedNode() {
  if (isSupported(process.versions.node)) return;
  console.error(tooOldMessage(`v${process.versions.node}`, process.execPath));
  process.exit(1);
}

// Run as a script (`node bin/node-version.mjs && ...` in npm scripts), it only checks.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  requireSupportedNode();
}
