/**
 * The browser tests drive Debian's chromium. `CHROMIUM_PATH` wins; else the first chromium on the
 * PATH; else it is installed with apt when we may (as for redis-server).
 */
import { existsSync } from 'node:fs';
import { aptInstall, which, type Log } from './proc.js';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome'];

async function findChromium(): Promise<string | undefined> {
  for (const name of NAMES) {
    const found = await which(name);
    if (found) return found;
  }
  return undefined;
}

/** The chromium to use, installing it when missing and allowed; undefined when there is none. */
export async function ensureChromium(log: Log): Promise<string | undefined> {
  const given = process.env.CHROMIUM_PATH;
  if (given) {
    if (!existsSync(given)) throw new Error(`CHROMIUM_PATH=${given} does not exist`);
    return given;
  }
  const found = await findChromium();
  if (found) return found;
  if (!(await aptInstall(['chromium', 'fonts-noto-core'], 'browser tests: chromium not found', log))) {
    log('browser tests: no chromium and no way to install it (not root, no apt): set CHROMIUM_PATH; the console tests will fail');
    return undefined;
  }
  return findChromium();
}
