/**
 * Escaping for text output (R-TRC-1): names come from snapshots and requests, so they are
 * hostile. A name holding a line feed could start a line of its own (a forged `✓` step), a
 * bidi override could make a line read differently from the bytes it holds, and an invisible
 * character could make two different names look the same. Text renderers pass every piece of
 * outside content through `escapeText`, which shows each such character as a visible escape.
 *
 * INVARIANT (escaped): the result of `escapeText` holds no character of `isUnsafeCodePoint`,
 * and every backslash of the input is doubled, so a name cannot fake an escape either; the
 * input is returned unchanged (the same string) when nothing needs escaping.
 */

/**
 * The characters that can break or disguise a line of text: C0 and C1 controls and DEL, the
 * soft hyphen, Arabic letter mark, Mongolian vowel separator, zero-width characters and LRM/RLM
 * (U+200B–U+200F), line and paragraph separators and the bidi embeddings and overrides
 * (U+2028–U+202E), word joiner, invisible operators, bidi isolates and deprecated format
 * characters (U+2060–U+206F), the byte-order mark, interlinear annotation characters
 * (U+FFF9–U+FFFB), lone surrogates, and the invisible tag characters (U+E0000–U+E007F).
 */
const UNSAFE_SOURCE =
  '[\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u061c\\u180e\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u206f\\ufeff\\ufff9-\\ufffb\\ud800-\\udfff\\u{e0000}-\\u{e007f}]';

// In `u` mode a paired surrogate is one code point, so `[\ud800-\udfff]` matches lone surrogates only.
const UNSAFE = new RegExp(UNSAFE_SOURCE, 'u');
const NEEDS_ESCAPE = new RegExp(`${UNSAFE_SOURCE}|\\\\`, 'u');
const NEEDS_ESCAPE_ALL = new RegExp(`${UNSAFE_SOURCE}|\\\\`, 'gu');
const UNSAFE_ALL = new RegExp(UNSAFE_SOURCE, 'gu');

const SHORT: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\\': '\\\\' };

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');

/** `\uXXXX` for a BMP code point (a lone surrogate included), `\u{XXXXX}` above it. */
const codePointEscape = (ch: string): string => {
  const cp = ch.codePointAt(0) ?? 0;
  return cp > 0xffff ? `\\u{${hex(cp, 5)}}` : `\\u${hex(cp, 4)}`;
};

/** `\uXXXX` for each UTF-16 unit of `ch` (JSON's only escape for a code point). */
const unitEscapes = (ch: string): string => {
  let out = '';
  for (let i = 0; i < ch.length; i += 1) out += `\\u${hex(ch.charCodeAt(i), 4)}`;
  return out;
};

/** Whether a code point can break or disguise a line of text (see the list above). */
export const isUnsafeCodePoint = (cp: number): boolean => UNSAFE.test(String.fromCodePoint(cp));

/**
 * `s` with every character that could break or disguise a line shown as a visible escape
 * (`\n`, `\r`, `\t`, `\u202e`, `\u{e0041}`) and each backslash doubled (`\\`); the input itself
 * when nothing needs escaping.
 */
export const escapeText = (s: string): string =>
  NEEDS_ESCAPE.test(s) ? s.replace(NEEDS_ESCAPE_ALL, (ch) => SHORT[ch] ?? codePointEscape(ch)) : s;

/**
 * A JSON value as one line of JSON text that is still valid JSON for the same value:
 * `JSON.stringify` already escapes C0 controls and lone surrogates; this also escapes the
 * other unsafe characters (DEL, C1, bidi, invisible, separators) as `\uXXXX` (surrogate pairs
 * for tag characters). Outside strings `JSON.stringify` writes only ASCII, so only string
 * content changes.
 */
export const jsonText = (value: unknown): string => {
  const text = JSON.stringify(value) ?? 'undefined';
  return UNSAFE.test(text) ? text.replace(UNSAFE_ALL, unitEscapes) : text;
};

const NAMES: ReadonlyMap<number, string> = new Map([
  [0x00, 'null'],
  [0x09, 'tab'],
  [0x0a, 'line feed'],
  [0x0b, 'line tabulation'],
  [0x0c, 'form feed'],
  [0x0d, 'carriage return'],
  [0x1b, 'escape'],
  [0x7f, 'delete'],
  [0x85, 'next line'],
  [0xad, 'soft hyphen'],
  [0x061c, 'arabic letter mark'],
  [0x180e, 'mongolian vowel separator'],
  [0x200b, 'zero width space'],
  [0x200c, 'zero width non-joiner'],
  [0x200d, 'zero width joiner'],
  [0x200e, 'left-to-right mark'],
  [0x200f, 'right-to-left mark'],
  [0x2028, 'line separator'],
  [0x2029, 'paragraph separator'],
  [0x202a, 'left-to-right embedding'],
  [0x202b, 'right-to-left embedding'],
  [0x202c, 'pop directional formatting'],
  [0x202d, 'left-to-right override'],
  [0x202e, 'right-to-left override'],
  [0x2060, 'word joiner'],
  [0x2066, 'left-to-right isolate'],
  [0x2067, 'right-to-left isolate'],
  [0x2068, 'first strong isolate'],
  [0x2069, 'pop directional isolate'],
  [0xfeff, 'zero width no-break space'],
]);

/** A short name of an unsafe code point, e.g. `line feed`, `right-to-left override`, `lone surrogate`. */
export const codePointName = (cp: number): string => {
  const known = NAMES.get(cp);
  if (known !== undefined) return known;
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return 'control character';
  if (cp >= 0xd800 && cp <= 0xdfff) return 'lone surrogate';
  if (cp >= 0xe0000 && cp <= 0xe007f) return 'tag character';
  return 'invisible formatting character';
};

/** `U+000A (line feed)` for the first unsafe character of `s`, or undefined when `s` has none. */
export const firstUnsafeCharacter = (s: string): string | undefined => {
  const found = UNSAFE.exec(s);
  if (found === null) return undefined;
  const cp = found[0].codePointAt(0) ?? 0;
  return `U+${hex(cp, 4).toUpperCase()} (${codePointName(cp)})`;
};
