import { type MouseEvent, type ReactNode, useEffect, useState } from 'react';

/** Every place of the dashboard has its own address; Back and Forward move between them. */
export type Place =
  | { name: 'overview' }
  | { name: 'attention' }
  | { name: 'sessions' }
  | { name: 'session'; id: string }
  | { name: 'people' }
  | { name: 'roles' }
  | { name: 'integrations' }
  | { name: 'settings' }
  | { name: 'unknown' };

const SIMPLE: Record<string, Place['name']> = {
  '': 'overview',
  attention: 'attention',
  sessions: 'sessions',
  people: 'people',
  roles: 'roles',
  integrations: 'integrations',
  settings: 'settings',
};

export function placeOf(pathname: string): Place {
  const match = /^\/dashboard(?:\/(.*?))?\/?$/.exec(pathname);
  if (!match) return { name: 'unknown' };
  const rest = match[1] ?? '';
  const session = /^sessions\/([^/]+)$/.exec(rest);
  if (session) return { name: 'session', id: decodeURIComponent(session[1]) };
  const name = SIMPLE[rest];
  return name ? ({ name } as Place) : { name: 'unknown' };
}

export function pathOf(place: Place): string {
  if (place.name === 'session') return `/dashboard/sessions/${encodeURIComponent(place.id)}`;
  if (place.name === 'overview' || place.name === 'unknown') return '/dashboard';
  return `/dashboard/${place.name}`;
}

const CHANGED = 'closer:navigate';

export function navigate(path: string): void {
  if (path === location.pathname + location.search) return;
  history.pushState(null, '', path);
  window.dispatchEvent(new Event(CHANGED));
}

/** The place the address names, following pushState and Back/Forward. */
export function usePlace(): Place {
  const [place, setPlace] = useState<Place>(() => placeOf(location.pathname));
  useEffect(() => {
    const update = () => setPlace(placeOf(location.pathname));
    window.addEventListener('popstate', update);
    window.addEventListener(CHANGED, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(CHANGED, update);
    };
  }, []);
  return place;
}

/** A real link (it opens in a new tab, can be copied) that moves within the page when clicked plainly. */
export function Link(props: { to: string; children: ReactNode; className?: string; current?: boolean }): ReactNode {
  const click = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(props.to);
  };
  return (
    <a href={props.to} className={props.className} aria-current={props.current ? 'page' : undefined} onClick={click}>
      {props.children}
    </a>
  );
}
