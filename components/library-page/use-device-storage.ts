/**
 * The library's footprint on this device as the browser reports it (bytes used, whether storage is
 * persistent), and asking for persistent storage; shared by the Stats view's storage card and Settings.
 */
import { useEffect, useState } from 'preact/hooks';

export interface DeviceStorage {
  usage?: number;
  persisted?: boolean;
  /** The browser has no StorageManager (or refused to answer). */
  unavailable?: boolean;
}

export type PersistAnswer = 'granted' | 'declined' | 'failed';

/** "3.2 MB": decimal units, as browsers and file managers show sizes. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${Math.round(value)} bytes` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** The storage state (`undefined` while measured), and `persist` to ask the browser for persistent storage. */
export function useDeviceStorage(): { state: DeviceStorage | undefined; asked: PersistAnswer | undefined; persist: () => Promise<void> } {
  const [state, setState] = useState<DeviceStorage>();
  const [asked, setAsked] = useState<PersistAnswer>();
  const read = async () => {
    const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
    if (!storage?.estimate || !storage.persisted) return setState({ unavailable: true });
    const [estimate, persisted] = await Promise.all([storage.estimate().catch(() => undefined), storage.persisted().catch(() => undefined)]);
    setState({ usage: estimate?.usage, persisted, unavailable: estimate === undefined && persisted === undefined });
  };
  useEffect(() => {
    void read();
  }, []);
  const persist = async () => {
    try {
      const granted = await navigator.storage.persist();
      setAsked(granted ? 'granted' : 'declined');
    } catch {
      setAsked('failed');
    }
    await read();
  };
  return { state, asked, persist };
}
