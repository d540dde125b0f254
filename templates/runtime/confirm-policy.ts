/**
 * `elicit`: ask the person (elicitation) where the client declared it, else fall back to the
 * `confirm_removed_*` argument. `argument`: never ask; the argument alone confirms (the old rule).
 * Its own module: the command line is read before the SDK is loaded (early-start.ts), and
 * person-confirmation.ts, which needs the SDK, is no part of that.
 */
export type ConfirmPolicy = 'elicit' | 'argument';

export const CONFIRM_POLICIES: readonly ConfirmPolicy[] = ['elicit', 'argument'];

/** What a server does when no `--confirm` flag is given. */
export const DEFAULT_CONFIRM_POLICY: ConfirmPolicy = 'elicit';
