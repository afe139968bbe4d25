/**
 * Requirements as data (SPEC §5): what an operation needs, as a small expression evaluated
 * into trace steps. Adding an operation is one table row; a denial names every unmet part.
 */

/** Which tenant an administrative-access requirement is about. */
export type TenantRef =
  | { readonly _tag: 'TargetUserTenant' } // the tenant of the user in the path
  | { readonly _tag: 'TargetRoleTenant' } // the tenant of the role in the path
  | { readonly _tag: 'TargetTenant' } // the tenant id in the path
  | { readonly _tag: 'SystemTenant' } // tenant 1
  | { readonly _tag: 'SubjectTenant' }; // the subject's own tenant

/** A requirement expression. */
export type Requirement =
  | { readonly _tag: 'All'; readonly of: ReadonlyArray<Requirement> }
  | { readonly _tag: 'Any'; readonly of: ReadonlyArray<Requirement> }
  | { readonly _tag: 'UserPermission'; readonly permission: number } // P(n)
  | { readonly _tag: 'DataSourcePermission'; readonly permission: number } // D(n)
  | { readonly _tag: 'TenantAccess'; readonly tenant: TenantRef } // ACC(t)
  | { readonly _tag: 'Owner' } // the subject owns the target data source
  | { readonly _tag: 'AdministratorOnly' }; // A12 and nothing else

/** All of the given requirements. */
export const all = (...of: ReadonlyArray<Requirement>): Requirement => ({ _tag: 'All', of });
/** Any one of the given requirements. */
export const any = (...of: ReadonlyArray<Requirement>): Requirement => ({ _tag: 'Any', of });
/** P(n): the user permissions hold n. */
export const P = (permission: number): Requirement => ({ _tag: 'UserPermission', permission });
/** D(n): the effective permissions on the target data source hold n. */
export const D = (permission: number): Requirement => ({ _tag: 'DataSourcePermission', permission });
/** ACC(t): administrative access on a tenant. */
export const ACC = (tenant: TenantRef): Requirement => ({ _tag: 'TenantAccess', tenant });
/** The subject owns the target data source. */
export const owner: Requirement = { _tag: 'Owner' };
/** Only Administrator (12) passes. */
export const administratorOnly: Requirement = { _tag: 'AdministratorOnly' };
