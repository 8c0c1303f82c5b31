export * from './orders.js';
export * from './query.js';
export * from './sync.js';
