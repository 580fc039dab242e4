// Types for serverRuntime.mjs (the bench imports it from TypeScript).
export declare const SERVER_NODE_ARGS: string[];
export declare function serverEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
