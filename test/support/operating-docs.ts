import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..');

export interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels?: { severity?: string };
  annotations?: { summary?: string; description?: string };
}

export interface DashboardPanel {
  type: string;
  title: string;
  targets?: { expr: string }[];
}

export function alertRules(): AlertRule[] {
  const document = parse(readFileSync(join(ROOT, 'docs', 'alerts.yml'), 'utf8')) as { groups: { name: string; rules: AlertRule[] }[] };
  return document.groups.flatMap((group) => group.rules);
}

export function dashboardPanels(): DashboardPanel[] {
  return (JSON.parse(readFileSync(join(ROOT, 'docs', 'grafana', 'closer.json'), 'utf8')) as { panels: DashboardPanel[] }).panels;
}

/** Every PromQL expression of the alerts and the dashboard. */
export function operatingExpressions(): string[] {
  return [
    ...alertRules().map((rule) => rule.expr),
    ...dashboardPanels().flatMap((panel) => (panel.targets ?? []).map((target) => target.expr)),
  ];
}

/**
 * The metric names an expression reads: ours (closer_*) and Node's defaults (nodejs_*, process_*),
 * a histogram's series (_bucket, _sum, _count) under the histogram's own name as /metrics lists it.
 */
export function metricNamesIn(expression: string): string[] {
  const names = [...expression.matchAll(/\b((?:closer|nodejs|process)_[a-z0-9_]+)\b/g)].map((match) => match[1]);
  return [...new Set(names.map((name) => name.replace(/_(bucket|sum|count)$/, '')))];
}
