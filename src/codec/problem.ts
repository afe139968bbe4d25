/**
 * Problems: what is wrong with an input, each with the JSON path of the offending value.
 * Every decoder and checker reports problems this way, all together, never by throwing.
 */
import type * as t from 'io-ts';
import type { RuleId } from '../catalog/ruleIds.js';

/** One problem with an input: where (`$.users[3].tenantId`), which rule, and what is wrong. */
export interface Problem {
  readonly path: string;
  readonly rule?: RuleId;
  readonly message: string;
}

/** A problem at `path`, optionally citing a rule. */
export const problem = (path: string, message: string, rule?: RuleId): Problem =>
  rule === undefined ? { path, message } : { path, rule, message };

/** Appends a property or index to a JSON path. */
export const at = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;

/** A short, depth-safe rendering of an offending value for messages (never throws). */
export const preview = (u: unknown): string => {
  if (u === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(u) ?? String(u);
  } catch {
    // too deep or cyclic to print: name its kind (String() of a deep array would overflow too)
    text = Array.isArray(u) ? `an array of ${u.length}` : typeof u === 'object' ? 'an object' : typeof u;
  }
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
};

// io-ts codecs carry a `_tag` naming their combinator; the context type does not expose it.
const tagOf = (type: unknown): string | undefined =>
  typeof type === 'object' && type !== null && '_tag' in type ? String((type as { readonly _tag: unknown })._tag) : undefined;

/** Converts io-ts validation errors into problems with JSON paths (`root` is the path of the decoded value). */
export const problemsFromErrors = (errors: t.Errors, root = '$'): ReadonlyArray<Problem> => {
  const seen = new Set<string>();
  const out: Problem[] = [];
  for (const e of errors) {
    let path = root;
    e.context.forEach((entry, i) => {
      if (i === 0) return;
      const parentTag = tagOf(e.context[i - 1]?.type);
      const isArray = parentTag === 'ArrayType' || parentTag === 'ReadonlyArrayType';
      // numeric keys below a non-array are the branches of an intersection or union: not part of the path
      if (/^\d+$/.test(entry.key)) {
        if (isArray) path = at(path, Number(entry.key));
        return;
      }
      path = at(path, entry.key);
    });
    const last = e.context[e.context.length - 1];
    const expected = last?.type.name ?? 'a value';
    const message =
      e.message ?? (e.value === undefined ? `missing required field (expected ${expected})` : `expected ${expected}, got \`${preview(e.value)}\``);
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(problem(path, message));
  }
  return out;
};

/** Renders problems one per line: `$.users[0].tenantId: expected Id, got "x" (R-SNAP-9)`. */
export const renderProblems = (problems: ReadonlyArray<Problem>, limit = 200): string => {
  const lines = problems.slice(0, limit).map((p) => `${p.path}: ${p.message}${p.rule === undefined ? '' : ` (${p.rule})`}`);
  if (problems.length > limit) lines.push(`... and ${problems.length - limit} more problems`);
  return lines.join('\n');
};
