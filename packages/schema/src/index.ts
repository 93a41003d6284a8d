/**
 * The wire contract shared by both sides: zod schemas and types for every Astrato and DataBrain
 * message, row-level filter parameters with their builder, and the oemkit error family.
 *
 * @module @oemkit/schema
 */
export * from './astrato-token.js';
export * from './astrato-setup.js';
export * from './astrato-session.js';
export * from './filter-parameters.js';
export * from './filter-parameter-builder.js';
export * from './databrain.js';
export * from './validate.js';
export * from './errors/index.js';
