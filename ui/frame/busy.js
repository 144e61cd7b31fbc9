// The busy indicator in the status bar: a spinner with what is under way and a Cancel button,
// shown while any `busy` call runs. `busy` is how every step runs a call to the app: errors are
// shown (not thrown), a cancelled call is announced, the request log refreshed after it. What a
// call does, and whether Cancel may abandon it, is the caller's.

import { $ } from '../dom.js';
import { clearError, showError } from './error-panel.js';
import { announce } from './notices.js';
import { refreshLog } from './request-log.js';

const IDS = Object.freeze({ busy: 'busy', label: 'busy-label', cancel: 'cancel' });

/** Calls shown by the spinner right now: it hides when the last one ends. */
let busyCalls = 0;

/**
 * Runs `work(signal)` with the spinner and a Cancel button; errors are shown, not thrown.
 * With `onDetach` (a mutation already sent), Cancel only stops the spinner and calls it: the
 * request goes on, and its real result still arrives here.
 */
export async function busy(label, work, { onDetach, keepError = false } = {}) {
  const controller = new AbortController();
  $(IDS.label).textContent = label;
  $(IDS.busy).hidden = false;
  busyCalls += 1;
  let shown = true;
  const done = () => {
    if (!shown) return;
    shown = false;
    busyCalls -= 1;
    if (busyCalls === 0) $(IDS.busy).hidden = true;
  };
  const cancel = () => {
    if (!onDetach) return controller.abort();
    done();
    onDetach();
  };
  $(IDS.cancel).addEventListener('click', cancel, { once: true });
  // A new action replaces the last error, except a look aside (About) at the error being reported.
  if (!keepError) clearError();
  try {
    return await work(controller.signal);
  } catch (error) {
    if (error?.kind === 'cancelled') announce(`${label} cancelled.`);
    else showError(error);
    return undefined;
  } finally {
    $(IDS.cancel).removeEventListener('click', cancel);
    done();
    refreshLog();
  }
}
