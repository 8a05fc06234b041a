/** The popup's suggested toolbar shortcut: the manifest's default (wxt.config.ts) and the hint shown when the browser can't say. */
export const POPUP_SHORTCUT = 'Alt+Shift+P';
