// The priority rule in words, as the kiosk and the wall display show it (DESIGN §5).
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from './defaults';
import { priorityRuleText } from './ruleText';

describe('priorityRuleText', () => {
  it('states the default rule in Chinese first, then English', () => {
    const { zh, en } = priorityRuleText(DEFAULT_RULES);
    expect(zh).toBe('老年人优先：专窗优先办理，普通窗口每 2 位穿插 1 位；等候超过 45 分钟优先呼叫');
    expect(en).toBe(
      'Seniors first: served first at elderly windows, and 1 after every 2 at other windows; anyone waiting over 45 min is called first',
    );
  });

  it('uses the hall’s own ratio and maximum wait', () => {
    const { zh, en } = priorityRuleText({ ...DEFAULT_RULES, mixRatio: 3, maxWaitMinutes: 60 });
    expect(zh).toContain('每 3 位穿插 1 位');
    expect(zh).toContain('超过 60 分钟');
    expect(en).toContain('1 after every 3');
    expect(en).toContain('over 60 min');
  });

  it('tells visitors when elderly windows call priority tickets only', () => {
    const { zh, en } = priorityRuleText({ ...DEFAULT_RULES, elderlyWindowTakesOthers: false });
    expect(zh).toBe('老年人优先：专窗只办理优先号，普通窗口每 2 位穿插 1 位；等候超过 45 分钟优先呼叫');
    expect(en).toContain('elderly windows serve priority tickets only');
  });
});
