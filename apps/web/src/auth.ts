/**
 * The dashboard's sign-in. A token (from `/dashboard#token=<JWT>` or pasted) is sent once to
 * the gateway, which answers with an HttpOnly session cookie every tab of this browser then
 * carries to /graphql; page scripts never keep the token.
 */

/** The token in `#token=…`, taken out of the address bar and the history at once. The fragment never reaches a server. */
export function takeTokenFromAddress(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (!match) return null;
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

export class SignInRefused extends Error {}

export interface SignIn {
  signedIn: boolean;
  /** What the queue dashboard lets this recruiter do ('none' for everyone but its operators). */
  queues: 'none' | 'read-only' | 'full';
}

/** Whether this browser is signed in (any tab may have done it), and as what. */
export async function currentSignIn(): Promise<SignIn> {
  let response: Response;
  try {
    response = await fetch('/auth/session', { cache: 'no-store' });
  } catch {
    throw new Error('We could not reach Closer. Check your connection and try again.');
  }
  if (!response.ok) throw new Error('Closer could not check your sign-in. Please try again in a moment.');
  return (await response.json()) as SignIn;
}

/** Trades the token for the session cookie; SignInRefused when the gateway does not accept it. */
export async function openSession(token: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch('/auth/session', { method: 'POST', headers: { authorization: `Bearer ${token}` }, cache: 'no-store' });
  } catch {
    throw new Error('We could not reach Closer. Check your connection and try again.');
  }
  if (response.status === 401) throw new SignInRefused('This token is not valid or has expired. Ask for a new dashboard link.');
  if (response.status !== 204) throw new Error('Signing in failed on our side. Please try again in a moment.');
}

/** Ends the session on the server (a copied cookie stops working), and the queue dashboard's with it. */
export async function closeSession(): Promise<void> {
  await Promise.all([
    fetch('/auth/session', { method: 'DELETE' }).catch(() => undefined),
    // the queue dashboard's cookie is HttpOnly too: only the server can end it
    fetch('/admin/queues/session', { method: 'DELETE' }).catch(() => undefined),
  ]);
}
