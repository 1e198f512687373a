import argon2 from 'argon2';
import { badRequest } from '../../shared/errors.ts';

export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id });

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

// A real argon2id hash of a random string: verifying against it when the account does not exist keeps
// the answer time the same, so that timing does not reveal which usernames exist.
let dummyHash: Promise<string> | undefined;
export const verifyDummy = async (password: string) => {
  dummyHash ??= hashPassword(`dummy-${Math.random()}`);
  await verifyPassword(await dummyHash, password);
  return false;
};

export const PASSWORD_MIN_LENGTH = 10;

export function checkPasswordPolicy(password: string, username: string): void {
  if (password.length < PASSWORD_MIN_LENGTH)
    throw badRequest(
      'weak_password',
      `密码至少需要 ${PASSWORD_MIN_LENGTH} 个字符。`,
      `The password needs at least ${PASSWORD_MIN_LENGTH} characters.`,
    );
  if (password.toLowerCase().includes(username.toLowerCase()))
    throw badRequest('weak_password', '密码不能包含用户名。', 'The password must not contain the username.');
}
