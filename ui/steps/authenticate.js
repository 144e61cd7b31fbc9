// Step 2 · Authenticate: sign in with the saved PAT; who, which roles, and a live countdown.

import { call } from '../ipc.js';
import { formatCountdown, secondsLeft } from '../lib/format.js';

let app;
let session = null;
let ticks = 0;
const $ = (id) => document.getElementById(id);

function renderSession() {
  $('session').hidden = !session;
  $('to-step-3').disabled = !session;
  if (!session) return;
  $('session-user').textContent = `${session.displayName ?? session.userId}${session.email ? ` <${session.email}>` : ''}`;
  $('session-roles').textContent = `${session.roles.join(', ')} (default: ${session.defaultRole ?? 'none'})`;
  $('session-countdown').textContent = formatCountdown(secondsLeft(session.expiresAt));
}

async function poll() {
  // session_status renews a session about to expire, so the countdown restarts by itself.
  session = await call('session_status').catch(() => session);
  renderSession();
}

async function signIn() {
  const info = await app.busy('Signing in', (signal) => call('sign_in', {}, { signal }));
  if (!info) return;
  session = info;
  renderSession();
  await app.reload();
  app.announce(`Signed in as ${info.displayName ?? info.userId}. The token is valid for ${Math.round(info.lifetimeSecs / 60)} minutes.`);
  $('to-step-3').focus();
}

/** Another environment: its own session (none until it signs in). */
export function reset() {
  session = app.status?.session ?? null;
  renderSession();
}

export function enter() {
  poll();
}

export function mount(context) {
  app = context;
  $('sign-in').addEventListener('click', app.handle(signIn));
  $('to-step-3').addEventListener('click', app.handle(() => app.advance(3)));
  app.fixes.reauthenticate = async () => {
    app.show(2);
    await signIn();
  };
  setInterval(() => {
    ticks += 1;
    if (session) $('session-countdown').textContent = formatCountdown(secondsLeft(session.expiresAt));
    if (!$('step-2').hidden && ticks % 5 === 0) poll();
  }, 1000);
}
