import { alertRules, dashboardPanels, metricNamesIn, operatingExpressions } from './support/operating-docs';

/**
 * docs/alerts.yml and docs/grafana/closer.json load as Prometheus and Grafana read them, and cover
 * what on-call needs (README, "Operating Closer"). That every metric they name exists is checked
 * against the running apps' registries in test/operability.e2e-spec.ts.
 */
describe('docs/alerts.yml', () => {
  const rules = alertRules();

  it('parses into groups of rules, each with a name, an expression, a severity and a summary', () => {
    expect(rules.length).toBeGreaterThanOrEqual(8);
    for (const rule of rules) {
      expect({ alert: rule.alert, valid: /^Closer[A-Z]\w+$/.test(rule.alert) }).toEqual({ alert: rule.alert, valid: true });
      expect(rule.expr.trim().length).toBeGreaterThan(0);
      expect(['page', 'ticket']).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary?.length).toBeGreaterThan(10);
      if (rule.for !== undefined) expect(rule.for).toMatch(/^\d+[smh]$/);
    }
    expect(new Set(rules.map((rule) => rule.alert)).size).toBe(rules.length);
  });

  it('pages when the outbox holds an event older than 5 minutes', () => {
    const rule = rules.find((candidate) => candidate.alert === 'CloserOutboxStuck');
    expect(rule?.expr).toBe('max(closer_outbox_oldest_age_seconds) > 300');
    expect(rule?.labels?.severity).toBe('page');
  });

  it.each([
    ['the mail failure rate', 'CloserMailFailureRate', 'closer_mails_total'],
    ['webhook failures', 'CloserWebhookFailureRate', 'closer_webhook_deliveries_total'],
    ['forms unanswered past their deadline at an unusual rate', 'CloserFormsExpiringUnusually', 'closer_forms_expired_total'],
    ['queue backlogs', 'CloserQueueBacklog', 'closer_queue_jobs'],
    ['the rollup drain backlog', 'CloserRollupBacklog', 'closer_rollup_backlog'],
    ['slow subgraph requests', 'CloserSubgraphSlow', 'closer_subgraph_request_duration_seconds'],
  ])('alerts on %s', (_what, alert, metric) => {
    expect(metricNamesIn(rules.find((rule) => rule.alert === alert)?.expr ?? '')).toContain(metric);
  });
});

describe('docs/grafana/closer.json', () => {
  it('has a query on every graph panel', () => {
    const graphs = dashboardPanels().filter((panel) => panel.type !== 'row');
    expect(graphs.length).toBeGreaterThanOrEqual(10);
    for (const panel of graphs)
      expect({ panel: panel.title, queries: (panel.targets ?? []).length > 0 }).toEqual({ panel: panel.title, queries: true });
  });

  it('shows every figure the on-call needs', () => {
    const shown = new Set(
      dashboardPanels()
        .flatMap((panel) => panel.targets ?? [])
        .flatMap((target) => metricNamesIn(target.expr)),
    );
    for (const metric of [
      'closer_outbox_backlog',
      'closer_outbox_oldest_age_seconds',
      'closer_mails_total',
      'closer_webhook_deliveries_total',
      'closer_subgraph_request_duration_seconds',
      'closer_queue_jobs',
      'closer_rollup_backlog',
    ])
      expect(shown).toContain(metric);
  });
});

describe(metricNamesIn.name, () => {
  it('reads metric names, a histogram under its own name', () => {
    expect(
      metricNamesIn(
        'histogram_quantile(0.9, sum by (le) (rate(closer_x_seconds_bucket[5m]))) / on() max(process_cpu_seconds_total) and up',
      ),
    ).toEqual(['closer_x_seconds', 'process_cpu_seconds_total']);
  });

  it('finds names in every expression of the alerts and the dashboard', () => {
    for (const expression of operatingExpressions())
      expect({ expression, names: metricNamesIn(expression).length > 0 }).toEqual({ expression, names: true });
  });
});
