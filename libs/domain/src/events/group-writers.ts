import { Injectable } from '@nestjs/common';
import { Semaphore } from 'async-mutex';

// How many write transactions of one group an API instance lets into Postgres at once.
export const GROUP_WRITERS_PER_INSTANCE = 4;

// A group's writers queue on its row in group_event_seqs until COMMIT anyway (ChangeRecorder), so
// letting more of them in at once gains nothing and costs Postgres CPU: 32 concurrent reports into
// one group took 4.2 ms of Postgres CPU each where 4 took 2.2, and 4 got more through
// (docs/SCALING.md). The rest wait here, in arrival order; other groups are not held up.
// Take it once, around a whole transaction, never inside one: a transaction waiting for a permit
// its own group's holders need would wait forever.
export class KeyedLimiter {
  private readonly gates = new Map<string, { semaphore: Semaphore; holders: number }>();

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new Error(`limit must be a whole number ≥ 1 (got ${limit})`);
  }

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    let gate = this.gates.get(key);
    if (!gate) {
      gate = { semaphore: new Semaphore(this.limit), holders: 0 };
      this.gates.set(key, gate);
    }
    gate.holders += 1;
    try {
      return await gate.semaphore.runExclusive(task);
    } finally {
      gate.holders -= 1;
      if (gate.holders === 0) this.gates.delete(key);
    }
  }

  // Keys with a task running or waiting: none once every task has ended (the tests read it).
  get activeKeys(): number {
    return this.gates.size;
  }
}

@Injectable()
export class GroupWriters extends KeyedLimiter {
  constructor() {
    super(GROUP_WRITERS_PER_INSTANCE);
  }
}
