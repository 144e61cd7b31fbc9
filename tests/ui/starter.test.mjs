// The starter project's folder rules: a default per language, followed while the user keeps it.
import test from 'node:test';
import assert from 'node:assert/strict';
import { defaultFolder, isDefaultFolder } from '../../ui/lib/starter.js';

test('each language has its default folder', () => {
  const cases = [
    { input: 'node', expected: '~/dxtra-starter-node' },
    { input: 'python', expected: '~/dxtra-starter-python' },
    { input: 'rust', expected: '~/dxtra-starter-rust' },
  ];
  for (const { input, expected } of cases) assert.equal(defaultFolder(input), expected);
});

test('only a default folder (spaces around it aside) follows the language', () => {
  const cases = [
    { input: '~/dxtra-starter-node', expected: true },
    { input: '  ~/dxtra-starter-rust ', expected: true },
    { input: '~/dxtra-starter-python', expected: true },
    { input: '~/dxtra-starter-go', expected: false },
    { input: '~/dxtra-starter-node/app', expected: false },
    { input: '/home/me/dxtra-starter-node', expected: false },
    { input: '~/my-project', expected: false },
    { input: '', expected: false },
  ];
  for (const { input, expected } of cases) assert.equal(isDefaultFolder(input), expected, input);
});
