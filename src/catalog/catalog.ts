/**
 * The permission catalog (SPEC §1): the built-in table as data, the data-source-settable
 * subset (R-CAT-1), the predefined roles (R-CAT-2), and catalogs extended by a snapshot.
 */
import { fromIds, type PermissionSet } from './permissionSet.js';

/** What a permission is about (SPEC §1 category column). */
export type PermissionCategory = 'user' | 'data-source' | 'tenant' | 'elevated';

/** One catalog entry. */
export interface PermissionInfo {
  readonly id: number;
  readonly name: string;
  readonly description: string;
  readonly categories: ReadonlyArray<PermissionCategory>;
}

/** A catalog: entries by id, and the ids in ascending order. */
export interface Catalog {
  readonly byId: ReadonlyMap<number, PermissionInfo>;
  readonly ids: ReadonlyArray<number>;
}

/** Permission ids by name, for code that cites a permission (SPEC §1). */
export const Permission = {
  CreateDataSource: 1,
  ViewDataSource: 2,
  ModifyDataSource: 3,
  DeleteDataSource: 4,
  UseDataSourceWithJDBC: 5,
  UseDataSourceWithODBC: 6,
  UseDataSourceWithOData: 7,
  WebUI: 8,
  ChangePassword: 9,
  SQLEditor: 10,
  MgmtAPI: 11,
  Administrator: 12,
  CreateUsers: 13,
  ViewUsers: 14,
  ModifyUsers: 15,
  DeleteUsers: 16,
  CreateRole: 17,
  ViewRole: 18,
  ModifyRole: 19,
  DeleteRole: 20,
  OnBehalfOf: 21,
  Elevated22: 22,
  CORSwhitelist: 23,
  Elevated24: 24,
  TenantAPI: 25,
  RegisterExternalAuthService: 26,
  Limits: 27,
  OAuth: 28,
  IPWhiteList: 29,
} as const;

const entry = (id: number, name: string, description: string, ...categories: PermissionCategory[]): PermissionInfo => ({
  id,
  name,
  description,
  categories,
});

/** The built-in catalog entries (SPEC §1), ascending by id. */
export const builtInPermissions: ReadonlyArray<PermissionInfo> = [
  entry(1, 'CreateDataSource', 'create data sources (the creator becomes the owner)', 'user'),
  entry(2, 'ViewDataSource', "view a data source's details", 'user', 'data-source'),
  entry(3, 'ModifyDataSource', 'change a data source', 'user', 'data-source'),
  entry(4, 'DeleteDataSource', 'delete a data source', 'user', 'data-source'),
  entry(5, 'UseDataSourceWithJDBC', 'query through the JDBC driver', 'user', 'data-source'),
  entry(6, 'UseDataSourceWithODBC', 'query through the ODBC driver', 'user', 'data-source'),
  entry(7, 'UseDataSourceWithOData', 'query through OData', 'user', 'data-source'),
  entry(8, 'WebUI', 'use the web UI', 'user'),
  entry(9, 'ChangePassword', "change one's own password", 'user'),
  entry(10, 'SQLEditor', "query in the web UI's SQL editor", 'user', 'data-source'),
  entry(11, 'MgmtAPI', 'use the management API at all', 'user'),
  entry(12, 'Administrator', 'anything, anywhere', 'elevated'),
  entry(13, 'CreateUsers', 'create users in administered tenants', 'tenant'),
  entry(14, 'ViewUsers', 'view users in administered tenants', 'tenant'),
  entry(15, 'ModifyUsers', 'change users in administered tenants', 'tenant'),
  entry(16, 'DeleteUsers', 'delete users in administered tenants', 'tenant'),
  entry(17, 'CreateRole', 'create roles in administered tenants', 'tenant'),
  entry(18, 'ViewRole', 'view roles in administered tenants', 'tenant'),
  entry(19, 'ModifyRole', 'change roles in administered tenants', 'tenant'),
  entry(20, 'DeleteRole', 'delete roles in administered tenants', 'tenant'),
  entry(21, 'OnBehalfOf', 'act for users of administered tenants with `?user=`', 'tenant'),
  entry(22, 'Elevated22', 'reserved (name not established)', 'elevated'),
  entry(23, 'CORSwhitelist', 'manage the CORS origin whitelist', 'elevated'),
  entry(24, 'Elevated24', 'reserved (name not established)', 'elevated'),
  entry(25, 'TenantAPI', 'use the tenant API; create tenants', 'elevated'),
  entry(26, 'RegisterExternalAuthService', 'register external authentication services', 'elevated'),
  entry(27, 'Limits', 'view and set limits', 'elevated'),
  entry(28, 'OAuth', 'manage OAuth application objects', 'elevated'),
  entry(29, 'IPWhiteList', 'manage IP address whitelists', 'elevated'),
];

/** Builds a catalog from entries; a later entry with the same id replaces an earlier one. */
export const catalogOf = (entries: Iterable<PermissionInfo>): Catalog => {
  const byId = new Map<number, PermissionInfo>();
  for (const e of entries) byId.set(e.id, e);
  const ids = [...byId.keys()].sort((a, b) => a - b);
  return { byId: new Map(ids.map((id) => [id, byId.get(id) ?? absentEntry(id)])), ids };
};

const absentEntry = (id: number): PermissionInfo => entry(id, `Permission${id}`, '', 'elevated');

/** The built-in catalog (SPEC §1). */
export const builtInCatalog: Catalog = catalogOf(builtInPermissions);

/** The catalog extended (or renamed) by a snapshot's own entries (SPEC §1). */
export const extendCatalog = (base: Catalog, entries: Iterable<PermissionInfo>): Catalog =>
  catalogOf([...base.byId.values(), ...entries]);

/** The name of a permission, `Permission<n>` when the catalog does not know it. */
export const permissionName = (catalog: Catalog, id: number): string => catalog.byId.get(id)?.name ?? `Permission${id}`;

/** Permission id with its name, e.g. `ViewDataSource (2)`, as used in messages. */
export const describePermission = (catalog: Catalog, id: number): string => `${permissionName(catalog, id)} (${id})`;

/** R-CAT-1: the only permissions a data source, user share or tenant share may carry. */
export const dataSourceSettable: PermissionSet = fromIds([2, 3, 4, 5, 6, 7, 10]);

/** R-SHR-5: SQLEditor (10) is never a share permission. */
export const shareSettable: PermissionSet = fromIds([2, 3, 4, 5, 6, 7]);

/** A predefined role of the system tenant (R-CAT-2). */
export interface PredefinedRole {
  readonly id: number;
  readonly name: string;
  readonly permissions: (catalog: Catalog) => PermissionSet;
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** R-CAT-2: role 1 holds every catalog permission, role 2 holds 1–11, role 3 holds 1–11 and 13–21. */
export const predefinedRoles: ReadonlyArray<PredefinedRole> = [
  { id: 1, name: 'System Administrator', permissions: (catalog) => fromIds(catalog.ids) },
  { id: 2, name: 'User', permissions: () => fromIds(range(1, 11)) },
  { id: 3, name: 'Tenant Administrator', permissions: () => fromIds([...range(1, 11), ...range(13, 21)]) },
];

/** The system tenant's id (R-SNAP-3). */
export const SYSTEM_TENANT = 1;

/** Whether a permission is of the tenant or elevated category (R-ADM-6). */
export const isTenantOrElevated = (catalog: Catalog, id: number): boolean => {
  const cats = catalog.byId.get(id)?.categories ?? ['elevated'];
  return cats.includes('tenant') || cats.includes('elevated');
};
