/**
 * Turns, per blueprint, between changes of its definition and writes of its entities that lost a race to
 * one: such a write takes a shared turn and is computed and committed against the blueprint as it then
 * is; a change takes the blueprint alone. First come, first served, so that a blueprint changed without
 * pause cannot keep its entities' writes computing again forever (each change lands between writes, not
 * in the middle of every one). Within one process: the guards in the writes keep them right across
 * replicas, these only keep them fair here.
 *
 * Written here rather than taken from a library: what is needed is a first-come reader/writer order per
 * key, made and dropped with the key, which none of the maintained lock packages offers.
 */
export interface BlueprintTurns {
  /** Runs `work` while no change of `blueprint` runs, after every change asked for before it. */
  shared<T>(blueprint: string, work: () => Promise<T>): Promise<T>;
  /** Runs `work` alone for `blueprint`, after every turn asked for before it. */
  alone<T>(blueprint: string, work: () => Promise<T>): Promise<T>;
}

interface Waiting {
  alone: boolean;
  start: () => void;
}

class Turn {
  private running = 0;
  private runningAlone = false;
  private readonly waiting: Waiting[] = [];

  get idle(): boolean {
    return this.running === 0 && this.waiting.length === 0;
  }

  async run<T>(alone: boolean, work: () => Promise<T>, whenIdle: () => void): Promise<T> {
    if (this.waiting.length || !this.mayStart(alone))
      await new Promise<void>((start) => this.waiting.push({ alone, start }));
    else this.begin(alone);
    try {
      return await work();
    } finally {
      this.running--;
      if (!this.running) this.runningAlone = false;
      this.next();
      if (this.idle) whenIdle();
    }
  }

  private mayStart(alone: boolean): boolean {
    return alone ? this.running === 0 : !this.runningAlone;
  }

  private begin(alone: boolean): void {
    this.running++;
    this.runningAlone = alone;
  }

  private next(): void {
    while (this.waiting.length && this.mayStart(this.waiting[0]!.alone)) {
      const { alone, start } = this.waiting.shift()!;
      this.begin(alone);
      start();
      if (alone) return;
    }
  }
}

const byDatabase = new WeakMap<object, BlueprintTurns>();

/** The turns of the blueprints of one database (keyed by its handle), made when first asked for. */
export function blueprintTurns(database: object): BlueprintTurns {
  let turns = byDatabase.get(database);
  if (turns) return turns;
  const byBlueprint = new Map<string, Turn>();
  const run = <T>(blueprint: string, alone: boolean, work: () => Promise<T>) => {
    let turn = byBlueprint.get(blueprint);
    if (!turn) byBlueprint.set(blueprint, (turn = new Turn()));
    const made = turn;
    return made.run(alone, work, () => {
      if (byBlueprint.get(blueprint) === made) byBlueprint.delete(blueprint);
    });
  };
  turns = {
    shared: (blueprint, work) => run(blueprint, false, work),
    alone: (blueprint, work) => run(blueprint, true, work),
  };
  byDatabase.set(database, turns);
  return turns;
}
