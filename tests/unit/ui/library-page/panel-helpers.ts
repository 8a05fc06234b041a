/** Mounting a library panel in happy-dom and waiting for what it shows (shared by the panel tests). */
import type { ComponentChildren } from 'preact';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import type { PaperRecord } from '@/utils/paper/record';

export const DAY = 86_400_000;

export function paper(id: string, overrides: Partial<PaperRecord> = {}): PaperRecord {
  const at = Date.now() - DAY;
  return {
    id,
    title: `Paper ${id}`,
    abstract: `Abstract of ${id}.`,
    authors: ['Ada Lovelace'],
    links: { hf: `https://huggingface.co/papers/${id}` },
    firstSeenAt: at,
    lastSeenAt: at,
    seenCount: 1,
    seenOn: [],
    sites: ['hf'],
    tags: [],
    updatedAt: at,
    ...overrides,
  };
}

export class Mounted {
  readonly root = document.createElement('div');

  async mount(node: ComponentChildren): Promise<this> {
    document.body.append(this.root);
    await act(() => render(node, this.root));
    return this;
  }

  async unmount(): Promise<void> {
    await act(() => render(null, this.root));
    this.root.remove();
  }

  async until<T>(probe: () => T | undefined | null | false, what: string, timeoutMs = 3_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; DOM: ${this.root.textContent?.slice(0, 800)}`);
      await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
    }
  }

  /** Waits until an asynchronous check (e.g. of the database) holds. */
  async eventually(check: () => Promise<boolean>, what: string, timeoutMs = 3_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
    }
  }

  /** The value shown for a figure (`<dt>label</dt><dd>value</dd>`) in the list named `list`. */
  figure(list: string, label: string): string | undefined {
    const figures = this.root.querySelector(`dl[aria-label="${list}"]`);
    const term = [...(figures?.querySelectorAll('dt') ?? [])].find((dt) => dt.textContent === label);
    const value = term?.nextElementSibling;
    return value && value.getAttribute('aria-busy') !== 'true' ? (value.textContent ?? undefined) : undefined;
  }

  button(name: string): HTMLButtonElement | undefined {
    return [...this.root.querySelectorAll('button')].find((button) => button.textContent?.trim() === name);
  }

  async click(element: HTMLElement): Promise<void> {
    await act(() => element.click());
  }

  async choose(select: HTMLSelectElement, value: string): Promise<void> {
    await act(() => {
      select.value = value;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
  }
}
