/**
 * Hands out zone ids `${dataset}:${identifier}`, unique within one import. National files repeat
 * identifiers (the Swiss ED-269 sample has "Gantrisch Nature Park" twice with different rules), so
 * a repeat gets `~2`, `~3`, ... in file order; `~` is URL-safe and re-imports give the same ids.
 */
export function createIdAllocator(dataset: string): (identifier: string) => string {
  const used = new Set<string>();
  return (identifier) => {
    const base = `${dataset}:${identifier}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}~${n}`;
    used.add(id);
    return id;
  };
}
