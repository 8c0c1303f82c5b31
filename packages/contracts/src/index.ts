export * from './define.js';
export * from './messages/order-changed.js';
export * from './queues/index.js';
export * from './http/index.js';
