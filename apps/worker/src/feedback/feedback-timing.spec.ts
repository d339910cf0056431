import { delayUntil, escalationAt, escalationOffsetHours, reminderTimes } from './feedback-timing';

const HOUR = 1_000;
const sentAt = new Date('2026-03-02T10:00:00Z');
const at = (hours: number) => new Date(sentAt.getTime() + hours * HOUR);

describe(reminderTimes.name, () => {
  it('puts each reminder its hours after the invitation went out, earliest first', () => {
    const sut = reminderTimes({ sentAt, reminderHours: [4, 2], deadlineHours: 6, expiresAt: at(6), hourMs: HOUR });
    expect(sut).toEqual([
      { index: 1, hours: 2, at: at(2) },
      { index: 0, hours: 4, at: at(4) },
    ]);
  });

  it('skips reminders at or after the deadline', () => {
    const sut = reminderTimes({ sentAt, reminderHours: [2, 6, 8], deadlineHours: 6, expiresAt: null, hourMs: HOUR });
    expect(sut.map((reminder) => reminder.index)).toEqual([0]);
  });

  it("skips reminders at or after the form's own expiry (an invitation sent late)", () => {
    const sut = reminderTimes({ sentAt, reminderHours: [2, 4], deadlineHours: 6, expiresAt: at(4), hourMs: HOUR });
    expect(sut.map((reminder) => reminder.hours)).toEqual([2]);
  });

  it('is empty with reminders turned off', () => {
    expect(reminderTimes({ sentAt, reminderHours: [], deadlineHours: 48, expiresAt: null, hourMs: HOUR })).toEqual([]);
  });
});

describe(escalationOffsetHours.name, () => {
  it.each([
    [[2, 4], 6, 5],
    [[24, 44], 48, 46],
    [[24, 60], 48, 36],
    [[], 48, 36],
    [[50], 48, 36],
  ])('with reminders %j and a %i hour deadline escalates at hour %d', (reminders, deadline, expected) => {
    expect(escalationOffsetHours(reminders, deadline)).toBe(expected);
  });

  it('counts from completion in configured hours', () => {
    expect(escalationAt(sentAt, [2, 4], 6, HOUR)).toEqual(at(5));
  });
});

describe(delayUntil.name, () => {
  it('is never negative', () => {
    expect(delayUntil(new Date(1_000), 5_000)).toBe(0);
    expect(delayUntil(new Date(6_000), 5_000)).toBe(1_000);
  });
});
