/**
 * The page where an invited (or reset) person sets a password. The one-time token rides in the fragment:
 * a browser sends no fragment to any server, so it never lands in a log, a proxy or a Referer header.
 */
export const SET_PASSWORD_PATH = '/set-password';

export const passwordLinkOf = (token: string, origin = window.location.origin) =>
  `${origin}${SET_PASSWORD_PATH}#${new URLSearchParams({ token })}`;

/** The token of a `#token=…` fragment, or undefined. */
export function tokenOfFragment(hash: string): string | undefined {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && token.length <= 200 ? token : undefined;
}
