// Preloaded into the API by `BENCH_CPU_PROF=1 npm run bench`: a normal exit on SIGUSR2, so
// --cpu-prof writes its profile (a process ended by a signal writes none).
'use strict';
process.on('SIGUSR2', () => process.exit(0));
