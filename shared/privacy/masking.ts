// How personal fields look in lists (masked by default): a phone keeps its first 3 and last 4
// digits, a name its family name, an address only its district. The full value is shown only when
// someone reveals the record with a reason, and that look is logged.

/** Digits of a phone as typed, without spaces, dashes or the +86 / 0086 country code. */
export function normalizePhone(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  if (digits.length === 13 && digits.startsWith('86')) return digits.slice(2);
  if (digits.length === 15 && digits.startsWith('0086')) return digits.slice(4);
  return digits;
}

/** 138****1234; short numbers keep only their last 2 digits. */
export function maskPhone(raw: string): string {
  const digits = normalizePhone(raw);
  if (digits === '') return '';
  if (digits.length >= 7) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return `****${digits.slice(-2)}`;
}

/** 杨伯 → 杨*, 李婆婆 → 李**; Latin names keep their first letter. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.min(Math.max(chars.length - 1, 1), 2));
}

// A province (…省, …自治区) or a municipality/prefecture city in front of the district is dropped
// only to find the district; the city stays when it is all there is.
const PROVINCE = /^(.{2,8}?(省|自治区|特别行政区))/u;
/** A county-level unit: 区 but not 小区/社区/园区 (housing estates), 县, 旗, or a county-level 市. */
const DISTRICT = /^(.{1,10}?(?:(?<![小社园校营])区|县|旗))/u;
const CITY = /^(.{1,8}?市)/u;
const PREFECTURE = /^(.{1,10}?(?:州|盟))/u;
const cityOf = (rest: string): string => CITY.exec(rest)?.[1] ?? PREFECTURE.exec(rest)?.[1] ?? '';

/**
 * The district an address lies in (茂名市茂南区油城五路12号 → 茂名市茂南区), for lists that must not show
 * the full address. Never returns a street, house number or estate: '' when none can be found.
 */
export function districtOf(address: string): string {
  const text = address.trim().replace(/\s+/g, '');
  const rest = text.replace(PROVINCE, '');
  const district = DISTRICT.exec(rest)?.[1] ?? cityOf(rest);
  // A house number or a road name means the pattern ran past the district: show nothing instead.
  if (/[\d０-９]|路|街|道|巷|号|村|镇|乡/u.test(district)) {
    const city = cityOf(rest);
    return /[\d０-９]|路|街|巷|号/u.test(city) ? '' : city;
  }
  return district;
}
