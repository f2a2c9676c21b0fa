/** `node:fs/promises` in a page: the promise API of the same in-memory file system as `node:fs`. */
import fs from './fs.ts';

const promises = fs.promises;
const bind = <K extends keyof typeof promises>(name: K): (typeof promises)[K] => (promises[name] as Function).bind(promises) as (typeof promises)[K];

export const access = bind('access');
export const appendFile = bind('appendFile');
export const copyFile = bind('copyFile');
export const cp = bind('cp');
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
export const writeFile = bind('writeFile');
export const constants = fs.constants;
export default promises;
