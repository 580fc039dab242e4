// A resident ID typed into the home-visit form: empty is fine (the field is optional); otherwise
// it must pass the GB 11643 check. The page shows the masked form; the server keeps only that and a
// keyed hash (to find the person's records on request), never the number itself.
import { parseIdNumber } from '@hall/shared/idNumber';

export type IdInputCheck = { ok: true; masked: string | null } | { ok: false };

export function maskedIdFromInput(raw: string): IdInputCheck {
  const text = raw.trim().toUpperCase();
  if (text === '') return { ok: true, masked: null };
  const parsed = parseIdNumber(text);
  return parsed.ok ? { ok: true, masked: parsed.value.masked } : { ok: false };
}
