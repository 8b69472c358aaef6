/**
 * How long a password may be, in UTF-16 code units (`string.length`), as the server checks it and the
 * portal's forms check it first.
 * @example passwordLengthProblem('short') // 'too_short'
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

export function passwordLengthProblem(password: string): 'too_short' | 'too_long' | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return 'too_short';
  return password.length > MAX_PASSWORD_LENGTH ? 'too_long' : undefined;
}
