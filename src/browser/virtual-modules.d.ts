/** Modules the lab worker's bundle makes at build time (lab-bundle.ts). */
declare module 'virtual:lab-definitions' {
  /** Every lab's lab.json text, by lab id. */
  export const LAB_DEFINITIONS: Record<string, string>;
}
