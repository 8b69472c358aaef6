/** A link's address when it is http(s) or mailto; anything else (javascript:, data:, vbscript:) is no link. */
export function safeHref(text: string): string | undefined {
  try {
    const url = new URL(text);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}
