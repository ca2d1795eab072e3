/** Stock of one product that one active warehouse could give to an order. */
export interface Candidate {
  productId: string;
  warehouseId: string;
  available: number;
}

export interface Allocation {
  productId: string;
  warehouseId: string;
  quantity: number;
}

export interface ShortLine {
  productId: string;
  requested: number;
  available: number;
}

/**
 * The allocation rule. Each product is taken from the warehouse with the most available first
 * (ties broken by warehouse id, so the outcome is deterministic), then from the next, splitting
 * the line only when one warehouse cannot cover it. A line that fits in one warehouse therefore
 * ships from one, and large stocks are drawn down before small ones are emptied. When any product
 * cannot be covered at all, nothing is allocated and every such product is reported short.
 */
export function allocate(
  wanted: ReadonlyMap<string, number>,
  candidates: readonly Candidate[],
): { allocations: Allocation[]; shortLines: ShortLine[] } {
  const allocations: Allocation[] = [];
  const shortLines: ShortLine[] = [];
  for (const [productId, requested] of wanted) {
    const sources = candidates
      .filter((candidate) => candidate.productId === productId && candidate.available > 0)
      .sort((a, b) => b.available - a.available || (a.warehouseId < b.warehouseId ? -1 : 1));
    const available = sources.reduce((sum, source) => sum + source.available, 0);
    if (available < requested) {
      shortLines.push({ productId, requested, available });
      continue;
    }
    let missing = requested;
    for (const source of sources) {
      if (missing === 0) break;
      const quantity = Math.min(missing, source.available);
      allocations.push({ productId, warehouseId: source.warehouseId, quantity });
      missing -= quantity;
    }
  }
  return shortLines.length ? { allocations: [], shortLines } : { allocations, shortLines };
}
