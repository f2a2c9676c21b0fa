/** Modules the lab worker's bundle makes at build time (lab-bundle.ts). */
declare module 'virtual:lab-definitions' {
  /** Every lab's lab.json text, by lab id. */
  export const LAB_DEFINITIONS: Record<string, string>;
  /** The files each page lab's folder has besides those the learner edits, by lab id: file name -> text. */
  export const LAB_PROVIDED_FILES: Record<string, Record<string, string>>;
}
