import {
  FIT_BAND_FOR_CANDIDATE,
  FIT_BAND_LABEL,
  FIT_BANDS,
  formatDate,
  formatDateTime,
  formatHours,
  formatPercent,
  formatSigned,
  formatWeek,
} from './format';

describe('format', () => {
  it.each([formatDateTime, formatDate, formatPercent, formatHours, formatSigned])('shows a dash for a missing value (%p)', (format) => {
    expect(format(null)).toBe('—');
    expect(format(undefined)).toBe('—');
  });

  it('shows no date for an empty string', () => {
    expect(formatDateTime('')).toBe('—');
    expect(formatDate('')).toBe('—');
  });

  it('shows dates with their year, and weeks without it', () => {
    expect(formatDate('2031-03-05T12:00:00.000Z')).toMatch(/2031/);
    expect(formatDateTime('2031-03-05T12:00:00.000Z')).toMatch(/2031/);
    expect(formatWeek('2031-03-05T12:00:00.000Z')).not.toMatch(/2031/);
    expect(formatWeek('2031-03-05T12:00:00.000Z')).toMatch(/[45]/);
  });

  it.each([
    [0, '0%'],
    [0.456, '46%'],
    [0.004, '0%'],
    [1, '100%'],
  ])('shows the share %p as %p', (value, shown) => {
    expect(formatPercent(value)).toBe(shown);
  });

  it.each([
    [0, '1 min'],
    [0.001, '1 min'],
    [0.5, '30 min'],
    [0.999, '60 min'],
    [1, '1.0 h'],
    [9.94, '9.9 h'],
    [10, '10 h'],
    [12.6, '13 h'],
  ])('shows %p hours as %p', (value, shown) => {
    expect(formatHours(value)).toBe(shown);
  });

  it.each([
    [0.25, 2, '+0.25'],
    [-1.5, 2, '−1.50'],
    [0.004, 2, '0.00'],
    [-0.004, 2, '0.00'],
    [0.04, 1, '0.0'],
    [-0.06, 1, '−0.1'],
  ])('shows the difference %p with %p digits as %p: a sign only when it is not zero', (value, digits, shown) => {
    expect(formatSigned(value, digits)).toBe(shown);
  });

  it('names every fit band for recruiters and, as a sentence, for candidates', () => {
    expect(FIT_BANDS).toEqual(['NOT_A_FIT', 'PARTIAL_FIT', 'GOOD_FIT', 'STRONG_FIT']);
    for (const band of FIT_BANDS) {
      expect(FIT_BAND_LABEL[band]).toMatch(/^[A-Z][a-z ]+$/);
      expect(FIT_BAND_FOR_CANDIDATE[band]).toMatch(/profile/);
    }
  });
});
