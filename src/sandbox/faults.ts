// Fault rules given at start or added at run time; each matching request consumes one use of the first rule
// that still has uses left.
import type { FaultRule } from './types';

interface ActiveRule {
  rule: FaultRule;
  remaining: number;
}

export class FaultEngine {
  private rules: ActiveRule[] = [];

  constructor(initial: readonly FaultRule[] = []) {
    initial.forEach((r) => this.add(r));
  }

  add(rule: FaultRule): void {
    this.rules.push({ rule, remaining: rule.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.rules = [];
  }

  take(method: string, path: string): FaultRule | undefined {
    const p = path.toLowerCase();
    for (const r of this.rules) {
      if (r.remaining <= 0) continue;
      const { match } = r.rule;
      if (match.method && match.method.toUpperCase() !== method.toUpperCase()) continue;
      if (match.pathIncludes && !p.includes(match.pathIncludes.toLowerCase())) continue;
      r.remaining--;
      return r.rule;
    }
    return undefined;
  }
}
