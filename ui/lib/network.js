// The Network dialog's pure parts: the proxy fields checked as the app checks them (the Rust
// side checks again), the patch sent on Save, which field an error of the app belongs to, and
// which error kinds the dialog fixes. The dialog itself is frame/network.js.

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

/** Checks the proxy fields of Manual mode: `{field, message}` for the first problem, or null. */
export function validateProxy({ mode, host, port }) {
  if (mode !== 'manual') return null;
  const h = String(host ?? '').trim();
  if (!h) return { field: 'proxy-host', message: "Enter the proxy's host name or IP address, e.g. proxy.example.com." };
  if (h.includes('://')) return { field: 'proxy-host', message: 'Enter the host alone, without http:// or https:// (e.g. proxy.example.com).' };
  if (/[/@\s?#]/.test(h)) return { field: 'proxy-host', message: 'Enter the host alone: no path, spaces or user name (those have their own fields).' };
  const text = String(port ?? '').trim();
  if (!text) return { field: 'proxy-port', message: "Enter the proxy's port (1 to 65535), e.g. 3128 or 8080." };
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 65535) return { field: 'proxy-port', message: 'The port is a whole number from 1 to 65535.' };
  return null;
}

/**
 * The patch Save sends: `values` as read from the form (strings), `removePassword` when the user
 * asked to remove the saved one. An empty password field keeps the saved password.
 */
export function patchFromForm(values, removePassword = false) {
  const port = String(values.port ?? '').trim();
  const password = removePassword ? '' : (values.password ? values.password : null);
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
