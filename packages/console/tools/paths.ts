import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The console package's root and where its build goes (the gateway serves this directory). */
export const CONSOLE_ROOT = fileURLToPath(new URL('../', import.meta.url));
export const DEFAULT_CONSOLE_DIR = path.join(CONSOLE_ROOT, 'dist');
