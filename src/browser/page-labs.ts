/**
 * The labs a learner can do in the browser page, and why the others cannot be done there yet.
 * Labs 01-06 run whole in the page: their graders, the emulator, the functions (Lambda Workers)
 * and the learner's own modules the graders call (learner Workers, src/browser/learner/).
 * Lab 07's grader runs the shop's payment provider as an HTTP server (node:http createServer on
 * 127.0.0.1) that the learner's function reaches over the network with fetch: a page cannot
 * listen on a port, and it has no in-page stand-in for a grader's server that the functions'
 * fetch would reach. Labs 08-11 are not tried in the page yet; lab 11 deploys a template through
 * CloudFormation, which the page does not run.
 */

/** Lab ids the page runs, in order. */
export const PAGE_LABS: readonly string[] = ['01-first-handler', '02-deploy-with-sdk', '03-orders-table', '04-order-events', '05-orders-api', '06-orders-queue'];

/** Whether lab `labId` can be checked in the page. */
export function runsInPage(labId: string): boolean {
  return PAGE_LABS.includes(labId);
}
