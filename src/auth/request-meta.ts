/** What the HTTP layer knows about a request that the audit trail records. */
export interface RequestMeta {
  ip?: string;
}
