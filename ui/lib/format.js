// Small formatting helpers shared by the steps.

/** "59:07", or "1:02:03" past an hour; "expired" at zero or below. */
export function formatCountdown(seconds) {
  if (!(seconds > 0)) return 'expired';
  const s = Math.floor(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${r}` : `${m}:${r}`;
}

/** Seconds left until `expiresAt` (unix seconds) at `nowMs`. */
export function secondsLeft(expiresAt, nowMs = Date.now()) {
  return Math.max(0, expiresAt - nowMs / 1000);
}

export function pretty(value) {
  return JSON.stringify(value, null, 2);
}

/** The integration summary a user copies or saves: non-secret facts only. */
export function integrationSummary({ environment, authUrl, graphqlUrl, controllerId, session, created, verification, now = new Date() }) {
  const lines = [
    '# Dxtra first integration: summary',
    '',
    `Date: ${now.toISOString()}`,
    `Environment: ${environment}`,
    `Auth URL: ${authUrl}`,
    `GraphQL URL: ${graphqlUrl}`,
    `Data Controller ID: ${controllerId}`,
  ];
  if (session) lines.push(`Signed in as: ${session.displayName ?? session.userId} (roles: ${session.roles.join(', ')})`);
  if (created) lines.push(`Data subject: ${created.dataSubjectId} (${created.message}, event "${created.event}")`);
  if (verification) {
    lines.push('', '## Checks');
    for (const check of verification.checks) {
      lines.push(`- [${check.confirmed ? 'x' : ' '}] ${check.title}: ${check.detail}${check.confirmed ? '' : ` (${check.dashboardUrl})`}`);
    }
  }
  lines.push('', 'Secrets are not included: keep the PAT in $DXTRA_PAT and the JWT in $JWT_TOKEN.');
  return lines.join('\n') + '\n';
}
