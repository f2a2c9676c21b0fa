/**
 * node:http as Node's own module object. An ES module import of node:http reads every one of its
 * exports, and one of them loads Node's bundled fetch and TLS: about 45 ms more before the port
 * can open. `process.getBuiltinModule` hands over the module without reading them.
 */
export const http = process.getBuiltinModule('node:http');
