/**
 * `node:fs` in a page: one in-memory file system (memfs) shared by the whole bundle, so code that
 * writes and reads files (Lambda's unpacked code, a lab's folder) works unchanged. `volume` is
 * exported for the page's own use: filling a lab folder, saving state, tests.
 */
import { fs as memory, vol } from 'memfs';

/** The in-memory volume behind every `node:fs` call in the page. */
export const volume = vol;
const fs = memory as unknown as typeof import('node:fs');
fs.mkdirSync('/tmp', { recursive: true });

const bind = <K extends keyof typeof fs>(name: K): (typeof fs)[K] => (fs[name] as Function).bind(fs) as (typeof fs)[K];

export const constants = fs.constants;
export const promises = fs.promises;
export const Stats = fs.Stats;
export const Dirent = fs.Dirent;
export const accessSync = bind('accessSync');
export const appendFileSync = bind('appendFileSync');
export const chmodSync = bind('chmodSync');
export const chownSync = bind('chownSync');
export const closeSync = bind('closeSync');
export const copyFileSync = bind('copyFileSync');
export const cpSync = bind('cpSync');
export const existsSync = bind('existsSync');
export const fstatSync = bind('fstatSync');
export const fsyncSync = bind('fsyncSync');
export const ftruncateSync = bind('ftruncateSync');
export const linkSync = bind('linkSync');
export const lstatSync = bind('lstatSync');
export const mkdirSync = bind('mkdirSync');
export const mkdtempSync = bind('mkdtempSync');
export const openSync = bind('openSync');
export const opendirSync = bind('opendirSync');
export const readdirSync = bind('readdirSync');
export const readFileSync = bind('readFileSync');
export const readlinkSync = bind('readlinkSync');
export const readSync = bind('readSync');
export const realpathSync = bind('realpathSync');
export const renameSync = bind('renameSync');
export const rmdirSync = bind('rmdirSync');
export const rmSync = bind('rmSync');
export const statSync = bind('statSync');
export const symlinkSync = bind('symlinkSync');
export const truncateSync = bind('truncateSync');
export const unlinkSync = bind('unlinkSync');
export const utimesSync = bind('utimesSync');
export const writeFileSync = bind('writeFileSync');
export const writeSync = bind('writeSync');
export const access = bind('access');
export const appendFile = bind('appendFile');
export const copyFile = bind('copyFile');
export const cp = bind('cp');
export const createReadStream = bind('createReadStream');
export const createWriteStream = bind('createWriteStream');
export const exists = bind('exists');
export const lstat = bind('lstat');
export const mkdir = bind('mkdir');
export const mkdtemp = bind('mkdtemp');
export const open = bind('open');
export const readdir = bind('readdir');
export const readFile = bind('readFile');
export const readlink = bind('readlink');
export const realpath = bind('realpath');
export const rename = bind('rename');
export const rm = bind('rm');
export const rmdir = bind('rmdir');
export const stat = bind('stat');
export const symlink = bind('symlink');
export const unlink = bind('unlink');
export const watch = bind('watch');
export const writeFile = bind('writeFile');

export default fs;
