// How the server process runs in production — `npm start` (start.mjs) and the bench use this one
// definition, so the bench measures the server exactly as a hall runs it.
//  (no --enable-source-maps) parsing the bundle's source map costs about 10 MB resident for the
//                           life of the process, a fifteenth of the hall target; stack traces name
//                           the functions of dist/server/main.js. NODE_OPTIONS=--enable-source-maps
//                           points them at the TypeScript sources when someone needs that.
//  --max-semi-space-size=2  a small young generation: a busy hall makes many short-lived frames and
//                           acknowledgements, and V8 would otherwise let the new space grow to
//                           tens of MB before collecting it (the hall target is < 150 MB resident)
//  --heap-growing-percent=25  after each full collection the old space may grow by a quarter of
//                           what is alive, not by V8's own factor (up to 4x): the garbage of a
//                           busy spell is collected before it holds tens of MB. Bench, hall profile,
//                           back-to-back full runs on the 2-core VM (session 4): 50 % gave peak RSS
//                           156-160 MB, 25 % 137-146 MB, 15 % no lower and more CPU per call.
//  MALLOC_MMAP_THRESHOLD_   large temporary buffers (scrypt's 16 MB per password check) are mapped
//                           and returned to the system when freed, instead of staying in glibc's
//                           heap once its adaptive threshold has grown (ignored where glibc is not used)
export const SERVER_NODE_ARGS = ['--max-semi-space-size=2', '--heap-growing-percent=25'];

export function serverEnv(env) {
  return { MALLOC_MMAP_THRESHOLD_: '131072', ...env };
}
