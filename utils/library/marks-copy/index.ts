/** The second copy of the user's marks, in `storage.local` (see `format.ts`). */
export { keepMarksCopy, type MarksCopyKeeper } from './keep';
export { updateMarksCopy, type UpdateResult } from './update';
export { NOTICE_KEY, parseRestoreNotice, restoreNoticeText, type RestoreNotice } from './notice';
