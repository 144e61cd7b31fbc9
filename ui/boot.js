// Loaded before main.js, with no imports, so it runs even when a module of the page fails to load
// or to evaluate: the page starts unlaid-out (html.starting, see styles.css) and this makes sure it
// is shown anyway, with what went wrong, instead of a blank window. Deliberately a classic script
// with no imports (so not ui/dom.js either): once main.js runs, it does all of this itself.
const reveal = () => document.documentElement.classList.remove('starting');
// main.js reveals the page as soon as step 1 is drawn; if that has not happened in 2 s (a module
// that never loaded, a start-up that hangs), the page is shown as it is.
setTimeout(reveal, 2000);
// A module that fails to load fires `error` on its script element (captured here); one that
// throws while evaluating fires it on the window.
window.addEventListener('error', (event) => {
  reveal();
  if (window.dxtraStarted) return; // main.js runs: it shows errors itself.
  const what = event.target instanceof HTMLScriptElement ? `${event.target.src} (or a module it imports) could not be loaded` : event.message;
  const panel = document.getElementById('error-panel');
  const message = document.getElementById('error-message');
  if (!panel || !message) return;
  message.textContent = `The page failed to start: ${what}.`;
  document.getElementById('error-hint').textContent = 'Please report this; restarting the app keeps your progress.';
  // Its Dismiss button is wired by main.js, which is not running.
  const dismiss = document.getElementById('error-dismiss');
  if (dismiss) dismiss.hidden = true;
  panel.hidden = false;
}, true);
