import { readFile } from 'node:fs/promises';

/**
 * Parses a `.env` file: `KEY=value`, optional `export `, `#` comments, single quotes (literal) and
 * double quotes (with \n, \t, \" and \\ escapes). Malformed lines are reported, not guessed at.
 */
export function parseEnvFile(text: string): { values: Record<string, string>; errors: string[] } {
  const values: Record<string, string> = {};
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    const value = match?.[2] === undefined ? undefined : parseValue(match[2]);
    if (!match?.[1] || value === undefined) errors.push(`line ${index + 1}: expected KEY=value`);
    else values[match[1]] = value;
  });
  return { values, errors };
}

function parseValue(raw: string): string | undefined {
  if (raw.startsWith("'")) return /^'([^']*)'\s*(?:#.*)?$/.exec(raw)?.[1];
  if (raw.startsWith('"')) {
    const inner = /^"((?:[^"\\]|\\.)*)"\s*(?:#.*)?$/.exec(raw)?.[1];
    return inner === undefined ? undefined : unescapeDouble(inner);
  }
  // Unquoted: an inline comment starts at " #".
  return raw.replace(/\s+#.*$/, '').trim();
}

function unescapeDouble(value: string): string {
  const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };
  return value.replace(/\\(.)/g, (whole, char: string) => escapes[char] ?? whole);
}

/** Loads `file` into `env` when it exists; variables already set win, so the shell can override `.env`. */
export async function loadEnvFile(file: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return [];
  }
  const { values, errors } = parseEnvFile(text);
  for (const [key, value] of Object.entries(values)) env[key] ??= value;
  return errors.map((error) => `${file}: ${error}`);
}
