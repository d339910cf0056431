import { startTransition, useEffect, useRef, useState } from 'react';

import { type Api, errorText, graphql } from '../api';
import { placeOf } from './places';
import { STATS, type Stats, TILES, type Tiles } from './queries';

export interface Filters {
  roleId: string;
  from: string;
  to: string;
}

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
}

export const NO_FILTERS: Filters = { roleId: '', from: '', to: '' };

/**
 * The overview's tiles for the default filters, asked for as soon as the session is known to
 * exist (`signedIn`: at once, or once a `#token=` link was traded for it), alongside the sign-in
 * check rather than after it. Null elsewhere than on the overview. A browser that is not signed in
 * gets a refusal here that nobody reads: the sign-in check says so.
 */
export function requestFirstTiles(signedIn: Promise<unknown>): Promise<Tiles> | null {
  if (placeOf(location.pathname).name !== 'overview') return null;
  const tiles = signedIn
    .then(() => graphql<{ closingFeedbackDashboard: Tiles }>(TILES, variablesOf(NO_FILTERS), true))
    .then((data) => data.closingFeedbackDashboard);
  tiles.catch(() => undefined);
  return tiles;
}

/**
 * The dashboard's figures for the filters, read again at every `version`. Until the full figures
 * have been on screen once, a small query for the tiles runs beside the full one, so the tiles
 * show without waiting for the rest; afterwards the tiles come with the full figures only, so
 * tiles and charts always show the same filters.
 */
export function useFigures(api: Api, filters: Filters, version: number, firstTiles: Promise<Tiles> | null) {
  const [stats, setStats] = useState<Loaded<Stats>>({ data: null, error: null, loading: true });
  const [tiles, setTiles] = useState<Tiles | null>(null);
  const early = useRef(firstTiles);
  const shown = useRef(false);

  useEffect(() => {
    let live = true;
    const variables = variablesOf(filters);
    setStats((s) => ({ ...s, loading: true }));
    if (!shown.current) {
      const pending =
        early.current ?? api<{ closingFeedbackDashboard: Tiles }>(TILES, variables).then((data) => data.closingFeedbackDashboard);
      early.current = null;
      // a refusal is the full query's to report
      pending.then((data) => live && setTiles(data)).catch(() => undefined);
    }
    api<{ closingFeedbackDashboard: Stats }>(STATS, variables)
      .then((data) => {
        if (!live) return;
        shown.current = true;
        // the charts are drawn from these: rendered in slices, not one long task
        startTransition(() => setStats({ data: data.closingFeedbackDashboard, error: null, loading: false }));
      })
      .catch((error: unknown) => live && setStats((s) => ({ ...s, error: errorText(error), loading: false })));
    return () => {
      live = false;
    };
  }, [api, version, filters]);

  return { stats, tiles: stats.data ?? tiles };
}

function variablesOf(filters: Filters): Record<string, unknown> {
  return {
    roleId: filters.roleId || null,
    from: filters.from ? startOfDay(filters.from) : null,
    to: filters.to ? startOfDay(filters.to, 1) : null,
  };
}

/** A date input's day, from local midnight (plus `days`), as an instant. */
function startOfDay(day: string, days = 0): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d + days).toISOString();
}
