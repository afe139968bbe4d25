/** Primitive codecs shared by every payload: ids, permission ids, bounded names. */
import * as t from 'io-ts';
import { MAX_PERMISSION_ID } from '../catalog/permissionSet.js';
import { preview } from './problem.js';

const integerIn = (name: string, min: number, max: number, what: string): t.Type<number, number, unknown> =>
  new t.Type<number, number, unknown>(
    name,
    (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= min && u <= max,
    (u, c) =>
      typeof u === 'number' && Number.isInteger(u) && u >= min && u <= max
        ? t.success(u)
        : t.failure(u, c, `expected ${what}, got \`${preview(u)}\``),
    (a) => a,
  );

/** An entity id: a non-negative safe integer (R-SNAP-9 rejects non-integer ids). */
export const Id = integerIn('Id', 0, Number.MAX_SAFE_INTEGER, 'an integer id');

/** A permission id: an integer from 0 to MAX_PERMISSION_ID (catalog membership is checked later, R-SNAP-4). */
export const PermissionId = integerIn('PermissionId', 0, MAX_PERMISSION_ID, `a permission id (an integer from 0 to ${MAX_PERMISSION_ID})`);

/** A list of permission ids. */
export const PermissionIds = t.readonlyArray(PermissionId, 'PermissionIds');

/** A list of entity ids. */
export const Ids = t.readonlyArray(Id, 'Ids');

/** A user status: 1 active, 0 inactive (R-EFF-3). */
export const StatusCode = integerIn('Status', 0, 1, 'a status (0 inactive or 1 active)');
