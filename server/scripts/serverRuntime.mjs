// How the server process runs in production — `npm start` (start.mjs) and the bench use this one
// definition, so the bench measures the server exactly as a hall runs it.
//  --enable-source-maps     stack traces in the logs point at the TypeScript sources
//  --max-semi-space-size=2  a small young generation: a busy hall makes many short-lived frames and
//                           acknowledgements, and V8 would otherwise let the new space grow to
//                           tens of MB before collecting it (the hall target is < 150 MB resident)
//  MALLOC_MMAP_THRESHOLD_   large temporary buffers (scrypt's 16 MB per password check) are mapped
//                           and returned to the system when freed, instead of staying in glibc's
//                           heap once its adaptive threshold has grown (ignored where glibc is not used)
export const SERVER_NODE_ARGS = ['--enable-source-maps', '--max-semi-space-size=2'];

export function serverEnv(env) {
  return { MALLOC_MMAP_THRESHOLD_: '131072', ...env };
}
