/**
 * The labs a learner can do in the browser page, and why the others cannot be done there yet.
 * Labs 01-07 run whole in the page: their graders, the emulator, the functions (Lambda Workers)
 * and the learner's own modules the graders call (learner Workers, src/browser/learner/). Lab 07's
 * grader runs the shop's payment provider as a node:http server on 127.0.0.1: in the page it
 * listens on the page's loopback network (src/browser/net/), which the functions' fetch reaches.
 * Labs 08-11 are not tried in the page yet; lab 11 deploys a template through CloudFormation,
 * which the page does not run.
 */

/** Lab ids the page runs, in order. */
export const PAGE_LABS: readonly string[] = ['01-first-handler', '02-deploy-with-sdk', '03-orders-table', '04-order-events', '05-orders-api', '06-orders-queue', '07-payments-retries'];

/** Whether lab `labId` can be checked in the page. */
export function runsInPage(labId: string): boolean {
  return PAGE_LABS.includes(labId);
}
