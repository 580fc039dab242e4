// 好差评 figures of a group from its counters: ratings per level, 满意率 = (非常满意 + 满意 +
// 基本满意) / rated, participation = rated / served. 未评价 (a pad question nobody answered) is not
// a rating: it counts in neither rate, and is shown on its own.
import { RATING_LEVELS, type RatingLevel, type SatisfactionFigures } from '@hall/shared/contracts/ratings';
import type { Counter, Counters } from './counters';

const LEVEL_COUNTER: Record<RatingLevel, Counter> = {
  very_satisfied: 'ratedVerySatisfied',
  satisfied: 'ratedSatisfied',
  basically_satisfied: 'ratedBasicallySatisfied',
  dissatisfied: 'ratedDissatisfied',
  very_dissatisfied: 'ratedVeryDissatisfied',
};

/** A share as a fraction rounded to 4 places (0.9375), or null without a denominator. */
const share = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

export function satisfactionOf(c: Counters): SatisfactionFigures {
  const byLevel = Object.fromEntries(RATING_LEVELS.map((l) => [l, c[LEVEL_COUNTER[l]]])) as Record<
    RatingLevel,
    number
  >;
  const rated = RATING_LEVELS.reduce((sum, l) => sum + byLevel[l], 0);
  const satisfied = byLevel.very_satisfied + byLevel.satisfied + byLevel.basically_satisfied;
  return {
    rated,
    byLevel,
    unanswered: c.ratingsUnanswered,
    satisfactionRate: share(satisfied, rated),
    participationRate: share(rated, c.served),
  };
}

/** The counters of `all` less those of `part` (every visitor but the elderly). */
export function counterDifference(all: Counters, part: Counters): Counters {
  const out = { ...all };
  for (const key of Object.keys(out) as Counter[]) out[key] -= part[key];
  return out;
}
