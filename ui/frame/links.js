// Links to the Dxtra dashboard (`a[data-external]`, anywhere in the page): opened in the system
// browser, never in the app's window; when no browser answers, the error says so and offers to
// copy the link. Which URLs may be opened is the app's rule (ipc.js `openExternal`), not this one's.

import { openExternal } from '../ipc.js';
import { showError } from './error-panel.js';
import { copy } from './notices.js';

export function mountLinks() {
  document.addEventListener('click', (event) => {
    const link = event.target.closest('a[data-external]');
    if (link) {
      event.preventDefault();
      const href = link.href;
      openExternal(href).catch(() => showError({
        kind: 'open-link',
        message: 'The link could not be opened: no web browser answered.',
        hint: `Copy it and open it in a browser: ${href}`,
        fix: { label: 'Copy the link', run: () => copy(href, 'Link copied.') },
      }));
    }
  });
}
