export * from './define.js';
export * from './queues/index.js';
