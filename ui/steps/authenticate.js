// Step 2 · Authenticate: sign in with the saved PAT; who, which roles, and a live countdown that
// costs nothing while idle. The countdown's text and timing are lib/format.js's; the token itself
// never reaches the page (the app signs in and renews it).

import { call } from '../ipc.js';
import { $ } from '../dom.js';
import { formatLifetime, formatRemaining, nextChangeMs, secondsLeft } from '../lib/format.js';

const IDS = Object.freeze({
  step: 'step-2',
  signIn: 'sign-in',
  signinEndpoint: 'signin-endpoint',
  session: 'session',
  sessionUser: 'session-user',
  sessionRoles: 'session-roles',
  sessionCountdown: 'session-countdown',
  toStep3: 'to-step-3',
});

let app;
let session = null;
let timer = null;
/** How long before expiry the page asks the app to renew (the app renews on its own too). */
const RENEW_BEFORE_SECS = 60;

function renderSession() {
  // The endpoint this environment signs in at (a server without /v1 has /signin/pat).
  $(IDS.signinEndpoint).textContent = app.status?.endpoints?.signinUrl ?? '/v1/signin/pat';
  $(IDS.session).hidden = !session;
  $(IDS.toStep3).disabled = !session;
  if (!session) return;
  $(IDS.sessionUser).textContent = `${session.displayName ?? session.userId}${session.email ? ` <${session.email}>` : ''}`;
  $(IDS.sessionRoles).textContent = `${session.roles.join(', ')} (default: ${session.defaultRole ?? 'none'})`;
  $(IDS.sessionCountdown).textContent = formatRemaining(secondsLeft(session.expiresAt));
}

/**
 * An idle page costs nothing: the countdown's text is redrawn only when it changes (once a minute,
 * each second in the last two), nothing runs while step 2 is hidden or the window is, and the app
 * is asked for the session only when it is due for renewal (or the computer woke from sleep).
 */
function schedule() {
  clearTimeout(timer);
  timer = null;
  if (!session || $(IDS.step).hidden || document.hidden) return;
  const left = secondsLeft(session.expiresAt);
  $(IDS.sessionCountdown).textContent = formatRemaining(left);
  const wait = left <= RENEW_BEFORE_SECS ? 1000 : nextChangeMs(left);
  if (wait === null) return;
  timer = setTimeout(app.handle(tick), wait);
}

async function tick() {
  if (secondsLeft(session?.expiresAt ?? 0) <= RENEW_BEFORE_SECS) await poll();
  schedule();
}

async function poll() {
  // session_status renews a session about to expire, so the countdown restarts by itself.
  session = await call('session_status').catch(() => session);
  renderSession();
  schedule();
}

async function signIn() {
  const info = await app.busy('Signing in', (signal) => call('sign_in', {}, { signal }));
  if (!info) return;
  session = info;
  renderSession();
  await app.reload();
  app.announce(`Signed in as ${info.displayName ?? info.userId}. The token is valid for ${formatLifetime(info.lifetimeSecs)}.`, { onPage: true });
  $(IDS.toStep3).focus();
}

/** Another environment: its own session (none until it signs in). */
export function reset() {
  session = app.status?.session ?? null;
  renderSession();
}

export function enter() {
  poll();
}

/** Leaving step 2: nothing ticks while it is not shown. */
export function leave() {
  clearTimeout(timer);
  timer = null;
}

export function mount(context) {
  app = context;
  $(IDS.signIn).addEventListener('click', app.handle(signIn));
  $(IDS.toStep3).addEventListener('click', app.handle(() => app.advance(3)));
  app.fixes.reauthenticate = async () => {
    app.show(2);
    await signIn();
  };
  // Back from sleep or another window: the clock may have jumped; ask once, then tick again.
  document.addEventListener('visibilitychange', app.handle(() => (document.hidden ? leave() : !$(IDS.step).hidden && poll())));
}
