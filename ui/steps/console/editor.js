// The console's editor: CodeMirror 6 with cm6-graphql (ui/vendor/editor.js, which this module
// imports), in the app's colours, with plain spaces only and Ctrl+Enter to run. view.js imports
// this module on the console's first opening, so start-up does not pay for the editor. What
// the editor's text means, and what happens on run, is the caller's (the callbacks).

import * as cm from '../../vendor/editor.js';

export { cm };

/**
 * The editor, in a shadow root of `host`, holding `doc`. `onRun()` on Ctrl+Enter, `onChange()`
 * after every change of the text, `onShowInDocs(type)` when completion's "show in docs" is used.
 */
export function createEditor(host, { doc, onRun, onChange, onShowInDocs }) {
  const { EditorView, EditorState, basicSetup, keymap, graphql } = cm;
  const runKey = () => { onRun(); return true; };
  // In a shadow root, CodeMirror styles itself with constructed style sheets, which the strict CSP
  // (style-src 'self') allows; in the document it would add <style> elements, which it blocks.
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  return new EditorView({
    parent: root,
    state: EditorState.create({
      doc,
      extensions: [
        keymap.of([{ key: 'Mod-Enter', run: runKey }]),
        basicSetup,
        graphql(undefined, { onShowInDocs: (field, type, parentType) => onShowInDocs(parentType ?? type) }),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': 'GraphQL query' }),
        EditorView.updateListener.of((update) => { if (update.docChanged) onChange(); }),
        plainSpaces(EditorState),
        theme(EditorView),
        cm.syntaxHighlighting(highlightStyle()),
      ],
    }),
  });
}

/**
 * Turns no-break spaces into spaces as they are typed or pasted: WebKit's editing inserts them
 * for spaces typed at a line's end, text copied from web pages carries them, and GraphQL refuses
 * them ("Unexpected character: U+00A0"). Same length, so the selection stays where it was.
 */
function plainSpaces(EditorState) {
  return EditorState.transactionFilter.of((tr) => {
    let found = false;
    tr.changes.iterChanges((fromA, toA, fromB, toB, inserted) => { found ||= inserted.toString().includes('\u00a0'); });
    if (!found) return tr;
    const changes = [];
    tr.changes.iterChanges((from, to, fromB, toB, inserted) => changes.push({ from, to, insert: inserted.toString().replace(/\u00a0/g, ' ') }));
    return { changes, selection: tr.selection, effects: tr.effects, scrollIntoView: tr.scrollIntoView };
  });
}

/** Syntax colours from the app's CSS variables (--syn-*), so light and dark both read well. */
function highlightStyle() {
  const { HighlightStyle, tags: t } = cm;
  return HighlightStyle.define([
    { tag: t.keyword, color: 'var(--syn-keyword)' },
    { tag: [t.definition(t.variableName), t.function(t.variableName), t.definition(t.propertyName)], color: 'var(--syn-def)' },
    { tag: [t.variableName, t.special(t.variableName)], color: 'var(--syn-var)' },
    { tag: [t.string, t.special(t.string)], color: 'var(--syn-string)' },
    { tag: [t.number, t.bool, t.null, t.atom], color: 'var(--syn-atom)' },
    { tag: [t.typeName, t.className, t.namespace], color: 'var(--syn-type)' },
    { tag: [t.propertyName, t.attributeName], color: 'var(--text)' },
    { tag: t.comment, color: 'var(--muted)', fontStyle: 'italic' },
    { tag: t.invalid, color: 'var(--bad)' },
  ]);
}

/** The editor in the app's colours (CSS variables reach into the shadow root), light or dark. */
function theme(EditorView) {
  const tint = (percent) => `color-mix(in srgb, var(--accent) ${percent}%, transparent)`;
  const dark = window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
  return EditorView.theme({
    '&': { minHeight: '150px', maxHeight: '50vh', fontSize: '13px', color: 'var(--text)', backgroundColor: 'var(--bg)', borderRadius: '6px' },
    '&.cm-focused': { outline: '3px solid var(--accent)', outlineOffset: '2px' },
    '.cm-scroller': { fontFamily: 'monospace' },
    '.cm-gutters': { backgroundColor: 'var(--code)', color: 'var(--muted)', borderRightColor: 'var(--line)' },
    '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: tint(8) },
    '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--text)' },
    '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection': { backgroundColor: tint(30) },
    '.cm-tooltip': { backgroundColor: 'var(--panel)', color: 'var(--text)', borderColor: 'var(--line)' },
    '.cm-tooltip-autocomplete ul li[aria-selected]': { backgroundColor: 'var(--accent)', color: 'var(--accent-text)' },
    '.cm-completionInfo': { maxWidth: '320px' },
    '.cm-panels': { backgroundColor: 'var(--panel)', color: 'var(--text)' },
  }, { dark });
}
