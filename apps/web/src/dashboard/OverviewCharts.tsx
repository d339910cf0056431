import { memo, type ReactNode, startTransition, useEffect, useState } from 'react';

import type { Stats } from './queries';

type ChartsModule = typeof import('./Charts');

/**
 * The charts (./Charts, a chunk of its own) are asked for once the tiles are on screen
 * (`wanted`), never before the first paint. One module for every chart, drawn in one render:
 * the charts appear together, from the same figures.
 */
function useChartsModule(wanted: boolean): ChartsModule | 'failed' | null {
  const [charts, setCharts] = useState<ChartsModule | 'failed' | null>(null);
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    import('./Charts').then(
      // drawn in a transition: React renders the five charts in slices, leaving the main thread free in between
      (module) => live && startTransition(() => setCharts(module)),
      () => live && setCharts('failed'),
    );
    return () => {
      live = false;
    };
  }, [wanted]);
  return charts;
}

const FRAMES: { id: string; title: string; caption: string; wide?: boolean; draw(charts: ChartsModule, stats: Stats): ReactNode }[] = [
  {
    id: 'weekly',
    wide: true,
    title: 'Weekly trend',
    caption: 'Sessions completed per week (bars) and the form response rate (line).',
    draw: (charts, stats) => <charts.WeeklyChart data={stats.weekly} />,
  },
  {
    id: 'fit',
    title: 'Fit distribution',
    caption: 'The panel’s fit band of each composed answer.',
    draw: (charts, stats) => <charts.FitDistributionChart data={stats.fitDistribution} />,
  },
  {
    id: 'criteria',
    title: 'Where candidates fall short',
    caption: 'Per criterion: ratings of 1 (not yet evident) or 2 (partly), of all ratings given.',
    draw: (charts, stats) => <charts.CriteriaChart data={stats.criteria} />,
  },
  {
    id: 'interviewers',
    wide: true,
    title: 'Interviewers: response time and calibration',
    caption:
      'Median hours from the form being sent to the answer, and how each interviewer’s overall fit compares with the rest of the panel in the same sessions (in bands: + more generous, − stricter).',
    draw: (charts, stats) => <charts.InterviewerCharts data={stats.interviewers} />,
  },
];

/**
 * The charts' frames (title and caption) from the first paint; each drawing takes its place once
 * both the full figures and the charts' code have arrived. Drawing them is most of the page's
 * work: they are drawn again only when their figures change, not whenever the dashboard around
 * them does (the directory or the sessions arriving, a tab's badge).
 */
export const OverviewCharts = memo(function OverviewCharts({ stats, tilesShown }: { stats: Stats | null; tilesShown: boolean }): ReactNode {
  const charts = useChartsModule(tilesShown);
  const ready = charts && charts !== 'failed' && stats ? { charts, stats } : null;
  const waiting = charts === 'failed' ? 'The charts could not be loaded. Reload the page to try again.' : 'Loading the chart…';
  return (
    <div className="chart-grid">
      {FRAMES.map((frame) => (
        <ChartFrame key={frame.id} {...frame} waiting={waiting}>
          {ready ? frame.draw(ready.charts, ready.stats) : null}
        </ChartFrame>
      ))}
    </div>
  );
});

/** A chart's figure; without its drawing (children null) it says why (`waiting`). */
function ChartFrame(props: {
  id: string;
  title: string;
  caption: string;
  wide?: boolean;
  waiting: string;
  children: ReactNode;
}): ReactNode {
  const loading = props.children === null;
  return (
    <figure
      className={`chart-card${props.wide ? ' chart-wide' : ''}`}
      data-testid={`chart-${props.id}`}
      aria-labelledby={`chart-${props.id}-title`}
      aria-busy={loading}
    >
      <figcaption>
        <h2 id={`chart-${props.id}-title`}>{props.title}</h2>
        <p className="hint">{props.caption}</p>
      </figcaption>
      {loading ? <p className="chart-loading">{props.waiting}</p> : props.children}
    </figure>
  );
}
