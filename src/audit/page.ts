/**
 * Pages of large audit answers (issue 8): answers are ordered by a numeric key and cut into
 * pages; a page says where the next one starts (an opaque cursor), and never drops an item
 * silently. The cursor is the text of the last key given, so a page is stable whatever the
 * page size of the one before.
 */
import * as E from 'fp-ts/lib/Either.js';

/** One page of an ordered answer; `next` is null on the last page. */
export interface Page<A> {
  readonly items: ReadonlyArray<A>;
  readonly next: string | null;
}

/** Where a page starts and how long it is. */
export interface PageRequest {
  /** The cursor of the previous page (`next`), absent for the first page. */
  readonly after?: string | undefined;
  /** At most this many items (default 1000). */
  readonly limit?: number | undefined;
}

/** Why a page request is refused. */
export interface BadCursor {
  readonly _tag: 'BadCursor';
  readonly message: string;
}

/** The default page size. */
export const DEFAULT_PAGE_SIZE = 1000;

/** The key a cursor names, or why it is not a cursor. */
export const decodeCursor = (cursor: string | undefined): E.Either<BadCursor, number | undefined> => {
  if (cursor === undefined) return E.right(undefined);
  return /^(0|[1-9]\d{0,15})$/.test(cursor) && Number.isSafeInteger(Number(cursor))
    ? E.right(Number(cursor))
    : E.left({ _tag: 'BadCursor', message: `cursor \`${cursor}\` is not one this engine gave` });
};

/** The page of `items` (ascending by `key`) after the cursor's key, at most `limit` long. */
export const paginate = <A>(items: Iterable<A>, key: (a: A) => number, request: PageRequest = {}): E.Either<BadCursor, Page<A>> => {
  const after = decodeCursor(request.after);
  if (E.isLeft(after)) return after;
  const limit = Math.max(1, Math.floor(request.limit ?? DEFAULT_PAGE_SIZE));
  const out: A[] = [];
  for (const item of items) {
    const k = key(item);
    if (after.right !== undefined && k <= after.right) continue;
    if (out.length === limit) {
      const last = out[out.length - 1];
      return E.right({ items: out, next: last === undefined ? null : String(key(last)) });
    }
    out.push(item);
  }
  return E.right({ items: out, next: null });
};
