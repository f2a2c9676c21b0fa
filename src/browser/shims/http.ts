/** `node:http`/`node:https` in a page: a page serves no ports and the emulator is reached in-process, so every call refuses. */
import { unavailable } from './unavailable.ts';

/** Refuses. */
export const createServer = unavailable('http.createServer');
/** Refuses. */
export const request = unavailable('http.request');
/** Refuses. */
export const get = unavailable('http.get');
/** Refuses. */
export const Agent = unavailable('http.Agent');
/** HTTP status texts. */
export const STATUS_CODES: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error' };
export default { createServer, request, get, Agent, STATUS_CODES };
