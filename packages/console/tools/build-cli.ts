/** `pnpm --filter @hvar/console build`: builds the console into packages/console/dist. */
import { buildConsole } from './build.js';

const built = await buildConsole(process.argv[2]);
process.stdout.write(`console built in ${built.ms.toFixed(0)} ms: ${built.dir} (${built.script})\n`);
