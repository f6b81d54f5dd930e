/** What the first-hour flow needs (kept apart from it, so the e2e test can name it without importing generated code). */
export interface FirstHourOptions {
  /** the server's origin, e.g. http://127.0.0.1:4000 */
  readonly url: string;
  /** Bearer tokens: the trust's contract manager and administrator */
  readonly manager: string;
  readonly admin: string;
  /** two finance approvers with different subjects: above the threshold an invoice needs both */
  readonly approvers: readonly [{ readonly token: string; readonly subject: string }, { readonly token: string; readonly subject: string }];
}
