/**
 * src/core/kit.ts in the page: the kit's root is a folder of the lab worker's in-memory file
 * system (filled by kit-files.ts), and its version is read from package.json at bundle time.
 */
import kitPackage from '../../../package.json' with { type: 'json' };

/** The kit's root folder in the page's in-memory file system. */
export const KIT_ROOT = '/kit/';

/** The kit's version, from package.json. */
export const KIT_VERSION: string = kitPackage.version;
