/**
 * `library.html#settings-sync` (the popup's sync offer): the page opens on Settings (`tabOfHash`) and the
 * Sync section scrolls into view (`SettingsSection`); other sections do not.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SettingsSection } from '@/components/library-page/settings/SettingsSection';
import { tabOfHash } from '@/entrypoints/library/App';
import { Mounted } from './panel-helpers';

const VIEWS = [{ id: 'stats' }, { id: 'settings' }];
let view: Mounted | undefined;

afterEach(async () => {
  await view?.unmount();
  view = undefined;
  location.hash = '';
  vi.restoreAllMocks();
});

describe('links into the library page', () => {
  it('#settings and #settings-sync open the Settings view; anything else the library', () => {
    expect(tabOfHash('#settings', VIEWS)).toBe('settings');
    expect(tabOfHash('#settings-sync', VIEWS)).toBe('settings');
    expect(tabOfHash('#stats', VIEWS)).toBe('stats');
    expect(tabOfHash('#settingsx', VIEWS)).toBe('library');
    expect(tabOfHash('', VIEWS)).toBe('library');
  });

  it('#settings-sync scrolls the Sync section into view, and no other', async () => {
    const scrolled: string[] = [];
    HTMLElement.prototype.scrollIntoView ??= () => undefined;
    vi.spyOn(HTMLElement.prototype, 'scrollIntoView').mockImplementation(function (this: HTMLElement) {
      scrolled.push(this.getAttribute('aria-labelledby') ?? '');
    });
    location.hash = '#settings-sync';
    view = await new Mounted().mount(
      <>
        <SettingsSection id="pd-settings-backup" title="Automatic backups" summary="Backups.">
          <p>backups</p>
        </SettingsSection>
        <SettingsSection id="pd-settings-sync" title="Sync" summary="Sync.">
          <p>sync</p>
        </SettingsSection>
      </>,
    );
    expect(scrolled).toEqual(['pd-settings-sync']);
  });
});
