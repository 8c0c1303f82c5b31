/** Integration tests serve the console from a fresh build (the gateway's default directory). */
import { buildConsole } from './build.js';

export default async function setup(): Promise<void> {
  await buildConsole();
}
