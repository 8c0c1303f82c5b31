export * from './classification.js';
export * from './customers.js';
export * from './hierarchy.js';
export * from './orders.js';
export * from './query.js';
export * from './sync.js';
export * from './service-actions.js';
