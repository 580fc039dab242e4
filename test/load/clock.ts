// One clock for every bench process: epoch milliseconds with sub-millisecond precision. Node sets
// performance.timeOrigin from the system clock at process start, so values from different
// processes on this machine can be subtracted (the error is microseconds, far below what we report).
import { performance } from 'node:perf_hooks';

export const epochNow = (): number => performance.timeOrigin + performance.now();

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
