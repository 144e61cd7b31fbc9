// The country list: ISO 3166-1 alpha-2 codes with their English names, one entry per code, and
// the set validation looks codes up in.
import test from 'node:test';
import assert from 'node:assert/strict';
import { COUNTRIES, COUNTRY_CODES } from '../../ui/lib/countries.js';

const names = new Map(COUNTRIES);

test('known countries are listed under their code and name', () => {
  const cases = [
    { code: 'US', name: 'United States' },
    { code: 'IE', name: 'Ireland' },
    { code: 'DE', name: 'Germany' },
    { code: 'GB', name: 'United Kingdom' },
    { code: 'CI', name: "C\u00f4te d'Ivoire" },
    { code: 'AX', name: '\u00c5land Islands' },
  ];
  for (const { code, name } of cases) {
    assert.equal(names.get(code), name, code);
    assert.ok(COUNTRY_CODES.has(code), code);
  }
});

test('what is not an alpha-2 code of the list is not in the set', () => {
  for (const input of ['UK', 'us', 'USA', 'U', '', 'XX', ' US']) assert.equal(COUNTRY_CODES.has(input), false, JSON.stringify(input));
});

test('each code is two capital letters, listed once, with a name; the list cannot be changed', () => {
  for (const [code, name] of COUNTRIES) {
    assert.match(code, /^[A-Z]{2}$/);
    assert.ok(name.length > 1, code);
  }
  assert.equal(COUNTRY_CODES.size, COUNTRIES.length, 'a code is listed twice');
  assert.ok(COUNTRIES.length > 240, 'the whole list');
  assert.ok(Object.isFrozen(COUNTRIES));
});
