// The console's editor as one ES module: CodeMirror 6 with GraphQL language support from
// cm6-graphql and the graphql-js functions the console needs. Built into ui/vendor/editor.js by
// build.sh; nothing else of these packages reaches the app.
export { EditorView, keymap, placeholder } from '@codemirror/view';
export { EditorState } from '@codemirror/state';
export { basicSetup } from 'codemirror';
export { startCompletion, completionStatus } from '@codemirror/autocomplete';
export { forEachDiagnostic, forceLinting } from '@codemirror/lint';
export { graphql, updateSchema } from 'cm6-graphql';
export { buildClientSchema, getIntrospectionQuery, parse, validate, getNamedType, getOperationAST } from 'graphql';
export { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
export { tags } from '@lezer/highlight';
