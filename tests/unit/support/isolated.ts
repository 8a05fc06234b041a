/**
 * Where page text is shown isolated from the UI around it: the element (a `<bdi>`, or one with
 * `dir="auto"`) that holds exactly `text`. Undefined when the text is shown without isolation: then a
 * direction control or right-to-left letters in it can reorder the labels and numbers beside it.
 */
export function isolating(root: ParentNode, text: string): Element | undefined {
  return [...root.querySelectorAll('bdi, [dir="auto"]')].find((element) => element.textContent === text);
}
