/**
 * The Node adapter: serve a Web-standard handler on `node:http` or Express.
 *
 * @module @oemkit/server/node
 */
export { toNodeHandler, type NodeHandler } from './adapters/node-adapter.js';
