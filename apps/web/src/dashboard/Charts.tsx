import type { ReactNode } from 'react';

import { clampRate, FIT_BAND_LABEL, type FitBand, formatHours, formatPercent, formatSigned, formatWeek } from '../format';
import { BarChart } from './charts/BarChart';
import { ColumnChart } from './charts/ColumnChart';
import { niceTicks } from './charts/scale';
import type { Stats } from './queries';

// Plain SVG charts, drawn at once with nothing moving. Each chart is hidden from assistive
// technology and paired with a table of the same numbers; a pointer resting on a bar or a point
// shows its figures. Only what goes inside a chart's frame (OverviewCharts.tsx): this module
// loads after the first figures are on screen.

const ACCENT = '#2452a6';
const RATE = '#a86f00';
const BAND_COLOR: Record<FitBand, string> = {
  NOT_A_FIT: '#b4483c',
  PARTIAL_FIT: '#a86f00',
  GOOD_FIT: '#3a8f5c',
  STRONG_FIT: '#1e6b3a',
};
const LACKING = '#b4483c';
const MORE_GENEROUS = '#3a8f5c';
const STRICTER = '#b4483c';
/** Category labels shown under a weekly chart at most (every other one, every third… beyond). */
const WEEK_LABELS = 6;
const INTERVIEWERS_CAPTION = 'Interviewers in this period';

/** What a chart's frame holds: the drawing and its table, or why there is nothing to draw. */
function ChartBody(props: { children: ReactNode; table: ReactNode; empty?: string | null }): ReactNode {
  if (props.empty) return <p className="chart-empty">{props.empty}</p>;
  return (
    <>
      <div className="chart" aria-hidden="true">
        {props.children}
      </div>
      <div className="sr-only">{props.table}</div>
    </>
  );
}

function DataTable({ caption, head, rows }: { caption: string; head: string[]; rows: (string | number)[][] }): ReactNode {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {head.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={index}>
            {row.map((cell, i) =>
              i === 0 ? (
                <th key={i} scope="row">
                  {cell}
                </th>
              ) : (
                <td key={i}>{cell}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function FitDistributionChart({ data }: { data: Stats['fitDistribution'] }): ReactNode {
  const rows = data.map((entry) => ({ band: entry.band, name: FIT_BAND_LABEL[entry.band], count: entry.count }));
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  return (
    <ChartBody
      empty={total === 0 ? 'No answers composed in this period yet.' : null}
      table={<DataTable caption="Answers per fit band" head={['Fit band', 'Answers']} rows={rows.map((r) => [r.name, r.count])} />}
    >
      <ColumnChart
        height={240}
        ticks={niceTicks(0, Math.max(...rows.map((r) => r.count)), { integers: true })}
        columns={rows.map((row) => ({
          key: row.band,
          label: row.name,
          value: row.count,
          valueLabel: String(row.count),
          title: `${row.name}: ${row.count} ${row.count === 1 ? 'answer' : 'answers'}`,
          color: BAND_COLOR[row.band],
        }))}
      />
    </ChartBody>
  );
}

export function CriteriaChart({ data }: { data: Stats['criteria'] }): ReactNode {
  const rows = [...data]
    .filter((c) => c.ratedCount > 0)
    .sort((a, b) => b.lackingCount - a.lackingCount || (a.averageRating ?? 5) - (b.averageRating ?? 5))
    .slice(0, 8)
    .map((c) => ({
      id: c.criterion.id,
      name: c.criterion.label,
      roleName: c.roleTitle,
      lacking: c.lackingCount,
      rated: c.ratedCount,
      label: `${c.lackingCount} of ${c.ratedCount}`,
      average: c.averageRating,
    }));
  return (
    <ChartBody
      empty={rows.length === 0 ? 'No ratings in this period yet.' : null}
      table={
        <DataTable
          caption="Ratings of 1 or 2 per criterion"
          head={['Criterion', 'Role', 'Rated 1 or 2', 'Ratings', 'Average rating']}
          rows={rows.map((r) => [r.name, r.roleName, r.lacking, r.rated, r.average === null ? '—' : r.average.toFixed(2)])}
        />
      }
    >
      <BarChart
        labelWidth={170}
        barSize={20}
        ticks={niceTicks(0, Math.max(...rows.map((r) => r.lacking)), { integers: true })}
        tickLabel={String}
        bars={rows.map((row) => ({
          key: row.id,
          label: row.name,
          value: row.lacking,
          valueLabel: row.label,
          title: `${row.name} (${row.roleName}): ${row.label} ratings were 1 or 2`,
          color: LACKING,
        }))}
      />
    </ChartBody>
  );
}

export function WeeklyChart({ data }: { data: Stats['weekly'] }): ReactNode {
  const rows = data.map((w) => ({
    weekStart: w.weekStart,
    week: formatWeek(w.weekStart),
    sessions: w.sessionsCompleted,
    rate: w.responseRate === null ? null : Math.round(clampRate(w.responseRate) * 100),
    score: w.averageFitScore === null ? null : Math.round(w.averageFitScore),
  }));
  return (
    <ChartBody
      empty={rows.length === 0 ? 'No completed sessions in this period yet.' : null}
      table={
        <DataTable
          caption="Per week"
          head={['Week of', 'Sessions completed', 'Response rate', 'Average fit score']}
          rows={rows.map((r) => [r.week, r.sessions, r.rate === null ? '—' : `${r.rate}%`, r.score ?? '—'])}
        />
      }
    >
      {/* with its legend, the 240 pixels its frame waited at */}
      <ColumnChart
        height={216}
        maxColumnWidth={40}
        labelEvery={Math.ceil(rows.length / WEEK_LABELS)}
        ticks={niceTicks(0, Math.max(...rows.map((r) => r.sessions)), { integers: true })}
        columns={rows.map((row) => ({
          key: row.weekStart,
          label: row.week,
          value: row.sessions,
          valueLabel: String(row.sessions),
          title: `Week of ${row.week}: ${row.sessions} ${row.sessions === 1 ? 'session' : 'sessions'}`,
          color: ACCENT,
        }))}
        line={{
          name: 'Response rate (%)',
          color: RATE,
          values: rows.map((row) => row.rate),
          ticks: niceTicks(0, 100),
          tickLabel: (tick) => `${tick}%`,
          title: (index) => `Week of ${rows[index].week}: response rate ${rows[index].rate}%`,
        }}
      />
      <ul className="chart-legend">
        <li>
          <span className="legend-swatch legend-bar" />
          Sessions
        </li>
        <li>
          <span className="legend-swatch legend-line" />
          Response rate (%)
        </li>
      </ul>
    </ChartBody>
  );
}

export function InterviewerCharts({ data }: { data: Stats['interviewers'] }): ReactNode {
  // demo and test clocks run fast: below an hour, minutes read better than slivers of hours
  const inMinutes = data.every((i) => i.medianHoursToFeedback === null || i.medianHoursToFeedback < 1);
  const unit = inMinutes ? ' min' : ' h';
  const rows = data.map((i) => ({
    id: i.interviewer.id,
    name: i.interviewer.name,
    time:
      i.medianHoursToFeedback === null
        ? null
        : inMinutes
          ? Math.max(1, Math.round(i.medianHoursToFeedback * 60))
          : Math.round(i.medianHoursToFeedback * 10) / 10,
    hoursLabel: formatHours(i.medianHoursToFeedback),
    delta: i.calibrationDelta,
    deltaLabel: formatSigned(i.calibrationDelta),
    sent: i.formsSent,
    submitted: i.formsSubmitted,
    average: i.averageOverallFit,
  }));
  const drawn = rows.some((row) => row.time !== null || row.delta !== null);
  return (
    <>
      {rows.length === 0 ? (
        <p className="chart-empty">No forms sent in this period yet.</p>
      ) : (
        <>
          {drawn ? (
            <div className="chart-pair" aria-hidden="true">
              <div className="chart">
                <h3 className="chart-subtitle">Median time to feedback</h3>
                <BarChart
                  labelWidth={110}
                  barSize={18}
                  ticks={niceTicks(0, Math.max(0, ...rows.map((r) => r.time ?? 0)), { integers: inMinutes })}
                  tickLabel={(tick) => `${tick}${unit}`}
                  bars={rows.map((row) => ({
                    key: row.id,
                    label: row.name,
                    value: row.time,
                    valueLabel: row.hoursLabel,
                    title: `${row.name}: median ${row.hoursLabel} to feedback`,
                    color: ACCENT,
                  }))}
                />
              </div>
              <div className="chart">
                <h3 className="chart-subtitle">Calibration against the panel</h3>
                <BarChart
                  labelWidth={110}
                  barSize={18}
                  ticks={[-1.5, -0.75, 0, 0.75, 1.5]}
                  tickLabel={String}
                  reference={0}
                  bars={rows.map((row) => ({
                    key: row.id,
                    label: row.name,
                    value: row.delta,
                    valueLabel: row.deltaLabel,
                    title: `${row.name}: ${row.deltaLabel} bands against the panel`,
                    color: (row.delta ?? 0) >= 0 ? MORE_GENEROUS : STRICTER,
                  }))}
                />
              </div>
            </div>
          ) : (
            <p className="chart-empty">No answers in this period yet: times and calibration appear with the first ones.</p>
          )}
          {/* wider than a phone: it scrolls on its own (by keyboard too) rather than widening the page */}
          <div className="table-scroll chart-table" tabIndex={0} role="region" aria-label={INTERVIEWERS_CAPTION}>
            <table className="table">
              <caption className="sr-only">{INTERVIEWERS_CAPTION}</caption>
              <thead>
                <tr>
                  <th scope="col">Interviewer</th>
                  <th scope="col">Forms answered</th>
                  <th scope="col">Median time to feedback</th>
                  <th scope="col">Average overall fit</th>
                  <th scope="col">Calibration</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id}>
                    <th scope="row">{row.name}</th>
                    <td>
                      {row.submitted} of {row.sent} ({formatPercent(row.sent ? row.submitted / row.sent : null)})
                    </td>
                    <td>{row.hoursLabel}</td>
                    <td>{row.average === null ? '—' : `${row.average.toFixed(1)} of 4`}</td>
                    <td>{row.deltaLabel}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
