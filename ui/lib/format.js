// Small formatting helpers shared by the steps: environment names, the token's countdown, JSON
// shown to the user, the integration summary and step 4's outcome in words. Text only: where it
// is shown is the steps' business.

/** The environments by the ids the app uses (`EnvChoice::id` in src-tauri/src/settings.rs). */
export const ENVIRONMENT_NAMES = Object.freeze({ sandbox: 'Sandbox (offline practice)', production: 'Production', 'local-dev': 'Local Dev', custom: 'Custom' });

/** An environment's short name (without its note in brackets), with a Custom origin after it. */
export function environmentLabel(environment, origin) {
  const name = (ENVIRONMENT_NAMES[environment] ?? environment).split(' (')[0];
  return origin ? `${name} (${origin})` : name;
}

/** "59:07", or "1:02:03" past an hour; "expired" at zero or below. */
export function formatCountdown(seconds) {
  if (!(seconds > 0)) return 'expired';
  const s = Math.floor(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${r}` : `${m}:${r}`;
}

/**
 * The time left as a person reads it, changing as rarely as it can: "59 min" while more than two
 * minutes remain (the text then changes once a minute), "1:59" in the last two, "expired" at zero.
 */
export function formatRemaining(seconds) {
  if (!(seconds > 0)) return 'expired';
  return seconds >= 120 ? `${Math.floor(seconds / 60)} min` : formatCountdown(seconds);
}

/**
 * A token's lifetime in words: "15 seconds" under a minute, "1 minute 30 seconds" under ten,
 * "15 minutes" under two hours, then "3 hours" (never "0 minutes" for a short-lived token).
 */
export function formatLifetime(seconds) {
  const s = Math.max(0, Math.round(Number(seconds) || 0));
  const unit = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (s < 60) return unit(s, 'second');
  const m = Math.floor(s / 60);
  if (s < 600 && s % 60) return `${unit(m, 'minute')} ${unit(s % 60, 'second')}`;
  if (s < 7200) return unit(Math.round(s / 60), 'minute');
  return unit(Math.round(s / 3600), 'hour');
}

/** Milliseconds until the text of `formatRemaining(seconds)` next changes. */
export function nextChangeMs(seconds) {
  if (!(seconds > 0)) return null;
  if (seconds < 120) return 1000 - ((seconds * 1000) % 1000 || 0) || 1000;
  // Just past the minute boundary, so the text has changed when it is redrawn.
  const past = seconds % 60;
  return Math.max(1000, Math.round((past || 60) * 1000) + 50);
}

/** Seconds left until `expiresAt` (unix seconds) at `nowMs`. */
export function secondsLeft(expiresAt, nowMs = Date.now()) {
  return Math.max(0, expiresAt - nowMs / 1000);
}

/** A value as indented JSON. */
export function pretty(value) {
  return JSON.stringify(value, null, 2);
}

/** The integration summary a user copies or saves: non-secret facts only. */
export function integrationSummary({ environment, authUrl, signinUrl, graphqlUrl, controllerId, session, created, verification, now = new Date() }) {
  const lines = [
    '# Dxtra first integration: summary',
    '',
    `Date: ${now.toISOString()}`,
    `Environment: ${environment}`,
    signinUrl ? `Sign-in URL: ${signinUrl}` : `Auth URL: ${authUrl}`,
    `GraphQL URL: ${graphqlUrl}`,
    `Data Controller ID: ${controllerId}`,
  ];
  if (session) lines.push(`Signed in as: ${session.displayName ?? session.userId} (roles: ${session.roles.join(', ')})`);
  if (created) lines.push(`Data subject: ${created.dataSubjectId} (${created.message ? `${created.message}, ` : ''}event "${created.event}")`);
  if (verification) {
    lines.push('', '## Checks');
    for (const check of verification.checks) {
      const state = checkState(check);
      const mark = state === 'confirmed' ? 'x' : state === 'failed' ? '!' : ' ';
      const where = state === 'confirmed' ? '' : ` (${check.dashboardUrl})`;
      lines.push(`- [${mark}] ${check.title}: ${check.detail}${where}`);
    }
    lines.push('', '[x] confirmed by an API read · [ ] only the dashboard can confirm it · [!] failed');
  }
  lines.push('', 'Secrets are not included: keep the PAT in $DXTRA_PAT and the JWT in $JWT_TOKEN.');
  return lines.join('\n') + '\n';
}

/** A check's state: `confirmed` (an API read), `dashboard` (only the dashboard can tell) or `failed`. */
export function checkState(check) {
  return check.state ?? (check.confirmed ? 'confirmed' : 'dashboard');
}

/** The finished state of step 4, in words: what is confirmed, what to check, what next. */
export function verificationOutcome(verification) {
  const count = (state) => verification.checks.filter((c) => checkState(c) === state).length;
  const confirmed = count('confirmed');
  const dashboard = count('dashboard');
  const failed = count('failed');
  const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (failed > 0) {
    return {
      finished: false,
      headline: `${plural(failed, 'check')} failed.`,
      detail: `The API confirmed ${confirmed}; ${dashboard} can only be checked in the dashboard. See the failed check below, fix what it says and press Verify again.`,
    };
  }
  return {
    finished: true,
    headline: 'Done: your first data subject is recorded.',
    detail: `The API confirmed ${plural(confirmed, 'check')}; ${plural(dashboard, 'check')} can only be confirmed in the Dxtra dashboard. What next is below: a starter project for your own code, or the console.`,
  };
}
