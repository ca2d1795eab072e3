/**
 * The longest display name users accepts, so also the longest an access token, a caller header
 * or catalog's copy of names may carry.
 */
export const MAX_DISPLAY_NAME_LENGTH = 80;

/**
 * What a display name must not contain, because names are shown to other people and in emails,
 * where mail clients turn anything that looks like an address into a link: a scheme (`://`),
 * `www.`, a host name (`word.tld`; after an initial, `J.Smith`, is fine, and a full stop
 * followed by a space always is), markup (`<`, `>`), control characters, and the direction
 * overrides that make text read differently from how it is stored.
 */
const PROBLEMS: Array<[RegExp, string]> = [
  [/\p{Cc}/u, 'must not contain control characters'],
  [/[\u202A-\u202E\u2066-\u2069]/u, 'must not contain text-direction overrides'],
  [/[<>]/, 'must not contain < or >'],
  [/:\/\/|www\.|[\p{L}\p{N}-]{2,}\.\p{L}{2,}/iu, 'must not contain a web address'],
];

/** Why `name` cannot be a display name, or null when it can. */
export function displayNameProblem(name: string): string | null {
  return PROBLEMS.find(([pattern]) => pattern.test(name))?.[1] ?? null;
}
