import type { ReactNode } from 'react';

export interface Calibration {
  sessionsAnswered: number;
  meanOverallFit: number | null;
  peersMeanOverallFit: number | null;
  calibrationDelta: number | null;
}

const one = (value: number) => value.toFixed(1);

// the bars' own geometry: a value on the 1–4 scale as a share of the track
const TRACK = {
  display: 'inline-block',
  width: '10em',
  height: '0.6em',
  borderRadius: '0.3em',
  background: 'rgba(31, 56, 110, 0.15)',
  verticalAlign: 'middle',
} as const;
const FILL = { display: 'block', height: '100%', borderRadius: '0.3em', background: '#1f386e' } as const;

/** One short, kind sentence: where this interviewer's ratings sit, never who else rated what. */
function sentence(calibration: Calibration): string {
  const { sessionsAnswered, calibrationDelta } = calibration;
  const sessions = `${sessionsAnswered} interview${sessionsAnswered === 1 ? '' : 's'}`;
  if (calibrationDelta === null)
    return `Over your last ${sessions}, you have not yet shared a panel with colleagues, so there is nothing to compare yet.`;
  if (Math.abs(calibrationDelta) < 0.25)
    return `Over your last ${sessions}, your overall ratings are in step with the rest of your panels — thank you.`;
  const direction = calibrationDelta > 0 ? 'warmer' : 'more cautious';
  return `Over your last ${sessions}, your overall ratings were a little ${direction} than the rest of your panels (by ${one(Math.abs(calibrationDelta))} of a band on average). Worth a thought, nothing more.`;
}

/** The interviewer's own calibration, after they submitted: a sentence and a small chart on the 1–4 band scale. */
export function CalibrationCard({ calibration }: { calibration: Calibration }): ReactNode {
  const bars: [string, number | null][] = [
    ['You', calibration.meanOverallFit],
    ['Everyone in your organization', calibration.peersMeanOverallFit],
  ];
  return (
    <section aria-labelledby="calibration" className="panel calibration">
      <h2 id="calibration">How your ratings compare</h2>
      <p>{sentence(calibration)}</p>
      <dl className="calibration-chart" aria-label="Mean overall fit, from 1 (not a fit) to 4 (strong fit)">
        {bars.map(([label, value]) => (
          <div className="answer-row" key={label}>
            <dt>{label}</dt>
            <dd>
              {value === null ? (
                <span className="muted">—</span>
              ) : (
                <>
                  <span aria-hidden="true" style={TRACK}>
                    <span style={{ ...FILL, width: `${(value / 4) * 100}%` }} />
                  </span>{' '}
                  {one(value)} of 4
                </>
              )}
            </dd>
          </div>
        ))}
      </dl>
      <p className="hint small">Only you see this. It covers the last 180 days and never names another interviewer.</p>
    </section>
  );
}
