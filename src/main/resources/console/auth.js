// Signing in. Tokens live in sessionStorage only (never cookies, so no CSRF; never URLs): one tab session.
// Local run: the admin pastes MVSYNC_LOCAL_ADMIN_TOKEN once. AWS: Cognito's hosted UI, authorization code with PKCE.
const KEY = 'mvsync.token';
const PKCE = 'mvsync.pkce';
let config = { auth: 'token' };

export function configure(c) { config = c; }
export function token() { return sessionStorage.getItem(KEY) || ''; }
export function signedIn() { return token() !== ''; }
export function useToken(t) { sessionStorage.setItem(KEY, t.trim()); }

export function signOut() {
  sessionStorage.removeItem(KEY);
}

export function signOutEverywhere() {
  signOut();
  if (config.auth === 'cognito') {
    const q = new URLSearchParams({ client_id: config.clientId, logout_uri: redirectUri() });
    location.assign(`${config.domain}/logout?${q}`);
  } else {
    location.reload();
  }
}

function redirectUri() { return location.origin + location.pathname; }

function base64url(bytes) {
  let s = '';
  for (const b of new Uint8Array(bytes)) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function random() { return base64url(crypto.getRandomValues(new Uint8Array(32))); }

/** Sends the browser to Cognito's hosted UI; it comes back to this page with ?code=…&state=…. */
export async function startCognito() {
  const verifier = random();
  const state = random();
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PKCE, JSON.stringify({ verifier, state }));
  const q = new URLSearchParams({
    response_type: 'code', client_id: config.clientId, redirect_uri: redirectUri(), scope: 'openid email',
    code_challenge_method: 'S256', code_challenge: challenge, state,
  });
  location.assign(`${config.domain}/oauth2/authorize?${q}`);
}

/** After the hosted UI: trades the code for tokens, then strips ?code= from the address bar and history. */
export async function finishCognito() {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  if (!code) return false;
  history.replaceState(null, '', location.pathname + location.hash);
  const pkce = JSON.parse(sessionStorage.getItem(PKCE) || 'null');
  sessionStorage.removeItem(PKCE);
  if (!pkce || pkce.state !== params.get('state')) throw new Error('the sign-in answer does not match this tab: sign in again');
  const res = await fetch(`${config.domain}/oauth2/token`, {
    method: 'POST', credentials: 'omit',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', client_id: config.clientId, code, redirect_uri: redirectUri(),
      code_verifier: pkce.verifier,
    }),
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok || !body.access_token) throw new Error('Cognito refused the sign-in: ' + (body.error || res.status));
  useToken(body.access_token);
  return true;
}
