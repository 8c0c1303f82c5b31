export * from './define.js';
export * from './messages/classification-rules.js';
export * from './messages/hierarchy-changed.js';
export * from './messages/hierarchy-commands.js';
export * from './messages/order-changed.js';
export * from './messages/order-classified.js';
export * from './queues/index.js';
export * from './http/index.js';
