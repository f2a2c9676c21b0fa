/**
 * The HTTP side of a built emulator: turns node:http messages into emulator requests, limits each
 * body by the service it is for, and writes the emulator's answer back.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { declaredTooLarge, drain, readLimitedBody } from './body-reader.ts';
import type { Emulator } from './emulator.ts';
import { answersWhileStarting } from './health.ts';
import { NO_BODY, answer, badRequest, toRequest } from './http-request.ts';
import { bodyLimitFor } from './request-limits.ts';

/** The request handler: limits the body by service from the headers, then hands the request to the emulator. */
export function requestHandler(emulator: Emulator): (message: IncomingMessage, reply: ServerResponse) => void {
  return (message, reply) => {
    const head = toRequest(message, NO_BODY);
    if (!head) {
      drain(message);
      return answer(message, reply, badRequest('The request URL could not be parsed; percent-encode the characters a URL may not hold.'));
    }
    // The body's limit depends on the service, which is known once the services have loaded.
    const started = emulator.isStarted || answersWhileStarting(head.path) ? Promise.resolve() : emulator.untilStarted();
    started
      .then(() => {
        const limit = bodyLimitFor(head, emulator);
        if (message.headers.expect?.toLowerCase() === '100-continue' && !declaredTooLarge(message, limit)) reply.writeContinue();
        return readLimitedBody(message, limit).then((outcome) => ('refused' in outcome ? limit.refuse(outcome.size) : emulator.handle({ ...head, body: outcome.body })));
      })
      .then((response) => answer(message, reply, response))
      .catch(() => {
        if (!reply.headersSent) answer(message, reply, badRequest('The request body could not be read; send it again.'));
        else reply.destroy();
      });
  };
}
