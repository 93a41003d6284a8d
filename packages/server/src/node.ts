export { toNodeHandler, type NodeHandler } from './node-adapter.js';
