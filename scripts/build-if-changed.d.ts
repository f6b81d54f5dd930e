/** The API of build-if-changed.js, for the tests that drive it on a tree of their own. */
export interface BuildState {
  readonly upToDate: boolean;
  /** why it is, or is not, up to date: what `npm start` prints */
  readonly reason: string;
  readonly hashes: Record<string, string>;
}

export declare const STAMP: string;
export declare function check(root: string, outDir: string): BuildState;
export declare function build(root: string, outDir: string, hashes: Record<string, string>): Promise<void>;
export declare function ensureBuilt(root: string, outDir?: string): Promise<{ built: boolean; reason: string; ms: number }>;
