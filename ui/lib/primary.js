// Which one button of a step's state is its primary (blue) action: the next thing to press.
// After a success it moves on (Continue, the console); while an error with a fix is shown, the
// fix. Pure over facts the page reads (frame/primary.js draws it); the e2e run checks that
// exactly one primary button is visible in each state it passes through.

/** Every button that is ever a step's primary, by step (the error panel's fix is any step's). */
export const CANDIDATES = Object.freeze({
  1: ['use-demo', 'save-credentials'],
  2: ['sign-in', 'to-step-3'],
  3: ['load-controllers', 'create-subject', 'to-step-4'],
  4: ['verify', 'to-console'],
  5: ['console-run'],
  6: ['record-start'],
});

/**
 * The id of the primary button, or null when the state has none (the Inspector while it
 * records or in the Sandbox: there is nothing to press, only to read).
 * Facts: `step`; `sandbox` (the Sandbox selected); `patSaved`; `signedIn`; `controllerSet`
 * (step 3's controller field filled); `created` (a subject recorded and Continue open);
 * `createReady` (Create enabled: a field changed since); `verified`; `recording` (the
 * forwarder on); `errorFix` (an error with a fix is shown).
 */
export function primaryAction(facts) {
  if (facts.errorFix) return 'error-fix';
  switch (facts.step) {
    case 1: return facts.sandbox && !facts.patSaved ? 'use-demo' : 'save-credentials';
    case 2: return facts.signedIn ? 'to-step-3' : 'sign-in';
    case 3:
      if (facts.created && !facts.createReady) return 'to-step-4';
      return facts.controllerSet ? 'create-subject' : 'load-controllers';
    case 4: return facts.verified ? 'to-console' : 'verify';
    case 5: return 'console-run';
    case 6: return facts.sandbox || facts.recording ? null : 'record-start';
    default: return null;
  }
}
