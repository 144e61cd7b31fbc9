// The wizard's start-up and navigation: the app object every step is given, the four steps and
// the console in order, which of them may be opened, moving between them, and the start-up
// sequence (the settings first, then the keychain's PAT; the page is revealed once the step is
// drawn, see html.starting in styles.css and boot.js). What surrounds the steps (busy + Cancel,
// errors, notices, the code panel, the request log, About) is in frame/; each step's own
// behaviour in steps/.

import { call } from './ipc.js';
import { $ } from './dom.js';
import { environmentLabel } from './lib/format.js';
import { busy } from './frame/busy.js';
import { clearError, handle, mountErrorPanel, showError } from './frame/error-panel.js';
import { announce, copy, mountNotices, retireNotices } from './frame/notices.js';
import { loadSnippets, mountCodePanel, renderCode } from './frame/code-panel.js';
import { refreshLog } from './frame/request-log.js';
import { mountLinks } from './frame/links.js';
import { mountAbout } from './frame/about.js';
import { renderPrimary } from './frame/primary.js';
import { mountNetwork } from './frame/network.js';
import { mountStarter } from './steps/starter.js';
import * as credentials from './steps/credentials.js';
import * as authenticate from './steps/authenticate.js';
import * as apiCalls from './steps/api-calls.js';
import * as verify from './steps/verify.js';
import { deferredView } from './frame/deferred.js';

// The four steps of the guide, then the console (opened once step 4 is reached) and the
// Inspector, whose modules are fetched once step 1 is drawn (start-up needs neither).
const consoleView = deferredView(5, () => import('./steps/console/view.js'));
const inspector = deferredView(6, () => import('./steps/inspector.js'));
const STEPS = [credentials, authenticate, apiCalls, verify, consoleView, inspector];

/** The ids this module uses; `nav-<n>`, `step-<n>` and `step-<n>-title` for each step n. */
const IDS = Object.freeze({
  sandboxNotice: 'sandbox-notice',
  settingsNotice: 'settings-notice',
  settingsNoticeText: 'settings-notice-text',
  settingsNoticeDismiss: 'settings-notice-dismiss',
  envBadge: 'env-badge',
  recordingBadge: 'recording-badge',
  toConsole: 'to-console',
  nav: (n) => `nav-${n}`,
  step: (n) => `step-${n}`,
  stepTitle: (n) => `step-${n}-title`,
});

/** When start-up passed its moments (ms since the epoch), sent with `interactive` to the benchmark. */
const startup = { navigation: performance.timeOrigin, scripts: null, settings: null };
const now = () => performance.timeOrigin + performance.now();

/** What every step is given: the app's status, navigation, and the frame's services. */
const app = {
  status: null,
  settingsNoticeDismissed: false,
  step: 1,
  fixes: {},
  /** Settles once the PAT's status has been read from the keychain after start-up. */
  patLoaded: Promise.resolve(),
  busy,
  handle,
  announce,
  showError,
  clearError,
  copy,
  renderCode,
  refreshLog,

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
    if (this.step !== step) {
      STEPS[this.step - 1]?.leave?.();
      // A notice is about the step it was said on.
      retireNotices();
      // An error is about the step it happened on: it does not follow the user elsewhere.
      this.clearError();
    }
    this.step = step;
    // The layout follows the view (the console's code column is narrower).
    document.body.dataset.step = String(step);
    STEPS.forEach((module, i) => { $(IDS.step(i + 1)).hidden = i + 1 !== step; });
    this.renderFrame();
    STEPS[step - 1].enter?.(this);
    this.renderPrimary();
    // Screen readers hear the new step's title; the page starts at its top.
    $(IDS.stepTitle(step)).focus({ preventScroll: true });
    window.scrollTo(0, 0);
  },

  renderFrame() {
    // Another environment (or Custom origin) has its own progress: the steps forget what they
    // showed for the previous one.
    const key = this.status?.settings.progressKey;
    if (key !== this.progressKey) {
      if (this.progressKey !== undefined) {
        for (const step of STEPS) step.reset?.();
        this.clearError();
      }
      this.progressKey = key;
    }
    const notice = this.status?.sandboxNotice;
    $(IDS.sandboxNotice).hidden = !(notice && this.status.settings.environment === 'sandbox');
    $(IDS.sandboxNotice).textContent = notice ?? '';
    // What of the saved settings could not be read: said until dismissed, once per launch.
    const lost = this.status?.settingsNotice;
    $(IDS.settingsNotice).hidden = !lost || this.settingsNoticeDismissed;
    $(IDS.settingsNoticeText).textContent = lost ?? '';
    const reached = this.status?.settings.stepReached ?? 1;
    const verified = Boolean(this.status?.settings.verifiedAt);
    for (let i = 1; i <= STEPS.length; i += 1) {
      const button = $(IDS.nav(i));
      // The Console after step 4; the Inspector whenever the Sandbox runs (it is the Sandbox's).
      // Elsewhere, once the environment's URLs are known: it can record a program's calls.
      const sandbox = this.status?.settings.environment === 'sandbox' && Boolean(this.status?.authUrl);
      const inspectable = sandbox || Boolean(this.status?.endpoints);
      button.disabled = i === 6 ? !inspectable : i === 5 ? reached < 4 : i > reached;
      button.classList.toggle('done', i <= 4 && (i < reached || (i === 4 && verified)));
      if (i === this.step) button.setAttribute('aria-current', 'step');
      else button.removeAttribute('aria-current');
    }
    const env = this.status?.settings.environment;
    // Unmistakable: its own colour per environment (amber for Production), Custom's origin named.
    let origin = null;
    try {
      origin = env === 'custom' && this.status?.graphqlUrl ? new URL(this.status.graphqlUrl).host : null;
    } catch { origin = null; }
    $(IDS.envBadge).textContent = env ? `Environment: ${environmentLabel(env, origin)}` : '';
    $(IDS.envBadge).className = `env-badge${env ? ` env-${env}` : ''}`;
    // While the forwarder runs, on every step: the user knows calls are being passed on.
    $(IDS.recordingBadge).hidden = !this.status?.forwarder;
    this.renderCode();
    this.renderPrimary();
  },

  /** Marks the state's one primary button (frame/primary.js). */
  renderPrimary() {
    if (this.status) renderPrimary(this);
  },

  /** Values from the step-3 form, for the code panel. */
  formValues: () => ({}),
};

async function start() {
  startup.scripts = now();
  // From here on the page reports its own errors (boot.js did until now).
  window.dxtraStarted = true;
  mountErrorPanel(app);
  mountCodePanel(app, STEPS);
  mountLinks();
  mountNotices();
  mountAbout(app);
  mountNetwork(app);
  mountStarter(app);
  for (let i = 1; i <= STEPS.length; i += 1) $(IDS.nav(i)).addEventListener('click', () => app.show(i));
  $(IDS.toConsole).addEventListener('click', () => app.show(5));
  $(IDS.settingsNoticeDismiss).addEventListener('click', () => {
    app.settingsNoticeDismissed = true;
    app.renderFrame();
  });
  for (const step of STEPS) step.mount(app);
  await load();
}

/** The page is laid out from here on (see html.starting in styles.css). */
function reveal() {
  document.documentElement.classList.remove('starting');
}

/** Loads the settings and the PAT's status; the keychain may first ask to be unlocked. */
async function load() {
  // The settings first, without the keychain: the window is usable before the Secret Service
  // answers (or while it asks to be unlocked); step 1 says the PAT is being checked meanwhile.
  const loaded = await app.busy('Loading', async (signal) => {
    app.status = await call('get_settings', { quick: true }, { signal });
    startup.settings = now();
    app.renderFrame();
    // Shown before the step takes the focus (an element not laid out cannot have it).
    reveal();
    app.show(Math.min(Math.max(app.status.settings.stepReached, 1), 4));
    return true;
  });
  reveal();
  // Drawn with the settings loaded: tell the app (the benchmark measures start-up up to here).
  if (loaded) {
    requestAnimationFrame(() => requestAnimationFrame(() => {
      call('interactive', { marks: startup }).catch(() => {});
      // What no start-up needs comes after the first frame.
      loadSnippets().catch((error) => app.showError(error));
      for (const later of [consoleView, inspector]) later.load().catch((error) => app.showError(error));
    }));
    app.patLoaded = call('get_settings').then((full) => {
      // Applied unless the environment changed meanwhile (whose answer already held its PAT).
      if (!app.status.pat.pending || full.settings.progressKey !== app.status.settings.progressKey) return;
      app.status = { ...app.status, pat: full.pat };
      credentials.patStatusArrived();
    }, (error) => {
      // Not left "checking" for ever: said, and Save asks for the PAT (or Load again retries).
      app.status = { ...app.status, pat: { saved: false, pending: false, keychainError: error?.message ?? String(error) } };
      credentials.patStatusArrived();
    });
  }
  if (!loaded && !app.status) {
    app.showError({
      kind: 'not-loaded',
      message: 'Your settings and saved PAT are not loaded yet.',
      hint: 'If the system keychain asks to be unlocked, answer it, then load again.',
      fix: { label: 'Load again', run: load },
    });
  }
}

start().finally(reveal);
