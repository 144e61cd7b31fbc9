// The primary action per state: after each success it moves on, after an error to its fix.
import test from 'node:test';
import assert from 'node:assert/strict';
import { CANDIDATES, primaryAction } from '../../ui/lib/primary.js';

test('each state has the one next action as its primary button', () => {
  const table = [
    ['a first launch in the Sandbox', { step: 1, sandbox: true, patSaved: false }, 'use-demo'],
    ['the Sandbox with a PAT saved', { step: 1, sandbox: true, patSaved: true }, 'save-credentials'],
    ['Production', { step: 1, sandbox: false, patSaved: false }, 'save-credentials'],
    ['before signing in', { step: 2, signedIn: false }, 'sign-in'],
    ['signed in', { step: 2, signedIn: true }, 'to-step-3'],
    ['no controller yet', { step: 3, controllerSet: false }, 'load-controllers'],
    ['a controller chosen', { step: 3, controllerSet: true }, 'create-subject'],
    ['just recorded', { step: 3, controllerSet: true, created: true, createReady: false }, 'to-step-4'],
    ['recorded, then a field changed', { step: 3, controllerSet: true, created: true, createReady: true }, 'create-subject'],
    ['not verified', { step: 4, verified: false }, 'verify'],
    ['verified', { step: 4, verified: true }, 'to-console'],
    ['the console', { step: 5 }, 'console-run'],
    ['the Inspector in the Sandbox', { step: 6, sandbox: true }, null],
    ['the Inspector elsewhere', { step: 6, sandbox: false }, 'record-start'],
    ['the Inspector recording', { step: 6, sandbox: false, recording: true }, null],
    ['a wrong PAT, its fix shown', { step: 2, signedIn: false, errorFix: true }, 'error-fix'],
  ];
  for (const [what, facts, expected] of table) {
    const got = primaryAction(facts);
    assert.equal(got, expected, what);
    if (got && got !== 'error-fix') assert.ok(CANDIDATES[facts.step].includes(got), `${what}: a candidate`);
  }
});
