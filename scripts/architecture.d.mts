/** Types of architecture.mjs (the architecture checks shared by the test and the ESLint config). */
export declare const BROWSER_GLOBALS: string[];
export declare const ALLOWED_CYCLE_EDGES: [string, string][];
export declare function importsOf(text: string): string[];
export declare function browserGlobalsIn(text: string, names?: readonly string[]): { name: string; line: number }[];
export declare function sourceFiles(root: string, dir?: string): string[];
export declare function resolveImport(from: string, specifier: string, files: ReadonlySet<string>): string | null;
export declare function importGraph(texts: ReadonlyMap<string, string>): Map<string, Set<string>>;
export declare function cycleThrough(graph: ReadonlyMap<string, ReadonlySet<string>>, start: string, allowed?: readonly (readonly [string, string])[]): string[] | null;
export declare function findCycles(graph: ReadonlyMap<string, ReadonlySet<string>>, allowed?: readonly (readonly [string, string])[]): string[][];
export declare function readSources(root: string, dir?: string): Map<string, string>;
export declare function projectPath(root: string, file: string): string;
