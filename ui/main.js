// The wizard's frame: navigation between the four steps, the busy indicator with Cancel, errors
// (with the Common Errors table made live), the code panel and the request log. Each step's own
// behaviour lives in steps/.

import { call, openExternal } from './ipc.js';
import { COMMON_ERRORS, rowForKind } from './lib/errors.js';
import { renderSnippets } from './lib/snippets.js';
import * as credentials from './steps/credentials.js';
import * as authenticate from './steps/authenticate.js';
import * as apiCalls from './steps/api-calls.js';
import * as verify from './steps/verify.js';

const STEPS = [credentials, authenticate, apiCalls, verify];
const ENVIRONMENT_NAMES = { sandbox: 'Sandbox (offline practice)', production: 'Production', 'local-dev': 'Local Dev', custom: 'Custom' };
const $ = (id) => document.getElementById(id);

/** Calls shown by the spinner right now: it hides when the last one ends. */
let busyCalls = 0;

const app = {
  status: null,
  step: 1,
  lang: 'curl',
  fixes: {},
  $,

  /**
   * Runs `work(signal)` with the spinner and a Cancel button; errors are shown, not thrown.
   * With `onDetach` (a mutation already sent), Cancel only stops the spinner and calls it: the
   * request goes on, and its real result still arrives here.
   */
  async busy(label, work, { onDetach } = {}) {
    const controller = new AbortController();
    $('busy-label').textContent = label;
    $('busy').hidden = false;
    busyCalls += 1;
    let shown = true;
    const done = () => {
      if (!shown) return;
      shown = false;
      busyCalls -= 1;
      if (busyCalls === 0) $('busy').hidden = true;
    };
    const cancel = () => {
      if (!onDetach) return controller.abort();
      done();
      onDetach();
    };
    $('cancel').addEventListener('click', cancel, { once: true });
    this.clearError();
    try {
      return await work(controller.signal);
    } catch (error) {
      if (error?.kind === 'cancelled') this.announce(`${label} cancelled.`);
      else this.showError(error);
      return undefined;
    } finally {
      $('cancel').removeEventListener('click', cancel);
      done();
      this.refreshLog();
    }
  },

  /** Wraps an event handler so that a failure in it is shown, never lost. */
  handle(handler) {
    const failed = (error) => this.showError({ kind: 'page-error', message: `The page failed: ${error?.message ?? error}`, hint: 'Please report this; restarting the app keeps your progress.' });
    return (...args) => {
      try {
        Promise.resolve(handler(...args)).catch(failed);
      } catch (error) {
        failed(error);
      }
    };
  },

  announce(message) {
    $('announcer').textContent = '';
    setTimeout(() => { $('announcer').textContent = message; }, 30);
  },

  showError(error) {
    const e = typeof error === 'object' && error ? error : { kind: 'unexpected', message: String(error), hint: '' };
    $('error-message').textContent = e.message ? e.message[0].toUpperCase() + e.message.slice(1) : 'Something went wrong.';
    $('error-hint').textContent = e.hint ?? '';
    $('error-panel').dataset.kind = e.kind;
    $('error-panel').hidden = false;
    $('error-panel').scrollIntoView({ block: 'nearest' });
    const row = rowForKind(e.kind);
    for (const tr of $('errors-table').tBodies[0].rows) tr.classList.toggle('hit', tr.dataset.id === row?.id);
    // The error's own fix (the page's), or its Common Errors row's.
    const fix = e.fix?.run ?? (row?.fix && this.fixes[row.fix.action]);
    $('error-fix').hidden = !fix;
    if (fix) {
      $('error-fix').textContent = e.fix?.label ?? row.fix.label;
      $('error-fix').onclick = () => { this.clearError(); fix(); };
    }
  },

  clearError() {
    $('error-panel').hidden = true;
    for (const tr of $('errors-table').tBodies[0].rows) tr.classList.remove('hit');
  },

  async reload(signal) {
    this.status = await call('get_settings', {}, { signal });
    this.renderFrame();
    return this.status;
  },

  /** Records that `step` may be opened, then opens it. */
  async advance(step) {
    if (step > this.status.settings.stepReached) {
      this.status = await call('save_settings', { patch: { stepReached: step } });
    }
    this.show(step);
  },

  show(step) {
    if (this.step !== step) STEPS[this.step - 1]?.leave?.();
    this.step = step;
    STEPS.forEach((module, i) => { $(`step-${i + 1}`).hidden = i + 1 !== step; });
    this.renderFrame();
    STEPS[step - 1].enter?.(this);
    // Screen readers hear the new step's title; the page starts at its top.
    $(`step-${step}-title`).focus({ preventScroll: true });
    window.scrollTo(0, 0);
  },

  renderFrame() {
    // Another environment (or Custom origin) has its own progress: the steps forget what they
    // showed for the previous one.
    const key = this.status?.settings.progressKey;
    if (key !== this.progressKey) {
      if (this.progressKey !== undefined) for (const step of STEPS) step.reset?.();
      this.progressKey = key;
    }
    const reached = this.status?.settings.stepReached ?? 1;
    const verified = Boolean(this.status?.settings.verifiedAt);
    for (let i = 1; i <= 4; i += 1) {
      const button = $(`nav-${i}`);
      button.disabled = i > reached;
      button.classList.toggle('done', i < reached || (i === 4 && verified));
      if (i === this.step) button.setAttribute('aria-current', 'step');
      else button.removeAttribute('aria-current');
    }
    const env = this.status?.settings.environment;
    $('env-badge').textContent = env ? `Environment: ${ENVIRONMENT_NAMES[env] ?? env}` : '';
    this.renderCode();
  },

  /** Values from the step-3 form, for the code panel. */
  formValues: () => ({}),

  async renderCode() {
    let ctx;
    try {
      ctx = await call('code_snippets');
    } catch {
      return;
    }
    const snippets = renderSnippets(this.step, {
      ...ctx,
      subject: this.formValues(),
      subjectId: this.status?.settings.created?.dataSubjectId ?? null,
    });
    $('code-text').textContent = snippets[this.lang];
  },

  async refreshLog() {
    const entries = await call('request_log').catch(() => []);
    const list = $('log-list');
    list.replaceChildren(...entries.slice().reverse().map((entry) => {
      const li = document.createElement('li');
      li.className = entry.ok ? 'ok' : 'failed';
      const head = document.createElement('p');
      head.textContent = `${entry.operation} · ${entry.ok ? 'ok' : 'failed'} · ${entry.durationMs} ms · ${entry.url}`;
      const pre = document.createElement('pre');
      pre.textContent = `${entry.headers.join('\n')}\n\n${JSON.stringify(entry.request, null, 2)}\n\n→ ${JSON.stringify(entry.response, null, 2)}`;
      li.append(head, pre);
      return li;
    }));
    return entries;
  },
};

async function copy(text) {
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
  app.announce('Copied to the clipboard.');
}
app.copy = copy;

function buildErrorsTable() {
  const body = $('errors-table').tBodies[0];
  for (const row of COMMON_ERRORS) {
    const tr = body.insertRow();
    tr.dataset.id = row.id;
    for (const text of [row.error, row.cause, row.solution]) tr.insertCell().textContent = text;
  }
}

function wireCodeTabs() {
  const tabs = [...document.querySelectorAll('#code-tabs [role=tab]')];
  const select = (tab) => {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
    }
    $('code').setAttribute('aria-labelledby', tab.id);
    app.lang = tab.dataset.lang;
    app.renderCode();
  };
  for (const tab of tabs) {
    tab.addEventListener('click', () => select(tab));
    tab.addEventListener('keydown', (event) => {
      const i = tabs.indexOf(tab);
      const next = event.key === 'ArrowRight' ? tabs[(i + 1) % tabs.length] : event.key === 'ArrowLeft' ? tabs[(i + tabs.length - 1) % tabs.length] : null;
      if (next) { event.preventDefault(); next.focus(); select(next); }
    });
  }
  $('copy-code').addEventListener('click', () => copy($('code-text').textContent));
}

async function start() {
  // A bug in the page is shown, never swallowed: the user sees that something failed.
  window.addEventListener('error', (event) => app.showError({ kind: 'page-error', message: `The page failed: ${event.message}`, hint: 'Please report this; restarting the app keeps your progress.' }));
  window.addEventListener('unhandledrejection', (event) => app.showError({ kind: 'page-error', message: `The page failed: ${event.reason?.message ?? event.reason}`, hint: 'Please report this; restarting the app keeps your progress.' }));
  buildErrorsTable();
  wireCodeTabs();
  document.addEventListener('click', (event) => {
    const link = event.target.closest('a[data-external]');
    if (link) {
      event.preventDefault();
      openExternal(link.href).catch((error) => app.showError({ kind: 'open-link', message: `Could not open ${link.href}`, hint: String(error?.message ?? error) }));
    }
  });
  for (let i = 1; i <= 4; i += 1) $(`nav-${i}`).addEventListener('click', () => app.show(i));
  $('error-dismiss').addEventListener('click', () => app.clearError());
  for (const step of STEPS) step.mount(app);
  await load();
}

/** Loads the settings and the PAT's status; the keychain may first ask to be unlocked. */
async function load() {
  const loaded = await app.busy('Loading (the system keychain may ask you to unlock it)', async (signal) => {
    await app.reload(signal);
    app.show(Math.min(Math.max(app.status.settings.stepReached, 1), 4));
    return true;
  });
  // Drawn with the settings loaded: tell the app (the benchmark measures start-up up to here).
  if (loaded) requestAnimationFrame(() => requestAnimationFrame(() => call('interactive').catch(() => {})));
  if (!loaded && !app.status) {
    app.showError({
      kind: 'not-loaded',
      message: 'Your settings and saved PAT are not loaded yet.',
      hint: 'If the system keychain asks to be unlocked, answer it, then load again.',
      fix: { label: 'Load again', run: load },
    });
  }
}

start();
