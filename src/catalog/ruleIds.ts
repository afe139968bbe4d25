/** The rule ids of SPEC.md, as a closed union so that a typo in a citation does not compile. */

/** Every rule id of SPEC.md. */
export const ruleIds = [
  'R-CAT-1', 'R-CAT-2',
  'R-SNAP-1', 'R-SNAP-2', 'R-SNAP-3', 'R-SNAP-4', 'R-SNAP-5', 'R-SNAP-6', 'R-SNAP-7', 'R-SNAP-8', 'R-SNAP-9',
  'R-EFF-1', 'R-EFF-2', 'R-EFF-3',
  'R-DSP-1', 'R-DSP-2', 'R-DSP-3', 'R-DSP-4',
  'R-SHR-1', 'R-SHR-2', 'R-SHR-3', 'R-SHR-4', 'R-SHR-5', 'R-SHR-6', 'R-SHR-7', 'R-SHR-8', 'R-SHR-9', 'R-SHR-10',
  'R-GRP-1', 'R-GRP-2', 'R-GRP-3', 'R-GRP-4', 'R-GRP-5',
  'R-REQ-1', 'R-REQ-2', 'R-REQ-3', 'R-REQ-4', 'R-REQ-5', 'R-REQ-6', 'R-REQ-7',
  'R-OBO-1', 'R-OBO-2', 'R-OBO-3',
  'R-ADM-1', 'R-ADM-2', 'R-ADM-3', 'R-ADM-4', 'R-ADM-5', 'R-ADM-6', 'R-ADM-7',
  'R-USE-1', 'R-ROL-1', 'R-PAY-1', 'R-PAY-2', 'R-OAA-1', 'R-OAP-1',
  'R-TRN-1', 'R-TRN-2', 'R-TRN-3', 'R-TRN-4', 'R-TRN-5', 'R-TRN-6', 'R-TRN-7', 'R-TRN-8',
  'R-TRC-1', 'R-TRC-2', 'R-TRC-3', 'R-TRC-4', 'R-ERR-1', 'R-RES-1',
  'R-AUD-1', 'R-AUD-2', 'R-AUD-3', 'R-AUD-4',
] as const;

/** A rule id of SPEC.md. */
export type RuleId = (typeof ruleIds)[number];
