import { signTestJwt } from '@closer/testing';
import type { Page, Request, Route } from 'playwright-core';

import { graphql } from '../support/apps';
import { PHONE, seriousViolations } from './support/browser';
import { DashboardSuite } from './support/dashboard-suite';

/**
 * The overview shows its key figures before the charts' code (a chunk of its own) has arrived:
 * with that chunk held back, the tiles carry their numbers and each chart's frame says it is
 * loading; once it arrives, the charts are drawn in place, within the phone's width.
 */
describe('web app: the overview before its charts', () => {
  const suite = new DashboardSuite();

  beforeAll(() => suite.start());
  afterAll(() => suite.close());

  it('shows the tiles from a small query while the charts chunk is held, then draws the charts', async () => {
    const jwt = await signTestJwt(suite.jwtSecret, { org: 'acme', role: 'admin', sub: 'rae', name: 'Rae Recruiter' });
    const recruiter = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
      const { body } = await graphql<T>(`${suite.gateway.baseUrl}/graphql`, query, variables, { authorization: `Bearer ${jwt}` });
      expect(body.errors).toBeUndefined();
      return body.data!;
    };
    // one completed session: "Sessions completed 1"
    const { createRole } = await recruiter<{ createRole: { id: string } }>(
      'mutation { createRole(input: { title: "Platform Engineer", criteria: [{ label: "Systems design", kind: SKILL, weight: 3 }] }) { id } }',
    );
    const { addCandidate } = await recruiter<{ addCandidate: { id: string } }>(
      'mutation { addCandidate(input: { name: "Grace Hopper", email: "grace@example.test" }) { id } }',
    );
    const { addInterviewer } = await recruiter<{ addInterviewer: { id: string } }>(
      'mutation { addInterviewer(input: { name: "Ada Lovelace", email: "ada@acme.test" }) { id } }',
    );
    const { scheduleSession } = await recruiter<{ scheduleSession: { id: string } }>(
      'mutation($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id } }',
      {
        input: {
          candidateId: addCandidate.id,
          roleId: createRole.id,
          interviewerIds: [addInterviewer.id],
          title: 'On-site',
          startsAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
          endsAt: new Date(Date.now() - 3_600_000).toISOString(),
        },
      },
    );
    await recruiter('mutation($id: ID!) { completeSession(id: $id) { id } }', { id: scheduleSession.id });

    const context = await suite.browser.newContext(PHONE);
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const queries: string[] = [];
    page.on('request', (request: Request) => {
      if (request.url().endsWith('/graphql'))
        queries.push(/^\s*(?:query|mutation)\s+(\w+)/.exec(request.postDataJSON()?.query ?? '')?.[1] ?? '');
    });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let chartsRequested = false;
    await page.route(/\/assets\/Charts-[\w-]+\.js$/, async (route: Route) => {
      chartsRequested = true;
      await held;
      await route.continue();
    });

    const fullFigures = page.waitForResponse(
      (response) => response.url().endsWith('/graphql') && /query Stats/.test(response.request().postData() ?? ''),
    );
    await page.goto(`${suite.gateway.baseUrl}/dashboard#token=${jwt}`);
    const sessions = page.getByTestId('kpi-sessions');
    await sessions.waitFor();
    expect((await sessions.innerText()).replace(/\s+/g, ' ').trim()).toBe('Sessions completed 1');
    expect((await page.getByTestId('kpi-asked').innerText()).replace(/\s+/g, ' ').trim()).toBe('Candidates who asked 0 0% of sessions');
    // the full figures are in too: only the charts' code is missing
    await fullFigures;
    expect(queries).toEqual(expect.arrayContaining(['Tiles', 'Stats']));
    expect(queries.indexOf('Tiles')).toBeLessThan(queries.indexOf('Stats'));
    await page.waitForFunction(`document.querySelectorAll('[data-testid^="chart-"] .chart-loading').length === 4`);
    expect(chartsRequested).toBe(true);
    for (const chart of ['weekly', 'fit', 'criteria', 'interviewers']) {
      const figure = page.getByTestId(`chart-${chart}`);
      expect(await figure.getAttribute('aria-busy')).toBe('true');
      expect(await figure.getByText('Loading the chart…').isVisible()).toBe(true);
      expect(await figure.locator('svg').count()).toBe(0);
    }
    expect(await page.getByRole('heading', { name: 'Fit distribution' }).isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);

    const frameTops = () =>
      page.evaluate<number[]>(
        `[...document.querySelectorAll('[data-testid^="chart-"]')].map((f) => Math.round(f.getBoundingClientRect().top))`,
      );
    const frames = await frameTops();
    release();
    const weekly = page.getByTestId('chart-weekly');
    await weekly.locator('svg .chart-bar').first().waitFor();
    expect(await page.getByText('Loading the chart…').count()).toBe(0);
    expect(await page.getByTestId('chart-fit').getByText('No answers composed in this period yet.').isVisible()).toBe(true);
    expect(await weekly.getAttribute('aria-busy')).toBe('false');
    // this week's one completed session: one bar labelled 1, the week's name under it; no form answered, so no rate point
    expect(await weekly.locator('svg .chart-bar').count()).toBe(1);
    expect(await weekly.locator('svg .chart-value').allTextContents()).toEqual(['1']);
    expect(await weekly.locator('[data-axis="x"] text').count()).toBe(1);
    expect(await weekly.locator('.chart-point').count()).toBe(0);
    expect(await weekly.getByRole('table', { name: 'Per week' }).getByRole('row').count()).toBe(2);
    // the weekly trend takes the height its frame waited at (the next frame stays put: an empty
    // chart's note is shorter), and nothing is wider than the phone (the page would zoom out)
    const drawn = await frameTops();
    expect(drawn.slice(0, 2)).toEqual(frames.slice(0, 2));
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.viewport.width);
    // from the first paint on, nothing on the page moved (the signed-in name, the figures and the charts filled their places)
    expect(await layoutShifts(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  }, 60_000);
});

/** The page's layout shifts so far (the Layout Instability API): what moved, and by how much. */
function layoutShifts(page: Page): Promise<{ value: number; moved: string[] }[]> {
  return page.evaluate(`new Promise((resolve) => {
    // the observer reports buffered entries at once, or never when there are none
    setTimeout(() => resolve([]), 500);
    new PerformanceObserver((list) =>
      resolve(list.getEntries().map((e) => ({ value: e.value, moved: e.sources.map((s) => s.node ? s.node.nodeName + '.' + s.node.className : '?') }))),
    ).observe({ type: 'layout-shift', buffered: true });
  })`);
}
