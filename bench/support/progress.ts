/**
 * A one-line progress bar on stderr: redrawn in place on a terminal, a line per 10% otherwise
 * (CI logs), so long seeds show they are alive without flooding the log.
 */
export class Progress {
  private readonly startedAt = Date.now();
  private lastDecile = -1;
  private lastDraw = 0;
  private readonly tty = process.stderr.isTTY === true;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly enabled = true,
  ) {}

  update(done: number, detail = ''): void {
    if (!this.enabled) return;
    const ratio = this.total > 0 ? Math.min(1, done / this.total) : 1;
    const elapsed = (Date.now() - this.startedAt) / 1000;
    const eta = ratio > 0 && ratio < 1 ? ` · ETA ${formatSeconds((elapsed / ratio) * (1 - ratio))}` : '';
    const width = 24;
    const filled = Math.round(ratio * width);
    const line = `${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}% ${done.toLocaleString('en-US')}/${this.total.toLocaleString('en-US')} · ${formatSeconds(elapsed)}${eta}${detail ? ` · ${detail}` : ''}`;
    if (this.tty) {
      if (Date.now() - this.lastDraw < 100 && ratio < 1) return;
      this.lastDraw = Date.now();
      process.stderr.write(`\r${line.padEnd(process.stderr.columns ? Math.min(process.stderr.columns - 1, 160) : 120)}`);
      return;
    }
    const decile = Math.floor(ratio * 10);
    if (decile === this.lastDecile) return;
    this.lastDecile = decile;
    process.stderr.write(`${line}\n`);
  }

  finish(detail = ''): void {
    if (!this.enabled) return;
    this.update(this.total, detail);
    if (this.tty) process.stderr.write('\n');
  }
}

export function formatSeconds(seconds: number): string {
  if (seconds < 59.95) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${whole % 60} s`;
}
