/**
 * The wire contract shared by both sides: zod schemas and types for every Astrato and DataBrain
 * message and for oemkit's own ticket and guest-token endpoints, row-level filter parameters with their builder,
 * and the zod-free core (the oemkit error family, Astrato's constants, the base-URL rule).
 *
 * @module @oemkit/schema
 */
export * from './astrato/token.js';
export * from './astrato/setup.js';
export * from './astrato/session.js';
export * from './filter-parameters/filter-parameters.js';
export * from './filter-parameters/builder.js';
export * from './databrain/guest-token.js';
export * from './endpoints/ticket-endpoint.schema.js';
export * from './endpoints/guest-token-endpoint.schema.js';
export * from './validation/validate.js';
export * from './core.js';
