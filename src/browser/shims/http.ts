/**
 * `node:http`/`node:https` in a page: `createServer` serves on the page's loopback network
 * (src/browser/net/), where the grader's fetch and the functions' fetch reach it; outgoing
 * requests go through `fetch`, so `request`, `get` and `Agent` refuse.
 */
import { createServer, IncomingMessage, Server, ServerResponse } from '../net/http-server.ts';
import { unavailable } from './unavailable.ts';

export { createServer, IncomingMessage, Server, ServerResponse };
/** Refuses. */
export const request = unavailable('http.request');
/** Refuses. */
export const get = unavailable('http.get');
/** Refuses. */
export const Agent = unavailable('http.Agent');
/** HTTP status texts. */
export const STATUS_CODES: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error', 503: 'Service Unavailable', 504: 'Gateway Timeout' };
export default { createServer, IncomingMessage, Server, ServerResponse, request, get, Agent, STATUS_CODES };
