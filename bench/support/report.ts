// How every benchmark reports: a table for people, then exactly one JSON line (prefixed so CI and
// scripts can grep it) for machines.
import { arch, cpus, loadavg, release, totalmem } from 'node:os';

export const JSON_PREFIX = 'BENCH_JSON ';

export function printTable(headers: string[], rows: (string | number)[][]): void {
  const cells = [headers, ...rows.map((row) => row.map((cell) => (typeof cell === 'number' ? formatNumber(cell) : cell)))];
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => String(row[column] ?? '').length)));
  const line = (row: (string | number)[]) =>
    row.map((cell, column) => (column === 0 ? String(cell).padEnd(widths[column]) : String(cell).padStart(widths[column]))).join('  ');
  process.stdout.write(`${line(cells[0])}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  for (const row of cells.slice(1)) process.stdout.write(`${line(row)}\n`);
}

export function printJson(result: Record<string, unknown>): void {
  process.stdout.write(`${JSON_PREFIX}${JSON.stringify(result)}\n`);
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value.toFixed(Math.abs(value) < 10 ? 2 : 1);
}

/** What the figures were measured on. */
export function machine(): Record<string, unknown> {
  const cpu = cpus();
  return {
    cpus: cpu.length,
    cpuModel: cpu[0]?.model.trim(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    os: `${process.platform} ${release()} ${arch()}`,
    // other work on the machine while measuring: the reason every target is a ratio
    loadAverage1m: Number(loadavg()[0].toFixed(2)),
  };
}
