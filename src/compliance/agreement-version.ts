/** Connection Agreement versions are dotted numbers ("2", "2.1", "3.0.1"); later versions compare greater. */
export const AGREEMENT_VERSION = /^(0|[1-9][0-9]{0,3})(\.(0|[1-9][0-9]{0,3})){0,3}$/;

export function isAgreementVersion(text: string): boolean {
  return AGREEMENT_VERSION.test(text);
}

/** Negative, zero or positive as `a` is older than, the same as, or newer than `b`; "2" equals "2.0". */
export function compareAgreementVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const difference = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}
