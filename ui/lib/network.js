// The Network dialog's pure parts: the proxy fields checked as the app checks them (the Rust
// side checks again; PEM is left to it), the patch sent on Save, which field an error of the app
// belongs to, which error kinds the dialog fixes and what their fix focuses when Manual's fields
// are hidden, and the route lines of a Check connection result. The dialog is frame/network.js.

/** Error kinds fixed in Network settings, and the field the fix focuses. */
export const NETWORK_FIXES = Object.freeze({
  'tls-unknown-issuer': 'extra-certificates',
  'tls-self-signed': 'extra-certificates',
  'tls-expired': 'extra-certificates',
  'tls-wrong-host': 'extra-certificates',
  tls: 'extra-certificates',
  'proxy-unreachable': 'proxy-mode',
  'proxy-auth': 'proxy-username',
  'proxy-refused-tunnel': 'proxy-mode',
});

/** The field (element id) an error of `save_network_settings` belongs to, or null for the dialog. */
export function fieldForErrorKind(kind) {
  return { 'proxy-host-invalid': 'proxy-host', 'proxy-port-invalid': 'proxy-port', 'extra-cert-invalid': 'extra-certificates' }[kind] ?? null;
}

/** The fields shown only in Manual mode (inside #manual-proxy). */
export const MANUAL_FIELDS = Object.freeze(['proxy-host', 'proxy-port', 'proxy-bypass', 'proxy-username', 'proxy-password']);

/** Whether `field` is out of sight in proxy mode `mode` (a Manual field outside Manual mode). */
export function hiddenIn(field, mode) {
  return mode !== 'manual' && MANUAL_FIELDS.includes(field);
}

/** The element a Network fix focuses: its field, or the proxy mode when that field is hidden. */
export function fixFocus(field, mode) {
  return hiddenIn(field, mode) ? 'proxy-mode' : field;
}

/**
 * Checks the proxy fields as the app does: `{field, message}` for the first problem, or null.
 * Host and port are required in Manual mode only, but kept (and so checked) in every mode when
 * filled in, since the app refuses a bad one whichever mode is chosen.
 */
export function validateProxy({ mode, host, port }) {
  const manual = mode === 'manual';
  const h = String(host ?? '').trim();
  if (manual && !h) return { field: 'proxy-host', message: "Enter the proxy's host name or IP address, e.g. proxy.example.com." };
  if (h.includes('://')) return { field: 'proxy-host', message: 'Enter the host alone, without http:// or https:// (e.g. proxy.example.com).' };
  if (/[/@\s?#]/.test(h)) return { field: 'proxy-host', message: 'Enter the host alone: no path, spaces or user name (those have their own fields).' };
  if (/^[^:[\]]+:\d*$/.test(h)) return { field: 'proxy-host', message: 'Enter the host alone: the port goes in the Port field.' };
  const text = String(port ?? '').trim();
  if (manual && !text) return { field: 'proxy-port', message: "Enter the proxy's port (1 to 65535), e.g. 3128 or 8080." };
  const n = Number(text);
  if (text && (!Number.isInteger(n) || n < 1 || n > 65535)) return { field: 'proxy-port', message: 'The port is a whole number from 1 to 65535.' };
  return null;
}

/**
 * The patch Save sends: `values` as read from the form (strings), `removePassword` when the user
 * asked to remove the saved one. An empty password field keeps the saved password (or removes it
 * after "Remove saved password"); a typed one replaces it either way.
 */
export function patchFromForm(values, removePassword = false) {
  const port = String(values.port ?? '').trim();
  const password = values.password ? values.password : (removePassword ? '' : null);
  return {
    proxy: {
      mode: values.mode,
      host: String(values.host ?? '').trim(),
      port: port === '' ? null : Number(port),
      bypass: String(values.bypass ?? '').trim(),
      username: String(values.username ?? '').trim(),
      password,
    },
    extraCertificates: String(values.extraCertificates ?? '').trim(),
  };
}

/** The two muted lines under a Check connection result: how it went, and the certificate. */
export function routeLines(check) {
  return [check.route ? `Route: ${check.route}` : null, check.certificate ? `TLS: ${check.certificate}` : null].filter(Boolean);
}
