#!/usr/bin/env node
// `npm start` / `npm test` entry: node infra/bin/bootstrap.mjs start|test [args].
// Runs before node_modules exists, so it uses Node built-ins only. It makes sure Node is new enough,
// pnpm is there and dependencies are installed (only when the lockfile changed, so a second start is
// fast), then runs infra/src/<command>.ts.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const STAMP = path.join(ROOT, 'node_modules', '.hvar-install-stamp');
const LOCKFILE = path.join(ROOT, 'pnpm-lock.yaml');
const TOOLS = path.join(ROOT, '.data', 'tools');
const PNPM_SPEC = 'pnpm@12';
const MIN_NODE = [20, 19];
const SCRIPTS = { start: 'infra/src/start.ts', test: 'infra/src/test.ts', bench: 'infra/src/bench.ts' };
const IS_WINDOWS = process.platform === 'win32';
const DUPLICATE_SIGNAL_MS = 500;

function main() {
  const [command = '', ...args] = process.argv.slice(2);
  const script = SCRIPTS[command];
  if (!script) fail('usage: node infra/bin/bootstrap.mjs start|test|bench [args]', 2);
  checkNode();
  const pnpm = ensurePnpm();
  installIfNeeded(pnpm);
  runScript(script, args, pnpm);
}

function checkNode() {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  const [needMajor, needMinor] = MIN_NODE;
  if (major < needMajor || (major === needMajor && minor < needMinor)) {
    fail(`Node.js ${needMajor}.${needMinor} or newer is required (this is ${process.versions.node}).`);
  }
}

/** Returns how to call pnpm: `{ bin, dir }`, where `dir` must be put on PATH for child processes. */
function ensurePnpm() {
  if (works('pnpm')) return { bin: 'pnpm', dir: undefined };
  const local = path.join(TOOLS, 'node_modules', '.bin', IS_WINDOWS ? 'pnpm.cmd' : 'pnpm');
  if (existsSync(local) && works(local)) return { bin: local, dir: path.dirname(local) };
  const prefix = capture('npm', ['prefix', '-g']);
  if (prefix && canWrite(IS_WINDOWS ? prefix : path.join(prefix, 'lib', 'node_modules'))) {
    say(`pnpm not found: installing ${PNPM_SPEC} globally with npm`);
    mustRun('npm', ['install', '--global', PNPM_SPEC]);
    if (works('pnpm')) return { bin: 'pnpm', dir: undefined };
    // The global bin directory may not be on PATH (e.g. a custom prefix).
    const globalBin = IS_WINDOWS ? prefix : path.join(prefix, 'bin');
    return { bin: path.join(globalBin, IS_WINDOWS ? 'pnpm.cmd' : 'pnpm'), dir: globalBin };
  }
  say(`pnpm not found and the global npm prefix is not writable: installing ${PNPM_SPEC} into .data/tools`);
  mkdirSync(TOOLS, { recursive: true });
  mustRun('npm', ['install', '--prefix', TOOLS, '--no-save', '--no-package-lock', PNPM_SPEC]);
  return { bin: local, dir: path.dirname(local) };
}

/** `pnpm install` only when node_modules is missing or older than the lockfile. */
function installIfNeeded(pnpm) {
  const stampTime = existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0;
  const lockTime = existsSync(LOCKFILE) ? statSync(LOCKFILE).mtimeMs : Infinity;
  if (existsSync(path.join(ROOT, 'node_modules')) && stampTime >= lockTime) return;
  say('installing dependencies (pnpm install --frozen-lockfile)');
  const started = Date.now();
  mustRun(pnpm.bin, ['install', '--frozen-lockfile'], withPath(pnpm.dir));
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
  say(`dependencies installed in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

/**
 * Runs the TypeScript entry as one `node --import tsx` process (no pnpm/tsx CLI layers in between).
 * It gets its own process group, so a terminal Ctrl-C reaches only us and we forward exactly one
 * signal per keypress (a second Ctrl-C means "force"). The IPC channel tells it if we die.
 */
function runScript(script, args, pnpm) {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: withPath(pnpm.dir),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    detached: !IS_WINDOWS,
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forwardOnce(child, signal));
  child.on('error', (err) => fail(`cannot run ${script}: ${err.message}`));
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (osConstants.signals[signal] ?? 1)));
}

/**
 * Under `npm start` one Ctrl-C arrives twice: from the terminal and forwarded by npm. Repeats within
 * DUPLICATE_SIGNAL_MS are that echo, not a second keypress (which the child treats as "force").
 */
function forwardOnce(child, signal) {
  let last = 0;
  return () => {
    const now = Date.now();
    if (now - last > DUPLICATE_SIGNAL_MS) child.kill(signal);
    last = now;
  };
}

function withPath(dir) {
  return dir ? { ...process.env, PATH: `${dir}${path.delimiter}${process.env.PATH ?? ''}` } : process.env;
}

function works(command) {
  const result = spawnSync(command, ['--version'], { stdio: 'ignore', shell: IS_WINDOWS });
  return result.status === 0;
}

function capture(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8', shell: IS_WINDOWS });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** Whether `dir` (or, when it does not exist yet, its nearest existing parent) is writable. */
function canWrite(dir) {
  const existing = existsSync(dir) || dir === path.dirname(dir) ? dir : undefined;
  if (!existing) return canWrite(path.dirname(dir));
  try {
    accessSync(existing, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function mustRun(command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: ROOT, env, stdio: 'inherit', shell: IS_WINDOWS });
  if (result.status !== 0) fail(`\`${command} ${args.join(' ')}\` failed (exit ${result.status ?? result.signal})`);
}

function say(message) {
  process.stdout.write(`[bootstrap] ${message}\n`);
}

function fail(message, code = 1) {
  process.stderr.write(`[bootstrap] ${message}\n`);
  process.exit(code);
}

main();
