/**
 * The storage.sync key layout and what one item's value costs. Each device writes only its own keys,
 * `d:<deviceId>:<n>` (n = 0, 1, …), so the sync engine's last-writer-wins per key never drops another
 * device's edit. A value is a string: `1t<text>` (format 1, plain) or `1z<base64 of deflate-raw(text)>`,
 * whichever is shorter; `<text>` is `codec.ts`'s.
 */
import { decodeItemText, type DeviceItem, FORMAT_VERSION, isDeviceId, SyncFormatError } from './codec';
import { deflateToBase64, inflateFromBase64 } from './compress';

/** Chrome's storage.sync limits (Firefox's are the same or looser). */
export const SYNC_LIMITS = {
  /** QUOTA_BYTES: every key's length + its value's JSON length. */
  totalBytes: 102_400,
  /** QUOTA_BYTES_PER_ITEM */
  itemBytes: 8_192,
  /** MAX_ITEMS */
  items: 512,
  writesPerMinute: 120,
  writesPerHour: 1_800,
} as const;

export const ITEM_KEY_PREFIX = 'd:';

export function itemKey(device: string, index: number): string {
  return `${ITEM_KEY_PREFIX}${device}:${index}`;
}

/** `d:<device>:<n>` → its parts; any other key (another format's, a setting's) → undefined. */
export function parseItemKey(key: string): { device: string; index: number } | undefined {
  const match = /^d:([0-9a-z]+):(0|[1-9]\d{0,2})$/.exec(key);
  if (!match || !isDeviceId(match[1]!)) return undefined;
  return { device: match[1]!, index: Number(match[2]) };
}

const UTF8 = new TextEncoder();

/**
 * What Chrome counts for an item: key + JSON of the value, in UTF-8 bytes, with its JSON writer's escapes
 * (it writes `<` as `\u003C`, U+2028 and U+2029 as `\u2028`, `\u2029`) counted on top of JavaScript's.
 */
export function itemBytes(key: string, value: unknown): number {
  const json = JSON.stringify(value) ?? '';
  let extra = 0;
  for (let at = json.indexOf('<'); at !== -1; at = json.indexOf('<', at + 1)) extra += 5;
  for (const char of json) if (char === '\u2028' || char === '\u2029') extra += 3;
  return UTF8.encode(key).length + UTF8.encode(json).length + extra;
}

/** What inflating one item may give: a full item seldom inflates past 3 times its size. */
const MAX_INFLATED = 16 * SYNC_LIMITS.itemBytes;

/** An item's value for its text: compressed when that is shorter. */
export async function itemValue(text: string, compress = true): Promise<string> {
  const plain = `${FORMAT_VERSION}t${text}`;
  if (!compress) return plain;
  const packed = `${FORMAT_VERSION}z${await deflateToBase64(text)}`;
  return itemBytes('', packed) < itemBytes('', plain) ? packed : plain;
}

/** A short hash of a value (FNV-1a, 32 bits): how a head names the data items of its generation. */
export function valueHash(value: string): string {
  let hash = 0x811c9dc5;
  for (let at = 0; at < value.length; at++) {
    hash ^= value.charCodeAt(at);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return (hash || 1).toString(36);
}

/** Reads one item; throws `SyncFormatError` with the reason when it is not a good format-1 item. */
export async function decodeItemValue(key: string, value: unknown, nowMs: number): Promise<DeviceItem> {
  const owner = parseItemKey(key);
  if (!owner) throw new SyncFormatError('not a Paperdex item key');
  if (typeof value !== 'string') throw new SyncFormatError(`value is ${value === null ? 'null' : typeof value}, not text`);
  if (itemBytes(key, value) > SYNC_LIMITS.itemBytes) throw new SyncFormatError('larger than a sync item can be');
  const match = /^(\d{1,4})([a-z])/.exec(value);
  if (!match) throw new SyncFormatError('no format version');
  const version = Number(match[1]);
  if (version > FORMAT_VERSION) throw new SyncFormatError(`format ${version} is newer than this Paperdex reads (${FORMAT_VERSION})`);
  if (version !== FORMAT_VERSION) throw new SyncFormatError(`unknown format ${version}`);
  const body = value.slice(match[0].length);
  const text = match[2] === 'z' ? await inflateFromBase64(body, MAX_INFLATED) : match[2] === 't' ? body : undefined;
  if (text === undefined) throw new SyncFormatError(`unknown encoding ${match[2]}`);
  return decodeItemText(text, owner.device, owner.index, nowMs);
}
