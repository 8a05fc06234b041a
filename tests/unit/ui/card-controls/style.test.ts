import { describe, expect, it } from 'vitest';
import { CONTROL_CSS } from '@/utils/ui/card-controls/style';

/** The declarations of the first rule whose selector is exactly `selector`. */
function declarations(selector: string): string {
  const match = CONTROL_CSS.match(new RegExp(`(?:^|[}\\n])${selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\{([^}]*)\\}`));
  if (!match) throw new Error(`no rule for ${selector}`);
  return match[1]!;
}

describe('card control stylesheet', () => {
  it('leaves the inline host unpositioned: a positioned host is a paint layer each, 2,000 on an arXiv listing', () => {
    expect(declarations(':host')).not.toMatch(/(^|;)\s*position\s*:/);
  });

  it('places the tag panel at its static place under the bar (no offsets that would need a positioned host)', () => {
    const panel = declarations('.panel');
    expect(panel).toMatch(/position:absolute/);
    expect(panel).not.toMatch(/(^|;)\s*(top|left|right|bottom)\s*:/);
  });
});
