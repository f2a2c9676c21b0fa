/** `node:os` in a page: fixed, honest answers (a page has no host name, users or network interfaces). */

/** `/tmp`, a folder of the in-memory file system. */
export const tmpdir = (): string => '/tmp';
/** The page's stand-in home folder. */
export const homedir = (): string => '/home/learner';
/** `localhost`. */
export const hostname = (): string => 'localhost';
/** `browser`. */
export const platform = (): string => 'browser';
/** `Browser`. */
export const type = (): string => 'Browser';
/** The page's user agent, as a release string. */
export const release = (): string => (globalThis.navigator?.userAgent ?? '').slice(0, 60);
/** `wasm`. */
export const arch = (): string => 'wasm';
/** The line end. */
export const EOL = '\n';
/** One entry per logical processor the browser reports. */
export const cpus = (): Array<{ model: string; speed: number }> => Array.from({ length: globalThis.navigator?.hardwareConcurrency ?? 1 }, () => ({ model: 'browser', speed: 0 }));
/** Device memory when the browser tells it, else 4 GB. */
export const totalmem = (): number => ((globalThis.navigator as { deviceMemory?: number } | undefined)?.deviceMemory ?? 4) * 1024 ** 3;
/** Half of {@link totalmem}: a page cannot know. */
export const freemem = (): number => totalmem() / 2;
/** No network interfaces are visible to a page. */
export const networkInterfaces = (): Record<string, never[]> => ({});
/** A fixed learner identity. */
export const userInfo = () => ({ username: 'learner', uid: 1000, gid: 1000, shell: null, homedir: homedir() });
/** Signal numbers are those of Linux, for code that looks them up. */
export const constants = { signals: { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 } as Record<string, number>, errno: {} as Record<string, number> };
/** No load figures in a page. */
export const loadavg = (): number[] => [0, 0, 0];
/** Seconds since the page started. */
export const uptime = (): number => performance.now() / 1000;
export default { tmpdir, homedir, hostname, platform, type, release, arch, EOL, cpus, totalmem, freemem, networkInterfaces, userInfo, constants, loadavg, uptime };

/** The null device path, as Node names it on Linux. */
export const devNull = '/dev/null';
