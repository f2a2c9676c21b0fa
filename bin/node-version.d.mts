/** The oldest Node.js that runs the kit, as [major, minor]. */
export declare const NEEDED: readonly [number, number];
/** True when `version` (like "20.11.1" or "v24.1.0") is at least {@link NEEDED}. */
export declare function isSupported(version: string): boolean;
/** The lines that tell a learner on an old Node.js what to do. */
export declare function tooOldMessage(version: string, execPath: string): string;
/** Exits with code 1 and the message when this Node.js is too old. */
export declare function requireSupportedNode(): void;
