/**
 * Pages over composite keys (issue 8): answers ordered by a tuple of non-negative integers
 * (compared element by element, a shorter key before its extensions). The cursor is the text of
 * the last key given, its elements joined by `.` (e.g. `0.17.4013` for a change of user 17 on data
 * source 4013), so that a page is stable whatever the page size of the one before; an item is
 * never dropped silently: the last page says `next: null`.
 */
import * as E from 'fp-ts/lib/Either.js';
import { DEFAULT_PAGE_SIZE, type BadCursor, type Page, type PageRequest } from './page.js';

/** A composite key: non-negative integers, compared element by element. */
export type CompositeKey = ReadonlyArray<number>;

/** Compares composite keys: element by element, a prefix first. */
export const compareKeys = (a: CompositeKey, b: CompositeKey): number => {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 1) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.length - b.length;
};

/** The cursor text of a key (`0.17.4013`). */
export const keyCursor = (key: CompositeKey): string => key.join('.');

/** The key a composite cursor names, or why it is not a cursor this engine gives. */
export const decodeCompositeCursor = (cursor: string | undefined): E.Either<BadCursor, CompositeKey | undefined> => {
  if (cursor === undefined) return E.right(undefined);
  const parts = cursor.split('.');
  const ok = parts.length <= 8 && parts.every((p) => /^(0|[1-9]\d{0,15})$/.test(p) && Number.isSafeInteger(Number(p)));
  return ok ? E.right(parts.map(Number)) : E.left({ _tag: 'BadCursor', message: `cursor \`${cursor}\` is not one this engine gave` });
};

/** The page of `items` (ascending by `key`) after the cursor's key, at most `limit` long. */
export const paginateComposite = <A>(items: Iterable<A>, key: (a: A) => CompositeKey, request: PageRequest = {}): E.Either<BadCursor, Page<A>> => {
  const after = decodeCompositeCursor(request.after);
  if (E.isLeft(after)) return after;
  const limit = Math.max(1, Math.floor(request.limit ?? DEFAULT_PAGE_SIZE));
  const out: A[] = [];
  for (const item of items) {
    if (after.right !== undefined && compareKeys(key(item), after.right) <= 0) continue;
    if (out.length === limit) {
      const last = out[out.length - 1];
      return E.right({ items: out, next: last === undefined ? null : keyCursor(key(last)) });
    }
    out.push(item);
  }
  return E.right({ items: out, next: null });
};
