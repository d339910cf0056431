import type { ReactNode } from 'react';

import { formatDate, formatHours, formatPercent } from '../format';
import { Alert } from '../ui';
import { OverviewCharts } from './OverviewCharts';
import type { Stats, Tiles } from './queries';
import type { Loaded } from './useFigures';

interface Props {
  stats: Loaded<Stats>;
  /** The tiles' figures: the full figures once there, before that the small query's. */
  tiles: Tiles | null;
  filters: ReactNode;
}

/**
 * The page is laid out from the first paint: the tiles' labels and the charts' frames wait for
 * their figures in place, so nothing moves when the figures arrive.
 */
export function Overview({ stats, tiles, filters }: Props): ReactNode {
  if (!tiles && stats.error) {
    return (
      <div className="overview">
        <h1>Closing feedback</h1>
        {filters}
        <Alert>{stats.error}</Alert>
      </div>
    );
  }
  return (
    <div className="overview" aria-busy={stats.loading}>
      <h1>Closing feedback</h1>
      {filters}
      <p className="meta overview-period">
        {tiles ? (
          <>
            Sessions completed {formatDate(tiles.from)} – {formatDate(tiles.to)}
            {stats.loading ? ' · updating…' : ''}
          </>
        ) : (
          'Loading the figures…'
        )}
      </p>
      {stats.error ? <Alert>{stats.error}</Alert> : null}

      <section aria-labelledby="kpi-title">
        <h2 id="kpi-title" className="sr-only">
          Key figures
        </h2>
        {tiles ? <KeyFigures tiles={tiles} /> : <KeyFiguresPending />}
      </section>

      <OverviewCharts stats={stats.data} tilesShown={tiles !== null} />
    </div>
  );
}

const LABELS = {
  sessions: 'Sessions completed',
  asked: 'Candidates who asked',
  'response-rate': 'Form response rate',
  'hours-to-feedback': 'Median time to feedback',
  'hours-to-answer': 'Median time to answer',
  released: 'Answers released / withheld',
  helpful: 'Found helpful',
  'promises-kept': 'Promises kept',
} as const;

function KeyFigures({ tiles: data }: { tiles: Tiles }): ReactNode {
  const askedShare = data.sessionsCompleted > 0 ? data.fitFeedbackRequested / data.sessionsCompleted : null;
  return (
    <dl className="tiles">
      <Tile id="sessions" value={String(data.sessionsCompleted)} />
      <Tile
        id="asked"
        value={String(data.fitFeedbackRequested)}
        note={askedShare === null ? 'no sessions yet' : `${formatPercent(askedShare)} of sessions`}
      />
      <Tile
        id="response-rate"
        value={formatPercent(data.responseRate)}
        note={`${data.formsSubmitted} of ${data.formsSent} forms · ${data.formsDeclined} declined`}
      />
      <Tile id="hours-to-feedback" value={formatHours(data.medianHoursToFeedback)} note="form sent → answered" />
      <Tile id="hours-to-answer" value={formatHours(data.medianHoursToAnswer)} note="session end → released" />
      <Tile id="released" value={`${data.answersReleased} / ${data.answersWithheld}`} note="released · withheld" />
      <Tile id="helpful" value={formatPercent(data.helpfulRate)} note="of answers candidates rated" />
      <Tile id="promises-kept" value={formatPercent(data.promisesKeptRate)} note="answers by the date promised" />
    </dl>
  );
}

/** The tiles' places before their figures arrive (no test ids: nothing there to read yet). */
function KeyFiguresPending(): ReactNode {
  return (
    <dl className="tiles" aria-busy="true">
      {Object.values(LABELS).map((label) => (
        <div className="tile" key={label}>
          <dt>{label}</dt>
          <dd>
            <span className="tile-value tile-pending">…</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Tile({ id, value, note }: { id: keyof typeof LABELS; value: string; note?: string }): ReactNode {
  return (
    <div className="tile" data-testid={`kpi-${id}`}>
      <dt>{LABELS[id]}</dt>
      <dd>
        <span className="tile-value">{value}</span>
        {note ? <span className="tile-note">{note}</span> : null}
      </dd>
    </div>
  );
}
