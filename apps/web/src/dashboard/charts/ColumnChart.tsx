import type { ReactNode } from 'react';

import { percentOf } from './scale';

export interface Column {
  key: string;
  /** Under the column, on the category axis. */
  label: string;
  value: number;
  /** Over the column. */
  valueLabel: string;
  /** What a pointer resting on the column shows. */
  title: string;
  color: string;
}

export interface ColumnLine {
  name: string;
  color: string;
  /** One per column; a missing value is skipped, the line joins its neighbours. */
  values: (number | null)[];
  ticks: number[];
  tickLabel(value: number): string;
  title(index: number): string;
}

interface Props {
  columns: Column[];
  height: number;
  /** The column axis's ticks, lowest first: the first and last are its ends. */
  ticks: number[];
  /** A fixed column width in pixels (narrowed when there are many); otherwise 80% of each column's share. */
  maxColumnWidth?: number;
  /** A second series drawn as a line against its own axis on the right. */
  line?: ColumnLine;
  /** Every nth category label is shown when there are more than fit a phone. */
  labelEvery?: number;
}

const TOP = 24;
const BOTTOM = 28;
/** The plot's width on a narrow phone: fixed-width columns are narrowed to fit it. */
const NARROWEST_PLOT = 220;

/**
 * Vertical bars over categories (optionally with a line against a second axis), drawn as plain
 * SVG: the value axis in pixels, the category axis in percentages of the plot's width, so the
 * chart fills whatever width it is given and is drawn in a single pass.
 */
export function ColumnChart({ columns, height, ticks, maxColumnWidth, line, labelEvery = 1 }: Props): ReactNode {
  const domain = [ticks[0], ticks[ticks.length - 1]] as const;
  const plotHeight = height - TOP - BOTTOM;
  const y = (value: number) => TOP + plotHeight - (percentOf(value, domain) / 100) * plotHeight;
  const share = 100 / Math.max(1, columns.length);
  const center = (index: number) => (index + 0.5) * share;
  const fixedWidth = maxColumnWidth ? Math.min(maxColumnWidth, Math.floor((0.8 * NARROWEST_PLOT) / columns.length)) : null;
  return (
    <div className="svg-chart">
      <svg className="chart-axis" width={32} height={height} data-axis="y">
        {ticks.map((tick) => (
          <text key={tick} className="chart-tick" x={28} y={y(tick)} dy="0.35em" textAnchor="end">
            {tick}
          </text>
        ))}
      </svg>
      <svg className="chart-plot" height={height}>
        {ticks.map((tick) => (
          <line key={tick} className="chart-grid-line" x1="0" x2="100%" y1={y(tick)} y2={y(tick)} />
        ))}
        {columns.map((column, index) => {
          const top = y(column.value);
          const size = { y: top, height: TOP + plotHeight - top, fill: column.color };
          return (
            <g key={column.key} className="chart-bar" data-value={column.value}>
              <title>{column.title}</title>
              {fixedWidth ? (
                <rect x={`${center(index)}%`} width={fixedWidth} transform={`translate(${-fixedWidth / 2} 0)`} {...size} />
              ) : (
                <rect x={`${center(index) - 0.4 * share}%`} width={`${0.8 * share}%`} {...size} />
              )}
            </g>
          );
        })}
        {columns.map((column, index) => (
          <text key={column.key} className="chart-value" x={`${center(index)}%`} y={y(column.value) - 6} textAnchor="middle">
            {column.valueLabel}
          </text>
        ))}
        <g data-axis="x">
          {columns.map((column, index) =>
            index % labelEvery === 0 ? (
              <text key={column.key} className="chart-tick" x={`${center(index)}%`} y={height - 8} textAnchor="middle">
                {column.label}
              </text>
            ) : null,
          )}
        </g>
        {line ? <LineSeries line={line} center={center} top={TOP} plotHeight={plotHeight} /> : null}
      </svg>
      {line ? (
        <svg className="chart-axis" width={44} height={height} data-axis="y2">
          {line.ticks.map((tick) => {
            const at = TOP + plotHeight - (percentOf(tick, [line.ticks[0], line.ticks[line.ticks.length - 1]]) / 100) * plotHeight;
            return (
              <text key={tick} className="chart-tick" x={6} y={at} dy="0.35em">
                {line.tickLabel(tick)}
              </text>
            );
          })}
        </svg>
      ) : null}
    </div>
  );
}

function LineSeries({
  line,
  center,
  top,
  plotHeight,
}: {
  line: ColumnLine;
  center(index: number): number;
  top: number;
  plotHeight: number;
}): ReactNode {
  const domain = [line.ticks[0], line.ticks[line.ticks.length - 1]] as const;
  const points = line.values.flatMap((value, index) =>
    value === null ? [] : [{ index, x: center(index), y: 100 - percentOf(value, domain) }],
  );
  return (
    <g className="chart-line" data-name={line.name}>
      {/* a 100 × 100 box stretched over the plot: the line's points in percent, its stroke unstretched */}
      <svg y={top} width="100%" height={plotHeight} viewBox="0 0 100 100" preserveAspectRatio="none" overflow="visible">
        <polyline
          points={points.map((p) => `${p.x},${p.y}`).join(' ')}
          fill="none"
          stroke={line.color}
          strokeWidth={2}
          vectorEffect="non-scaling-stroke"
        />
      </svg>
      {points.map((p) => (
        <circle
          key={p.index}
          className="chart-point"
          cx={`${p.x}%`}
          cy={top + (p.y / 100) * plotHeight}
          r={3.5}
          fill="#ffffff"
          stroke={line.color}
          strokeWidth={2}
        >
          <title>{line.title(p.index)}</title>
        </circle>
      ))}
    </g>
  );
}
