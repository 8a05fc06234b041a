import { libraryDb } from '@/utils/db/schema';
import { handleMessage } from '@/utils/handle-message';

export default defineBackground({
  main() {
    // Registered synchronously at start-up, as MV3 requires; the reply is the returned promise.
    browser.runtime.onMessage.addListener((message, sender) =>
      handleMessage(libraryDb(), message, sender, browser.runtime.id),
    );
  },
});
