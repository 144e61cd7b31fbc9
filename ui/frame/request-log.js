// The request log beside the steps ("Request log"): every exchange with Dxtra as it was on the
// wire, newest first, secrets already redacted by the app. How an entry reads is
// lib/log-entry.js; what gets logged (and redacted) is the app's.

import { call } from '../ipc.js';
import { $ } from '../dom.js';
import { headline, wireText } from '../lib/log-entry.js';

const IDS = Object.freeze({ list: 'log-list' });

/** Redraws the log from the app's; returns its entries, oldest first (none when it cannot be read). */
export async function refreshLog() {
  const entries = await call('request_log').catch(() => []);
  const list = $(IDS.list);
  list.replaceChildren(...entries.slice().reverse().map((entry) => {
    const li = document.createElement('li');
    li.className = entry.ok ? 'ok' : 'failed';
    const head = document.createElement('p');
    head.textContent = headline(entry);
    const pre = document.createElement('pre');
    pre.textContent = wireText(entry);
    li.append(head, pre);
    return li;
  }));
  return entries;
}
