import { browser } from 'wxt/browser';

/** The popup's suggested toolbar shortcut: the manifest's default (wxt.config.ts) and the hint shown when the browser can't say. */
export const POPUP_SHORTCUT = 'Alt+Shift+P';

/** The commands that open the popup (Manifest V3, V2). */
const OPEN_POPUP_COMMANDS = ['_execute_action', '_execute_browser_action'];

export interface CommandsApi {
  getAll: () => Promise<{ name?: string; shortcut?: string }[]>;
}

/**
 * The popup's shortcut as the browser has it: '' when the browser left it unbound (another extension
 * had taken the keys, or the user cleared it), undefined when it can't be read.
 */
export async function readPopupShortcut(commands: CommandsApi | undefined = browser.commands): Promise<string | undefined> {
  try {
    if (!commands) return undefined;
    const command = (await commands.getAll()).find((candidate) => OPEN_POPUP_COMMANDS.includes(candidate.name ?? ''));
    return command ? (command.shortcut ?? '') : undefined;
  } catch {
    return undefined;
  }
}

/** Where the user sets a shortcut, in plain words (the browsers don't let an extension link to these pages). */
export function whereToSetShortcut(firefox: boolean): string {
  return firefox
    ? 'In Firefox, open Add-ons and themes, click the gear, then Manage Extension Shortcuts.'
    : 'In Chrome, open chrome://extensions/shortcuts.';
}
