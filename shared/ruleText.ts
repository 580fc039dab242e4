// The priority rule in words, for the kiosk and the wall display (DESIGN §5).
import type { HallRules } from './contracts/entities';

export function priorityRuleText(rules: HallRules): { zh: string; en: string } {
  // When elderly windows call only priority tickets, say so: otherwise a visitor with a normal
  // ticket watches those windows for a call that cannot come.
  const elderlyZh = rules.elderlyWindowTakesOthers ? '专窗优先办理' : '专窗只办理优先号';
  const elderlyEn = rules.elderlyWindowTakesOthers
    ? 'served first at elderly windows'
    : 'elderly windows serve priority tickets only';
  const zh = `老年人优先：${elderlyZh}，普通窗口每 ${rules.mixRatio} 位穿插 1 位；等候超过 ${rules.maxWaitMinutes} 分钟优先呼叫`;
  const en = `Seniors first: ${elderlyEn}, and 1 after every ${rules.mixRatio} at other windows; anyone waiting over ${rules.maxWaitMinutes} min is called first`;
  return { zh, en };
}
