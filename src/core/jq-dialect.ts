// Port's bindings turn a single quote that opens or closes a word into a double quote, so that
// `'https://' + .host` works; quotes inside words are kept. The expression is Port's, unchanged.
const PORT_QUOTES = /(^|\s)'(?!\s|")|(?<!\s|")'(\s|$)/g;

/** A jq program in Port's dialect as jq reads it. */
export function rewritePortQuotes(program: string): string {
  return program.replace(PORT_QUOTES, '$1"$2');
}
