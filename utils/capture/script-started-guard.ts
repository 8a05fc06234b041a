/**
 * WXT stops a content script when its document receives `<extension id>:<entrypoint>:wxt:content-script-started`
 * from a newer copy of the same script (`ContentScriptContext.stopOldScripts`). Page script can fire that
 * event too (an extension's id is public once published) and so switch Paperdex off on its page, and the
 * two can't be told apart: both are synthetic, with the same name and detail. WXT 0.21 has no option to
 * turn the check off, so the event is stopped on its way to WXT's listener on `document` (by a listener on
 * `window`, capture phase, which runs first) for as long as this copy is still connected to the extension.
 * A real newer copy only starts after an update or reload, which disconnects this one (`runtime.id`
 * becomes undefined): then the event goes through and WXT stops this copy as designed.
 */
export function guardScriptStartedEvent(target: Pick<Window, 'addEventListener'>, context: object, connected: () => boolean): void {
  // WXT's own name for the event (a private static in its types), so a change of format in WXT follows.
  const eventName = (context as { SCRIPT_STARTED_MESSAGE_TYPE?: unknown }).SCRIPT_STARTED_MESSAGE_TYPE;
  if (typeof eventName !== 'string') {
    // Capture still works; only the guard is gone (a unit test fails on such a WXT upgrade).
    console.warn('[Paperdex] WXT no longer names its script-started event: see utils/capture/script-started-guard.ts');
    return;
  }
  target.addEventListener(
    eventName,
    (event) => {
      if (connected()) event.stopImmediatePropagation();
    },
    { capture: true },
  );
}
