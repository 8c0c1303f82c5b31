/** Formats milliseconds as seconds with one decimal, e.g. `3.2s`. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

/** The URL with its password removed, safe to print. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/** The same server URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** Draws `lines` inside a box of Unicode line characters. */
export function renderBox(lines: readonly string[]): string {
  const width = Math.max(0, ...lines.map((line) => line.length));
  const rule = '─'.repeat(width + 2);
  const body = lines.map((line) => `│ ${line.padEnd(width)} │`);
  return [`┌${rule}┐`, ...body, `└${rule}┘`].join('\n');
}

/** The counts vitest's JSON reporter writes that the summary needs. */
export interface VitestCounts {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

/** Reads the counts from a parsed vitest JSON report, treating anything missing as 0. */
export function countsFromReport(report: unknown): VitestCounts {
  const record = typeof report === 'object' && report !== null ? (report as Record<string, unknown>) : {};
  const count = (key: keyof VitestCounts): number => (typeof record[key] === 'number' ? record[key] : 0);
  return {
    numPassedTests: count('numPassedTests'),
    numFailedTests: count('numFailedTests'),
    numPendingTests: count('numPendingTests'),
    numTodoTests: count('numTodoTests'),
  };
}

/** The one-line result CI and people read: `N passed, N failed` plus `, N skipped` when any were. */
export function summaryLine(counts: VitestCounts): string {
  const skipped = counts.numPendingTests + counts.numTodoTests;
  const base = `${counts.numPassedTests} passed, ${counts.numFailedTests} failed`;
  return skipped > 0 ? `${base}, ${skipped} skipped` : base;
}

/** How one step of a run went. */
export interface StepResult {
  name: string;
  ms: number;
  /** Exit code, or undefined when the step was skipped. */
  code: number | undefined;
}

/** A small aligned table of step timings and outcomes, ending with the total. */
export function timingTable(steps: readonly StepResult[], totalMs: number): string {
  const width = Math.max(5, ...steps.map((step) => step.name.length));
  const status = (step: StepResult): string => (step.code === undefined ? 'skipped' : step.code === 0 ? 'ok' : `FAILED (exit ${step.code})`);
  const rows = steps.map((step) => `  ${step.name.padEnd(width)}  ${seconds(step.ms).padStart(7)}  ${status(step)}`);
  return [...rows, `  ${'total'.padEnd(width)}  ${seconds(totalMs).padStart(7)}`].join('\n');
}
