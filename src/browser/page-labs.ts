/**
 * The labs a learner can do in the browser page, and why the others cannot be done there yet:
 * their graders call the learner's own modules outside Lambda (a separate process on a machine).
 */

/** Lab ids the page runs, in order. */
export const PAGE_LABS: readonly string[] = ['01-first-handler'];

/** Whether lab `labId` can be checked in the page. */
export function runsInPage(labId: string): boolean {
  return PAGE_LABS.includes(labId);
}
