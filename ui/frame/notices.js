// What the page tells the user in passing: a visible notice that goes away by itself (a toast,
// never taking the focus) with the same words for screen readers; copying to the clipboard (said
// on the button pressed); and the app's own news (a second launch, a finished download). A
// notice said while a dialog is open shows inside it (a dialog's backdrop covers the page's).
// Errors are not notices: they are frame/error-panel.js's.

import { $ } from '../dom.js';

const IDS = Object.freeze({ announcer: 'announcer', toasts: 'toasts' });

/**
 * Tells the user something happened: a visible notice that goes away by itself (without taking
 * the focus), and the same words for screen readers. With `onPage`, the page itself already
 * shows it where the user looks: screen readers hear it, no notice repeats it.
 */
export function announce(message, { tone = 'info', onPage = false } = {}) {
  $(IDS.announcer).textContent = '';
  setTimeout(() => { $(IDS.announcer).textContent = message; }, 30);
  if (onPage) return;
  const toast = document.createElement('p');
  toast.className = `toast ${tone}`;
  toast.textContent = message;
  toast.dataset.at = String(Date.now());
  // A modal dialog sits above the page in the top layer: its notices show inside it.
  const toasts = document.querySelector('dialog[open] .dialog-toasts') ?? $(IDS.toasts);
  toasts.append(toast);
  while (toasts.children.length > 2) toasts.firstElementChild.remove();
  setTimeout(() => toast.remove(), tone === 'warn' ? 9000 : 5000);
}

/**
 * Retires the notices shown: they were about the step left. One said within the last second is
 * about the very action that moved on ("PAT saved", then step 2) and stays.
 */
export function retireNotices() {
  const before = Date.now() - 1000;
  for (const toast of document.querySelectorAll('.toasts .toast, .dialog-toasts .toast')) {
    if (Number(toast.dataset.at) < before) toast.remove();
  }
}

/** The label a copy button shows for a moment after it copied. */
export const COPIED_LABEL = 'Copied ✓';

/** Says on `button` that it did it (`label` for 2 s), and to screen readers in `message`. */
function confirmOn(button, message, label = COPIED_LABEL) {
  announce(message, { onPage: true });
  if (!button.dataset.label) button.dataset.label = button.textContent;
  button.textContent = label;
  button.classList.add('confirmed');
  clearTimeout(Number(button.dataset.timer));
  button.dataset.timer = String(setTimeout(() => {
    button.textContent = button.dataset.label;
    button.classList.remove('confirmed');
    delete button.dataset.label;
  }, 2000));
}

/**
 * Copies `text` to the clipboard (by the older way where the clipboard API is refused), then says
 * `what`: on `button` when given (the feedback where the user looks, `label` for a moment), else
 * as a notice.
 */
export async function copy(text, what = 'Copied to the clipboard.', { button = null, label } = {}) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
  if (button) confirmOn(button, what, label);
  else announce(what);
}

/** Told by the app: a second launch brought this window forward; a download finished. */
export function mountNotices() {
  window.addEventListener('dxtra:second-launch', () => announce('Dxtra First Integration is already open: here it is.'));
  window.addEventListener('dxtra:download', (event) => {
    const { ok, path } = event.detail ?? {};
    if (ok) announce(`Summary saved to ${path}`);
    else announce(`The summary could not be saved to ${path}. Use Copy summary instead.`, { tone: 'warn' });
  });
}
