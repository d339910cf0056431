import { sweepIntervalMs } from './sweeper.service';

describe(sweepIntervalMs.name, () => {
  it.each([
    [3_600_000, 60_000],
    [60_000, 30_000],
    [400, 1_000],
  ])('with an hour of %i ms sweeps every %i ms', (hourMs, expected) => {
    expect(sweepIntervalMs(hourMs)).toBe(expected);
  });
});
