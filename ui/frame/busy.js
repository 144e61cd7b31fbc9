// The busy indicator in the status bar: a spinner with what is under way and a Cancel button,
// shown while any `busy` call runs; the button that started it shows the wait too, after a few
// seconds the label says what it waits for and how long it may, and when it ends (Cancel
// included) the focus is back on that button. `busy` is how every step runs a call to the app: errors are
// shown (not thrown), a cancelled call is announced, the request log refreshed after it. What a
// call does, and whether Cancel may abandon it, is the caller's.

import { $ } from '../dom.js';
import { clearError, showError } from './error-panel.js';
import { announce } from './notices.js';
import { refreshLog } from './request-log.js';

const IDS = Object.freeze({ busy: 'busy', label: 'busy-label', cancel: 'cancel' });

/** After this long, the label says what is waited for. */
const SLOW_MS = 4000;

/** Calls shown by the spinner right now: it hides when the last one ends. */
let busyCalls = 0;

/**
 * Runs `work(signal)` with the spinner and a Cancel button; errors are shown, not thrown.
 * With `onDetach` (a mutation already sent), Cancel only stops the spinner and calls it: the
 * request goes on, and its real result still arrives here.
 */
export async function busy(label, work, { onDetach, keepError = false, timeoutSecs = 30 } = {}) {
  const controller = new AbortController();
  // The button pressed to start it (a click or a key gives it the focus).
  const origin = document.activeElement?.tagName === 'BUTTON' ? document.activeElement : null;
  origin?.classList.add('waiting');
  $(IDS.label).textContent = label;
  const slow = setTimeout(() => {
    if (shown) $(IDS.label).textContent = `${label}: waiting for the server's answer (up to ${timeoutSecs} s; Cancel stops waiting)`;
  }, SLOW_MS);
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
    else showError(error, { near: origin });
    return undefined;
  } finally {
    $(IDS.cancel).removeEventListener('click', cancel);
    clearTimeout(slow);
    origin?.classList.remove('waiting');
    // Where the user was, never the page's body (or the Cancel that has just gone).
    const lost = document.activeElement === document.body || document.activeElement === $(IDS.cancel);
    if (lost && origin?.isConnected && origin.getClientRects().length > 0) origin.focus({ preventScroll: true });
    done();
    refreshLog();
  }
}
