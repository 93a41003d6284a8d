export * from './astrato-token.js';
export * from './astrato-setup.js';
export * from './astrato-session.js';
export * from './filter-parameters.js';
export * from './databrain.js';
export * from './validate.js';
export * from './errors/index.js';
