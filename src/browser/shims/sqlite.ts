/** `node:sqlite` in a page: there is no SQLite; the page's state database (src/browser/emulator) stands in for it. */
import { unavailable } from './unavailable.ts';

/** Refuses. */
export const DatabaseSync = unavailable('node:sqlite');
export default { DatabaseSync };
