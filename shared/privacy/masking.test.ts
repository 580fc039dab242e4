import { describe, expect, it } from 'vitest';
import { districtOf, maskName, maskPhone, normalizePhone } from './masking';

describe('masking personal fields for lists', () => {
  it('masks phones to 138****1234', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('+86 138-1234-1234')).toBe('138****1234');
    expect(maskPhone('0668-1234567')).toBe('066****4567');
    expect(maskPhone('12345')).toBe('****45');
    expect(maskPhone('')).toBe('');
  });

  it('normalises phones so the same number always matches', () => {
    expect(normalizePhone('+86 138 1234 1234')).toBe('13812341234');
    expect(normalizePhone('0086-13812341234')).toBe('13812341234');
    expect(normalizePhone('0668-1234567')).toBe('06681234567');
  });

  it('keeps only the family name', () => {
    expect(maskName('杨伯')).toBe('杨*');
    expect(maskName('李婆婆')).toBe('李**');
    expect(maskName('欧阳春花')).toBe('欧**');
    expect(maskName('Li')).toBe('L*');
    expect(maskName(' ')).toBe('');
  });

  it('shows the district of an address, never the street or house', () => {
    expect(districtOf('广东省茂名市茂南区油城五路12号')).toBe('茂名市茂南区');
    expect(districtOf('茂南区镇盛镇养老院')).toBe('茂南区');
    expect(districtOf('茂名市电白区水东镇')).toBe('茂名市电白区');
    expect(districtOf('高州市石仔岭街道')).toBe('高州市');
    expect(districtOf('信宜县东镇')).toBe('信宜县');
    expect(districtOf('内蒙古自治区呼和浩特市新城区')).toBe('呼和浩特市新城区');
    // A housing estate (小区) is not a district.
    expect(districtOf('油城五路新华小区3栋')).toBe('');
    expect(districtOf('茂名市新华小区3栋')).toBe('茂名市');
    expect(districtOf('某地')).toBe('');
    expect(districtOf('12 Main Street')).toBe('');
  });
});
