/** One row of results.md's targets table, and how every row words its verdict and ratios. */
export type TargetRow = { readonly target: string; readonly measured: string; readonly verdict: string };

export const verdict = (met: boolean | undefined) => (met === undefined ? 'not measurable' : met ? 'met' : '**MISSED**');
export const x = (value: number) => `${value.toFixed(2)}×`;
