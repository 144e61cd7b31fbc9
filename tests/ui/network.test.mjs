// The Network dialog's pure parts (ui/lib/network.js), table-driven.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { NETWORK_FIXES, fieldForErrorKind, fixFocus, hiddenIn, patchFromForm, routeLines, validateProxy } from '../../ui/lib/network.js';

test('proxy fields are required in Manual mode, checked when filled in any mode, each problem on its field', () => {
  const cases = [
    [{ mode: 'automatic', host: '', port: '' }, null],
    [{ mode: 'none', host: '', port: '' }, null],
    [{ mode: 'automatic', host: 'proxy.example.com', port: '3128' }, null],
    // The app keeps Manual's values in every mode, and refuses bad ones whichever is chosen.
    [{ mode: 'none', host: 'http://x', port: '3128' }, 'proxy-host'],
    [{ mode: 'automatic', host: 'proxy', port: '0' }, 'proxy-port'],
    [{ mode: 'automatic', host: '', port: 'not a number' }, 'proxy-port'],
    [{ mode: 'manual', host: '', port: '3128' }, 'proxy-host'],
    [{ mode: 'manual', host: '  ', port: '3128' }, 'proxy-host'],
    [{ mode: 'manual', host: 'http://proxy.example.com', port: '3128' }, 'proxy-host'],
    [{ mode: 'manual', host: 'proxy.example.com/x', port: '3128' }, 'proxy-host'],
    [{ mode: 'manual', host: 'user@proxy', port: '3128' }, 'proxy-host'],
    [{ mode: 'manual', host: 'proxy corp', port: '3128' }, 'proxy-host'],
    [{ mode: 'manual', host: 'proxy.example.com:3128', port: '3128' }, 'proxy-host'],
    [{ mode: 'manual', host: 'proxy.example.com:', port: '3128' }, 'proxy-host'],
    [{ mode: 'manual', host: 'proxy.example.com', port: '' }, 'proxy-port'],
    [{ mode: 'manual', host: 'proxy.example.com', port: '0' }, 'proxy-port'],
    [{ mode: 'manual', host: 'proxy.example.com', port: '65536' }, 'proxy-port'],
    [{ mode: 'manual', host: 'proxy.example.com', port: '80.5' }, 'proxy-port'],
    [{ mode: 'manual', host: 'proxy.example.com', port: 'abc' }, 'proxy-port'],
    [{ mode: 'manual', host: 'proxy.example.com', port: '3128' }, null],
    [{ mode: 'manual', host: '10.0.0.1', port: '8080' }, null],
    [{ mode: 'manual', host: '::1', port: '8080' }, null],
    [{ mode: 'manual', host: 'fe80::1', port: '8080' }, null],
    [{ mode: 'manual', host: '[2001:db8::1]', port: '8080' }, null],
    [{ mode: 'manual', host: ' proxy ', port: ' 1 ' }, null],
    [{ mode: 'manual', host: 'proxy', port: '65535' }, null],
  ];
  for (const [values, field] of cases) {
    assert.equal(validateProxy(values)?.field ?? null, field, JSON.stringify(values));
  }
});

test('the patch keeps, replaces or removes the saved password', () => {
  const base = { mode: 'manual', host: ' proxy ', port: '3128', bypass: ' .corp ', username: ' alice ', extraCertificates: ' PEM ' };
  const cases = [
    [{ ...base, password: '' }, false, null],
    [{ ...base, password: 'new' }, false, 'new'],
    [{ ...base, password: '' }, true, ''],
    // Removed, then a new one typed: the new one is what the user asked for last.
    [{ ...base, password: 'newer' }, true, 'newer'],
  ];
  for (const [values, remove, password] of cases) {
    const patch = patchFromForm(values, remove);
    assert.deepEqual(patch, {
      proxy: { mode: 'manual', host: 'proxy', port: 3128, bypass: '.corp', username: 'alice', password },
      extraCertificates: 'PEM',
    });
  }
  assert.equal(patchFromForm({ mode: 'automatic', port: '' }).proxy.port, null);
});

test('errors find their field, and the network kinds their fix', () => {
  const cases = [
    ['proxy-host-invalid', 'proxy-host'],
    ['proxy-port-invalid', 'proxy-port'],
    ['extra-cert-invalid', 'extra-certificates'],
    ['keychain-unavailable', null],
  ];
  for (const [kind, field] of cases) assert.equal(fieldForErrorKind(kind), field, kind);
  for (const kind of ['tls-unknown-issuer', 'tls-self-signed', 'tls-expired', 'tls-wrong-host', 'tls']) {
    assert.equal(NETWORK_FIXES[kind], 'extra-certificates', kind);
  }
  for (const kind of ['proxy-unreachable', 'proxy-refused-tunnel']) assert.equal(NETWORK_FIXES[kind], 'proxy-mode', kind);
  assert.equal(NETWORK_FIXES['proxy-auth'], 'proxy-username');
  assert.equal(NETWORK_FIXES['answer-lost'], undefined, 'a lost answer is no network setting');
});

test('a check result says its route and certificate when it has them', () => {
  const cases = [
    [{ route: 'direct: this computer (loopback is never proxied)', certificate: null }, ['Route: direct: this computer (loopback is never proxied)']],
    [{ route: 'through the proxy http://p:1 (HTTPS_PROXY (environment))', certificate: "certificate issued by 'mitmproxy', trusted by this computer's certificate store" },
      ['Route: through the proxy http://p:1 (HTTPS_PROXY (environment))', "TLS: certificate issued by 'mitmproxy', trusted by this computer's certificate store"]],
    [{}, []],
  ];
  for (const [check, lines] of cases) assert.deepEqual(routeLines(check), lines);
});

test('a fix aimed at a Manual field focuses the proxy mode while Manual is not chosen', () => {
  const cases = [
    ['proxy-username', 'manual', 'proxy-username', false],
    ['proxy-username', 'automatic', 'proxy-mode', true],
    ['proxy-host', 'none', 'proxy-mode', true],
    ['proxy-port', 'manual', 'proxy-port', false],
    ['proxy-mode', 'automatic', 'proxy-mode', false],
    ['extra-certificates', 'automatic', 'extra-certificates', false],
    ['extra-certificates', 'manual', 'extra-certificates', false],
  ];
  for (const [field, mode, focus, hidden] of cases) {
    assert.equal(fixFocus(field, mode), focus, `${field} in ${mode}`);
    assert.equal(hiddenIn(field, mode), hidden, `${field} in ${mode}`);
  }
  for (const [kind, field] of Object.entries(NETWORK_FIXES)) {
    assert.equal(fixFocus(field, 'automatic'), kind.startsWith('tls') ? 'extra-certificates' : 'proxy-mode', kind);
  }
});
