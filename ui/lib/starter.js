// The starter project's folder field as plain rules: the default folder for a language, and
// whether a folder is still one of those defaults (then it follows the language chosen). The
// form itself is steps/starter.js; what is written there is the app's (`create_starter`).

/** "~/dxtra-starter-node" for `node`, and so on. */
export const defaultFolder = (lang) => `~/dxtra-starter-${lang}`;

/** Whether `folder` (as typed) is a language's default folder, not one the user chose. */
export const isDefaultFolder = (folder) => /^~\/dxtra-starter-(node|python|rust)$/.test(folder.trim());
