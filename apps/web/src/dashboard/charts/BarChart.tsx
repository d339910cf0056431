import type { ReactNode } from 'react';

import { percentOf, wrapLabel } from './scale';

export interface Bar {
  key: string;
  /** Left of the bar, on the category axis (wrapped to the axis's width). */
  label: string;
  /** Missing: no bar, the category still has its row. */
  value: number | null;
  /** Right of the bar. */
  valueLabel: string;
  /** What a pointer resting on the bar shows. */
  title: string;
  color: string;
}

interface Props {
  bars: Bar[];
  /** The value axis's ticks, lowest first: the first and last are its ends (values beyond are clamped). */
  ticks: number[];
  tickLabel(value: number): string;
  /** The category axis's width in pixels. */
  labelWidth: number;
  barSize: number;
  /** A line across the plot at this value (bars then grow from it, left or right). */
  reference?: number;
}

const TOP = 8;
const BOTTOM = 24;
const ROW = 40;

/** The height a bar chart of `rows` categories takes (the frame waits at it before the drawing arrives). */
export function barChartHeight(rows: number): number {
  return Math.max(160, rows * ROW + 40);
}

/**
 * Horizontal bars, one row per category, drawn as plain SVG: rows in pixels, the value axis in
 * percentages of the plot's width, so the chart fills whatever width it is given and is drawn in
 * a single pass.
 */
export function BarChart({ bars, ticks, tickLabel, labelWidth, barSize, reference }: Props): ReactNode {
  const height = barChartHeight(bars.length);
  const domain = [ticks[0], ticks[ticks.length - 1]] as const;
  const row = (height - TOP - BOTTOM) / Math.max(1, bars.length);
  const middle = (index: number) => TOP + (index + 0.5) * row;
  const base = percentOf(reference ?? domain[0], domain);
  return (
    <div className="svg-chart svg-chart-bars">
      <svg className="chart-axis" width={labelWidth} height={height} data-axis="y">
        {bars.map((bar, index) => {
          const lines = wrapLabel(bar.label, labelWidth - 8);
          return (
            <text key={bar.key} className="chart-tick" y={middle(index)} textAnchor="end">
              {lines.map((text, i) => (
                <tspan key={i} x={labelWidth - 8} dy={i === 0 ? `${0.35 - (lines.length - 1) * 0.6}em` : '1.2em'}>
                  {text}
                </tspan>
              ))}
            </text>
          );
        })}
      </svg>
      <svg className="chart-plot" height={height}>
        {ticks.map((tick) => (
          <line
            key={tick}
            className="chart-grid-line"
            x1={`${percentOf(tick, domain)}%`}
            x2={`${percentOf(tick, domain)}%`}
            y1={TOP}
            y2={height - BOTTOM}
          />
        ))}
        <g data-axis="x">
          {ticks.map((tick) => (
            <text key={tick} className="chart-tick" x={`${percentOf(tick, domain)}%`} y={height - 6} textAnchor="middle">
              {tickLabel(tick)}
            </text>
          ))}
        </g>
        {bars.map((bar, index) => {
          if (bar.value === null) return null;
          const end = percentOf(bar.value, domain);
          return (
            <g key={bar.key} className="chart-bar" data-value={bar.value}>
              <title>{bar.title}</title>
              <rect
                x={`${Math.min(base, end)}%`}
                width={`${Math.abs(end - base)}%`}
                y={middle(index) - barSize / 2}
                height={barSize}
                fill={bar.color}
              />
            </g>
          );
        })}
        {reference === undefined ? null : (
          <line className="chart-reference" x1={`${base}%`} x2={`${base}%`} y1={TOP} y2={height - BOTTOM} />
        )}
        {bars.map((bar, index) => (
          // beside the bar's right end (a bar left of the reference ends at the reference line)
          <text
            key={bar.key}
            className="chart-value"
            x={`${bar.value === null ? base : Math.max(base, percentOf(bar.value, domain))}%`}
            dx={5}
            y={middle(index)}
            dy="0.35em"
          >
            {bar.valueLabel}
          </text>
        ))}
      </svg>
    </div>
  );
}
