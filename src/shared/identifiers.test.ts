import { describe, expect, it } from 'vitest';
import {
  creditCodeCheckChar,
  idCardCheckChar,
  isValidCreditCode,
  isValidIdCardNumber,
} from './identifiers.ts';

describe('citizen ID numbers (GB 11643)', () => {
  it('accepts numbers with the right check character', () => {
    expect(isValidIdCardNumber('11010519491231002X')).toBe(true);
    expect(isValidIdCardNumber('440524188001010014')).toBe(false); // born 1880: before 1900
    const first17 = '32100219850315123';
    expect(isValidIdCardNumber(first17 + idCardCheckChar(first17))).toBe(true);
  });
  it('rejects a wrong check character', () => {
    expect(isValidIdCardNumber('110105194912310021')).toBe(false);
  });
  it('rejects an impossible birth date and a future one', () => {
    const feb30 = '32100219850230123';
    expect(isValidIdCardNumber(feb30 + idCardCheckChar(feb30))).toBe(false);
    const future = '32100220300101123';
    expect(isValidIdCardNumber(future + idCardCheckChar(future), '2026-11-23')).toBe(false);
  });
  it('rejects an unknown province code and bad shapes', () => {
    const bad = '99010519491231002';
    expect(isValidIdCardNumber(bad + idCardCheckChar(bad))).toBe(false);
    expect(isValidIdCardNumber('1101051949123100')).toBe(false);
    expect(isValidIdCardNumber('11010519491231002x')).toBe(false);
  });
});

describe('unified social credit codes (GB 32100)', () => {
  it('accepts the code printed in the standard', () => {
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
  });
  it('rejects a wrong check character, forbidden letters and bad lengths', () => {
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
    expect(isValidCreditCode('91350100I000100Y43')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
  });
  it('computes the check character it verifies', () => {
    const first17 = '12460000MB0000001';
    expect(isValidCreditCode(first17 + creditCodeCheckChar(first17))).toBe(true);
  });
});
