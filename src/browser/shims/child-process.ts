/** `node:child_process` in a page: every call refuses (a page cannot start processes). */
import { unavailable } from './unavailable.ts';

/** Refuses. */
export const spawn = unavailable('child_process.spawn');
/** Refuses. */
export const spawnSync = unavailable('child_process.spawnSync');
/** Refuses. */
export const exec = unavailable('child_process.exec');
/** Refuses. */
export const execSync = unavailable('child_process.execSync');
/** Refuses. */
export const execFile = unavailable('child_process.execFile');
/** Refuses. */
export const execFileSync = unavailable('child_process.execFileSync');
/** Refuses. */
export const fork = unavailable('child_process.fork');
export default { spawn, spawnSync, exec, execSync, execFile, execFileSync, fork };
