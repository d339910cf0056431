import { checkQueuesProgress, MAX_IDLE_WAIT_MS, MonitoredQueue } from './queue-monitor.service';

const NOW = 10_000_000;

function queue(name: string, counts: { waiting: number; active: number }, oldest?: { timestamp: number; delay?: number }): MonitoredQueue {
  return {
    name,
    getJobCounts: async () => counts,
    getJobs: async () => (oldest ? [oldest] : []),
  };
}

describe(checkQueuesProgress.name, () => {
  it('passes while jobs are being worked on, however old the waiting ones', async () => {
    await expect(
      checkQueuesProgress([queue('mail', { waiting: 5, active: 1 }, { timestamp: NOW - 10 * MAX_IDLE_WAIT_MS })], NOW),
    ).resolves.toBeUndefined();
  });

  it('passes with nothing waiting', async () => {
    await expect(checkQueuesProgress([queue('mail', { waiting: 0, active: 0 })], NOW)).resolves.toBeUndefined();
  });

  it('passes when the oldest waiting job is recent', async () => {
    await expect(checkQueuesProgress([queue('mail', { waiting: 2, active: 0 }, { timestamp: NOW - 1_000 })], NOW)).resolves.toBeUndefined();
  });

  it('counts a delayed job from the time it became due', async () => {
    const oldest = { timestamp: NOW - 3 * MAX_IDLE_WAIT_MS, delay: 3 * MAX_IDLE_WAIT_MS - 1_000 };
    await expect(checkQueuesProgress([queue('feedback', { waiting: 1, active: 0 }, oldest)], NOW)).resolves.toBeUndefined();
  });

  it('fails naming the queue when work waits with nothing active for too long', async () => {
    const queues = [
      queue('mail', { waiting: 3, active: 0 }, { timestamp: NOW - MAX_IDLE_WAIT_MS - 5_000 }),
      queue('feedback', { waiting: 0, active: 0 }),
    ];
    await expect(checkQueuesProgress(queues, NOW)).rejects.toThrow(/mail: 3 waiting, oldest for 125 s, none active/);
  });
});
