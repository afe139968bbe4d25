/** L-DECODE-FAST (R-SNAP-9, D-LOAD-1): the fast decoding path equals io-ts on every input. */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { snapshotJsonArb } from './arbitraries/snapshot.js';
import { replaceNode } from './laws/codec.js';
import { fastDecodeAgreesWithCodec, nodeCount, wellFormedTakesFastPath, withKeyAdded, withKeyDropped } from './laws/decodeFast.js';

/** Values that sit at the edges of the snapshot's primitive codecs, and JSON of every other kind. */
const edgeValueArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(-1, -0, 0, 1, 1.5, 12, 29, 30, 64, 65, 2 ** 31, 2 ** 53, Number.MAX_SAFE_INTEGER, '1', '', 'user', true, false, null, [], {}, [1.5], [-1], [{}]),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Every field name of the snapshot's objects, and one that none has. */
const FIELD_NAMES: ReadonlyArray<string> = [
  'id', 'name', 'description', 'category', 'parentTenant', 'status', 'admins', 'tenantId', 'permissions', 'users', 'roles', 'userName',
  'statusInfo', 'accountLocked', 'tenantsAdministered', 'userId', 'entityPrefix', 'owner', 'isGroup', 'sharedUsers', 'sharedTenants',
  'members', 'dataStore', 'oauthAppId', 'tenant', 'role', 'user', 'dataSource', 'oauthApp', 'oauthProfile', 'extra',
];

/** A field value: an edge value, a category name, or a small object or list of objects with snapshot field names. */
const leafArb: fc.Arbitrary<unknown> = fc.oneof(edgeValueArb, fc.constantFrom('user', 'data-source', 'tenant', 'elevated', 'Elevated'));
const nearObjectArb: fc.Arbitrary<Readonly<Record<string, unknown>>> = fc.dictionary(fc.constantFrom(...FIELD_NAMES), leafArb, { maxKeys: 6 });
const fieldValueArb: fc.Arbitrary<unknown> = fc.oneof(leafArb, nearObjectArb, fc.array(nearObjectArb, { maxLength: 2 }));

/** A snapshot whose one list holds one object made of snapshot field names and edge values. */
const nearSnapshotArb: fc.Arbitrary<unknown> = fc
  .tuple(fc.constantFrom('permissions', 'tenants', 'roles', 'users', 'dataSources', 'oauthApps', 'oauthProfiles', 'nextIds'), fc.dictionary(fc.constantFrom(...FIELD_NAMES), fieldValueArb, { maxKeys: 8 }))
  .map(([list, object]) => (list === 'nextIds' ? { nextIds: object } : { [list]: [object] }));

describe('L-DECODE-FAST', () => {
  it('L-DECODE-FAST (R-SNAP-9): a generated snapshot takes the fast path and decodes as io-ts decodes it', () => {
    fc.assert(fc.property(snapshotJsonArb, (json) => wellFormedTakesFastPath(json) && fastDecodeAgreesWithCodec(json)));
  });

  it('L-DECODE-FAST (R-SNAP-9): a snapshot with one node replaced decodes as io-ts decodes it', () => {
    fc.assert(fc.property(snapshotJsonArb, fc.nat(), edgeValueArb, (json, position, replacement) => fastDecodeAgreesWithCodec(replaceNode(json, position % nodeCount(json), replacement))));
  });

  it('L-DECODE-FAST (R-SNAP-9): a snapshot with a field added or dropped decodes as io-ts decodes it', () => {
    fc.assert(
      fc.property(snapshotJsonArb, fc.nat(), fc.constantFrom('extra', 'id', 'name', 'description', 'permissions', 'isGroup', '__proto__', 'constructor'), edgeValueArb, fc.nat(8), fc.boolean(), (json, position, key, value, index, add) =>
        fastDecodeAgreesWithCodec(add ? withKeyAdded(json, position % nodeCount(json), key, value) : withKeyDropped(json, position % nodeCount(json), index)),
      ),
    );
  });

  it('L-DECODE-FAST (R-SNAP-9): an object of snapshot field names and edge values, in any list, decodes as io-ts decodes it', () => {
    fc.assert(fc.property(nearSnapshotArb, fastDecodeAgreesWithCodec));
  });

  it('L-DECODE-FAST (R-SNAP-9): arbitrary JavaScript values decode as io-ts decodes them', () => {
    fc.assert(fc.property(fc.anything({ withNullPrototype: true, withSparseArray: true }), (value) => fastDecodeAgreesWithCodec(value)));
  });
});
