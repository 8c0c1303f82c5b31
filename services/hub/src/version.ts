import { createRequire } from 'node:module';

/** The hub service's version, from its package.json. */
export const VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
