// What the page tells the user in passing: a visible notice that goes away by itself (a toast,
// never taking the focus) with the same words for screen readers; copying to the clipboard (and
// saying so); and the app's own news (a second launch, a finished download). Errors are not
// notices: they are frame/error-panel.js's.

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
  const toasts = $(IDS.toasts);
  toasts.append(toast);
  while (toasts.children.length > 2) toasts.firstElementChild.remove();
  setTimeout(() => toast.remove(), tone === 'warn' ? 9000 : 5000);
}

/** Retires the notices shown: they were about the step left. */
export function retireNotices() {
  $(IDS.toasts).replaceChildren();
}

/** Copies `text` to the clipboard (by the older way where the clipboard API is refused), then says `what`. */
export async function copy(text, what = 'Copied to the clipboard.') {
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
  announce(what);
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
