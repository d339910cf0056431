const KEY = 'closer.recruiter-token';

/**
 * `/dashboard#token=<JWT>`: the fragment never reaches a server. Keep the token in session
 * storage (this tab only) and take it out of the address bar and the history at once.
 */
export function takeTokenFromAddress(): void {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (!match) return;
  try {
    sessionStorage.setItem(KEY, decodeURIComponent(match[1]!));
  } catch {
    // without session storage the recruiter signs in again on every visit
  }
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
}

export function recruiterToken(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function setRecruiterToken(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(KEY, token);
    else sessionStorage.removeItem(KEY);
  } catch {
    // see takeTokenFromAddress
  }
}
