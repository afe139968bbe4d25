/**
 * The query channels of R-USE-1 as rows with a requirement, like the operation table: each
 * channel needs its permission in the subject's SPEC §3 set on the data source, and the SQL
 * editor also the web UI's feature gate P(8) (R-DSP-4). Administrator (12) adds nothing here.
 */
import { Permission } from '../catalog/catalog.js';
import type { Channel } from '../codec/request.js';
import { all, D, P, type Requirement } from './requirement.js';

/** The permission each query channel needs on the data source (R-USE-1). */
export const channelPermission: Readonly<Record<Channel, number>> = {
  JDBC: Permission.UseDataSourceWithJDBC,
  ODBC: Permission.UseDataSourceWithODBC,
  OData: Permission.UseDataSourceWithOData,
  SQLEditor: Permission.SQLEditor,
};

/** What each query channel requires (R-USE-1, R-DSP-4). */
export const channelRequirement: Readonly<Record<Channel, Requirement>> = {
  JDBC: D(Permission.UseDataSourceWithJDBC),
  ODBC: D(Permission.UseDataSourceWithODBC),
  OData: D(Permission.UseDataSourceWithOData),
  SQLEditor: all(P(Permission.WebUI), D(Permission.SQLEditor)),
};
