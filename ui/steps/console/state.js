// What the console's modules share while the app runs: the app object, the editor once loaded
// (vendor/editor.js's exports and the EditorView), the schema read and for which environment,
// the history and the docs view. One object, so each module reads it fresh; no behaviour here
// and no imports (every console module may import it without a cycle).

export const state = {
  /** The app (main.js), given at mount. */
  app: null,
  /** vendor/editor.js's exports (CodeMirror, cm6-graphql, graphql-js), once the editor is loaded. */
  cm: null,
  /** The EditorView, once the editor is loaded. */
  view: null,
  /** The graphql-js schema read from the environment, or null. */
  schema: null,
  /** The environment (progress key) the schema was read from. */
  schemaKey: null,
  /** The app's console history, newest first (null until first read). */
  history: null,
  /** The docs view (docs-view.js). */
  docs: null,
  /** A history entry clicked while the editor was still loading: put in once it is there. */
  pending: null,
};

/** The current environment's progress key. */
export const key = () => state.app.status?.settings.progressKey;
