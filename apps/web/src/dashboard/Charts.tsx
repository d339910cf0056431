import type { ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ComposedChart,
  LabelList,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

import { clampRate, FIT_BAND_LABEL, type FitBand, formatHours, formatPercent, formatSigned, formatWeek } from '../format';
import type { Stats } from './queries';

// SVG charts (Recharts) with animations off: the numbers are there at once and nothing moves.
// Each chart is hidden from assistive technology and paired with a table of the same numbers.
// Only what goes inside a chart's frame (OverviewCharts.tsx): this module and Recharts load
// after the first figures are on screen.

const INK = '#3e4c59';
const GRID = '#e4e7eb';
const ACCENT = '#2452a6';
const BAND_COLOR: Record<FitBand, string> = {
  NOT_A_FIT: '#b4483c',
  PARTIAL_FIT: '#a86f00',
  GOOD_FIT: '#3a8f5c',
  STRONG_FIT: '#1e6b3a',
};
const tick = { fill: INK, fontSize: 12 };
const CHART_WIDTH = 560;

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
      <ResponsiveContainer width="100%" height={240} initialDimension={{ width: CHART_WIDTH, height: 240 }}>
        <BarChart data={rows} margin={{ top: 24, right: 16, bottom: 4, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid vertical={false} stroke={GRID} />
          <XAxis dataKey="name" tick={tick} tickLine={false} />
          <YAxis allowDecimals={false} tick={tick} width={32} />
          <Tooltip cursor={{ fill: '#f0f4f8' }} />
          <Bar dataKey="count" name="Answers" isAnimationActive={false} radius={[4, 4, 0, 0]}>
            {rows.map((row) => (
              <Cell key={row.band} fill={BAND_COLOR[row.band]} />
            ))}
            <LabelList dataKey="count" position="top" fill={INK} fontSize={13} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartBody>
  );
}

export function CriteriaChart({ data }: { data: Stats['criteria'] }): ReactNode {
  const rows = [...data]
    .filter((c) => c.ratedCount > 0)
    .sort((a, b) => b.lackingCount - a.lackingCount || (a.averageRating ?? 5) - (b.averageRating ?? 5))
    .slice(0, 8)
    .map((c) => ({
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
      <ResponsiveContainer
        width="100%"
        height={Math.max(160, rows.length * 40 + 40)}
        initialDimension={{ width: CHART_WIDTH, height: 200 }}
      >
        <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 56, bottom: 4, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid horizontal={false} stroke={GRID} />
          <XAxis type="number" allowDecimals={false} tick={tick} />
          <YAxis type="category" dataKey="name" width={170} tick={tick} />
          <Tooltip cursor={{ fill: '#f0f4f8' }} />
          <Bar dataKey="lacking" name="Rated 1 or 2" fill="#b4483c" isAnimationActive={false} radius={[0, 4, 4, 0]} barSize={20}>
            <LabelList dataKey="label" position="right" fill={INK} fontSize={12} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartBody>
  );
}

export function WeeklyChart({ data }: { data: Stats['weekly'] }): ReactNode {
  const rows = data.map((w) => ({
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
      <ResponsiveContainer width="100%" height={240} initialDimension={{ width: CHART_WIDTH, height: 240 }}>
        <ComposedChart data={rows} margin={{ top: 24, right: 8, bottom: 4, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid vertical={false} stroke={GRID} />
          <XAxis dataKey="week" tick={tick} tickLine={false} />
          <YAxis yAxisId="sessions" allowDecimals={false} tick={tick} width={32} />
          <YAxis yAxisId="rate" orientation="right" domain={[0, 100]} allowDataOverflow unit="%" tick={tick} width={44} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar
            yAxisId="sessions"
            dataKey="sessions"
            name="Sessions"
            fill={ACCENT}
            isAnimationActive={false}
            radius={[4, 4, 0, 0]}
            maxBarSize={40}
          >
            <LabelList dataKey="sessions" position="top" fill={INK} fontSize={12} />
          </Bar>
          <Line
            yAxisId="rate"
            dataKey="rate"
            name="Response rate (%)"
            stroke="#a86f00"
            strokeWidth={2}
            isAnimationActive={false}
            connectNulls
          />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartBody>
  );
}

export function InterviewerCharts({ data }: { data: Stats['interviewers'] }): ReactNode {
  // demo and test clocks run fast: below an hour, minutes read better than slivers of hours
  const inMinutes = data.every((i) => i.medianHoursToFeedback === null || i.medianHoursToFeedback < 1);
  const unit = inMinutes ? ' min' : ' h';
  const rows = data.map((i) => ({
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
  const height = Math.max(160, rows.length * 40 + 40);
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
                <ResponsiveContainer width="100%" height={height} initialDimension={{ width: CHART_WIDTH / 2, height }}>
                  <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 56, bottom: 4, left: 8 }} accessibilityLayer={false}>
                    <CartesianGrid horizontal={false} stroke={GRID} />
                    <XAxis type="number" tick={tick} unit={unit} allowDecimals={!inMinutes} />
                    <YAxis type="category" dataKey="name" width={110} tick={tick} />
                    <Bar
                      dataKey="time"
                      name={inMinutes ? 'Median minutes' : 'Median hours'}
                      fill={ACCENT}
                      isAnimationActive={false}
                      barSize={18}
                      radius={[0, 4, 4, 0]}
                    >
                      <LabelList dataKey="hoursLabel" position="right" fill={INK} fontSize={12} />
                    </Bar>
                  </BarChart>
                </ResponsiveContainer>
              </div>
              <div className="chart">
                <h3 className="chart-subtitle">Calibration against the panel</h3>
                <ResponsiveContainer width="100%" height={height} initialDimension={{ width: CHART_WIDTH / 2, height }}>
                  <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 56, bottom: 4, left: 8 }} accessibilityLayer={false}>
                    <CartesianGrid horizontal={false} stroke={GRID} />
                    <XAxis type="number" domain={[-1.5, 1.5]} tick={tick} allowDataOverflow />
                    <YAxis type="category" dataKey="name" width={110} tick={tick} />
                    <ReferenceLine x={0} stroke={INK} />
                    <Bar dataKey="delta" name="Calibration" isAnimationActive={false} barSize={18}>
                      {rows.map((row) => (
                        <Cell key={row.name} fill={(row.delta ?? 0) >= 0 ? '#3a8f5c' : '#b4483c'} />
                      ))}
                      <LabelList dataKey="deltaLabel" position="right" fill={INK} fontSize={12} />
                    </Bar>
                  </BarChart>
                </ResponsiveContainer>
              </div>
            </div>
          ) : (
            <p className="chart-empty">No answers in this period yet: times and calibration appear with the first ones.</p>
          )}
          <table className="table compact">
            <caption className="sr-only">Interviewers in this period</caption>
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
                <tr key={row.name}>
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
        </>
      )}
    </>
  );
}
