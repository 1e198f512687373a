// Why an identity number is not valid, for a message the clerk can act on. Pure.
import { idCardCheckChar, isValidCreditCode, isValidIdCardNumber } from '../../shared/identifiers.ts';

export interface IdentityProblem {
  code: string;
  zh: string;
  en: string;
}

function idCardProblem(id: string, today: string): IdentityProblem | null {
  if (isValidIdCardNumber(id, today)) return null;
  const bad = (code: string, zh: string, en: string) => ({ code, zh: `公民身份号码无效：${zh}`, en });
  if (!/^\d{17}[\dX]$/.test(id))
    return bad(
      'invalid_id_card_format',
      '应为 18 位（末位可为 X）。',
      'An ID-card number has 18 characters, the last a digit or X.',
    );
  const province = Number(id.slice(0, 2));
  if (province < 11 || province > 82)
    return bad('invalid_id_card_region', '地址码不存在。', 'The region code does not exist.');
  const idCheck = idCardCheckChar(id.slice(0, 17));
  if (isValidIdCardNumber(id.slice(0, 17) + idCheck, today))
    return bad('invalid_id_card_check_digit', '校验码不正确。', 'The check character is wrong.');
  return bad('invalid_id_card_birth_date', '出生日期不正确。', 'The birth date is not a real past date.');
}

function creditCodeProblem(code: string): IdentityProblem | null {
  if (isValidCreditCode(code)) return null;
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code))
    return {
      code: 'invalid_credit_code_format',
      zh: '统一社会信用代码无效：应为 18 位数字或大写字母（不含 I、O、S、V、Z）。',
      en: 'A credit code has 18 digits or capital letters (no I, O, S, V, Z).',
    };
  return {
    code: 'invalid_credit_code_check_char',
    zh: '统一社会信用代码无效：校验码不正确。',
    en: 'The check character of the credit code is wrong.',
  };
}

/** Null when the number fits the kind of applicant; `today` (local 'YYYY-MM-DD') bounds birth dates. */
export const identityProblem = (kind: 'natural_person' | 'legal_person', idNumber: string, today: string) =>
  kind === 'natural_person' ? idCardProblem(idNumber, today) : creditCodeProblem(idNumber);
