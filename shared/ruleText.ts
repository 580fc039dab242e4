// The priority rule in words, for the kiosk and the wall display (DESIGN §5).
import type { HallRules } from './contracts/entities';

export function priorityRuleText(rules: HallRules): { zh: string; en: string } {
  const zh = `老年人优先：专窗优先办理，普通窗口每 ${rules.mixRatio} 位穿插 1 位；等候超过 ${rules.maxWaitMinutes} 分钟优先呼叫`;
  const en = `Seniors first: served first at elderly windows, and 1 after every ${rules.mixRatio} at other windows; anyone waiting over ${rules.maxWaitMinutes} min is called first`;
  return { zh, en };
}
