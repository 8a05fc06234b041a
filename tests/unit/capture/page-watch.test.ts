import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPageWatch, type PageWatch } from '@/utils/capture/page-watch';
import { isOwnMutation } from '@/utils/ui/card-controls/page-controls';
import { entryMutation } from '@/utils/capture/sites/site-adapter';

/** Mutation records are delivered in a microtask after the change. */
const delivered = () => new Promise((resolve) => setTimeout(resolve, 0));

let watch: PageWatch | undefined;
let log: string[];

function start(options: { attributes?: string[]; cards?: boolean } = {}) {
  watch = createPageWatch({
    document,
    container: (doc) => doc.querySelector('main'),
    attributes: options.attributes,
    ignore: isOwnMutation,
    cardsChanged: options.cards ? entryMutation : undefined,
    onPageChange: () => log.push('page'),
    onCardsChange: () => log.push('cards'),
  });
  watch.watch();
}

beforeEach(() => {
  log = [];
  document.body.innerHTML = '<aside></aside><main data-props="{}"><dl id="articles"><dt></dt><dd><p>x</p></dd></dl></main>';
});
afterEach(() => {
  watch?.stop();
  watch = undefined;
});

describe('page watch', () => {
  it('reports a batch of changes in the container once to each; a change outside it is not seen', async () => {
    start();
    const list = document.querySelector('dl')!;
    for (let i = 0; i < 5; i++) list.append(document.createElement('dt'));
    await delivered();
    expect(log).toEqual(['page', 'cards']);
    document.querySelector('aside')!.append(document.createElement('article'));
    await delivered();
    expect(log).toEqual(['page', 'cards']);
  });

  it("Paperdex's own controls coming and going are no change", async () => {
    start();
    const control = document.createElement('paperdex-control');
    document.querySelector('dd')!.append(control);
    await delivered();
    control.remove();
    await delivered();
    expect(log).toEqual([]);
  });

  it('only changes that can add or remove cards reach the controls (MathJax typesetting does not)', async () => {
    start({ cards: true });
    document.querySelector('dd p')!.append(document.createElement('span'));
    await delivered();
    expect(log).toEqual(['page']);
    document.querySelector('dl')!.append(document.createElement('dt'));
    await delivered();
    expect(log).toEqual(['page', 'page', 'cards']);
  });

  it('watched attributes are page changes, not card changes; other attributes are not watched', async () => {
    start({ attributes: ['data-props'] });
    const main = document.querySelector('main')!;
    main.setAttribute('data-props', '{"dateString":"2026-03-12"}');
    main.setAttribute('class', 'dark');
    await delivered();
    expect(log).toEqual(['page']);
    watch!.stop();
    log = [];
    start();
    main.setAttribute('data-props', '{}');
    await delivered();
    expect(log).toEqual([]);
  });

  it('follows a replaced container on the next watch(), and sees nothing after stop', async () => {
    start();
    const fresh = document.createElement('main');
    document.querySelector('main')!.replaceWith(fresh);
    await delivered();
    log = [];
    fresh.append(document.createElement('article'));
    await delivered();
    expect(log).toEqual([]);
    watch!.watch();
    fresh.append(document.createElement('article'));
    await delivered();
    expect(log).toEqual(['page', 'cards']);
    watch!.stop();
    watch!.watch();
    fresh.append(document.createElement('article'));
    await delivered();
    expect(log).toEqual(['page', 'cards']);
  });
});
