import type { ReactNode } from 'react';

import { formatDate, formatHours, formatPercent } from '../format';
import { Alert, Status } from '../ui';
import { CriteriaChart, FitDistributionChart, InterviewerCharts, WeeklyChart } from './Charts';
import type { Stats } from './queries';

interface Props {
  stats: { data: Stats | null; error: string | null; loading: boolean };
  filters: ReactNode;
}

export function Overview({ stats, filters }: Props): ReactNode {
  const data = stats.data;
  if (!data) {
    return (
      <div className="overview">
        <h1>Closing feedback</h1>
        {filters}
        {stats.error ? <Alert>{stats.error}</Alert> : <Status>Loading the figures…</Status>}
      </div>
    );
  }
  const askedShare = data.sessionsCompleted > 0 ? data.fitFeedbackRequested / data.sessionsCompleted : null;
  return (
    <div className="overview" aria-busy={stats.loading}>
      <h1>Closing feedback</h1>
      {filters}
      <p className="meta">
        Sessions completed {formatDate(data.from)} – {formatDate(data.to)}
        {stats.loading ? ' · updating…' : ''}
      </p>
      {stats.error ? <Alert>{stats.error}</Alert> : null}

      <section aria-labelledby="kpi-title">
        <h2 id="kpi-title" className="sr-only">
          Key figures
        </h2>
        <dl className="tiles">
          <Tile id="sessions" label="Sessions completed" value={String(data.sessionsCompleted)} />
          <Tile
            id="asked"
            label="Candidates who asked"
            value={String(data.fitFeedbackRequested)}
            note={askedShare === null ? 'no sessions yet' : `${formatPercent(askedShare)} of sessions`}
          />
          <Tile
            id="response-rate"
            label="Form response rate"
            value={formatPercent(data.responseRate)}
            note={`${data.formsSubmitted} of ${data.formsSent} forms · ${data.formsDeclined} declined`}
          />
          <Tile
            id="hours-to-feedback"
            label="Median time to feedback"
            value={formatHours(data.medianHoursToFeedback)}
            note="form sent → answered"
          />
          <Tile
            id="hours-to-answer"
            label="Median time to answer"
            value={formatHours(data.medianHoursToAnswer)}
            note="session end → released"
          />
          <Tile
            id="released"
            label="Answers released / withheld"
            value={`${data.answersReleased} / ${data.answersWithheld}`}
            note="released · withheld"
          />
          <Tile id="helpful" label="Found helpful" value={formatPercent(data.helpfulRate)} note="of answers candidates rated" />
          <Tile id="promises-kept" label="Promises kept" value={formatPercent(data.promisesKeptRate)} note="answers by the date promised" />
        </dl>
      </section>

      <div className="chart-grid">
        <WeeklyChart data={data.weekly} />
        <FitDistributionChart data={data.fitDistribution} />
        <CriteriaChart data={data.criteria} />
        <InterviewerCharts data={data.interviewers} />
      </div>
    </div>
  );
}

function Tile({ id, label, value, note }: { id: string; label: string; value: string; note?: string }): ReactNode {
  return (
    <div className="tile" data-testid={`kpi-${id}`}>
      <dt>{label}</dt>
      <dd>
        <span className="tile-value">{value}</span>
        {note ? <span className="tile-note">{note}</span> : null}
      </dd>
    </div>
  );
}
