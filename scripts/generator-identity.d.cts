export declare const RACY_MS: number;
/** See generator-identity.cjs. */
export declare function generatorIdentity(input: { readonly root: string; readonly launcherFiles: readonly string[]; readonly recordFile: string; readonly now?: () => number }): string;
