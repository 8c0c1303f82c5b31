/**
 * Integration tests serve the console from a fresh build: into CONSOLE_DIR when set (the test
 * gateway serves that directory too), else the gateway's default directory.
 */
import { buildConsole } from './build.js';

export default async function setup(): Promise<void> {
  await buildConsole(process.env.CONSOLE_DIR || undefined);
}
