/**
 * Fakes only `Date`: timers, promises and I/O keep real time, and the clock keeps running from
 * wherever `jest.setSystemTime` puts it. Rate-limit windows are fixed minutes of this clock, so a
 * test can start one second into a window nothing has used yet instead of hoping the minute does
 * not turn mid-test. Call it once the apps are up: NestJS builds GraphQL schemas by comparing
 * field types with the global Date, which the fake replaces. `jest.useRealTimers()` undoes it.
 */
export function fakeDateOnly(): void {
  jest.useFakeTimers({
    advanceTimers: true,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
}

const WINDOW_MS = 60_000;
let lastWindow = 0;

/**
 * Moves the faked clock one second into a one-minute window no earlier call used: its whole
 * allowance is there, and 59 s remain before it turns. Returns the window's number.
 */
export function startFreshWindow(): number {
  const window = Math.max(Math.floor(Date.now() / WINDOW_MS), lastWindow) + 1;
  lastWindow = window;
  jest.setSystemTime(window * WINDOW_MS + 1_000);
  return window;
}

/** The number of the one-minute window the (faked) clock is in. */
export const currentWindow = (): number => Math.floor(Date.now() / WINDOW_MS);
