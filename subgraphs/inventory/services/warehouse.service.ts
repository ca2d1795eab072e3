import { In } from 'typeorm';
import { uniqueViolation } from '../../../lib/db/database';
import { ConflictError } from '../../../lib/errors';
import { transactionWithEvents } from '../../../lib/events/outbox';
import { id as idSchema, isId, parseInput } from '../../../lib/validation';
import { Warehouse } from '../entities/warehouse.entity';
import type { CreateWarehouseInput, UpdateWarehouseInput } from '../generated/resolvers-types';
import { createWarehouseInput, updateWarehouseInput } from '../validation';
import type { InventoryDeps } from './inventory-deps';
import { reviewLowStock } from './low-stock';
import { ownedWarehouse } from './ownership';

/** A vendor's warehouses. */
export class WarehouseService {
  constructor(private readonly deps: InventoryDeps) {}

  async create(vendorId: string, rawInput: CreateWarehouseInput): Promise<Warehouse> {
    const input = parseInput(createWarehouseInput, rawInput, 'input');
    const warehouses = this.deps.dataSource.getRepository(Warehouse);
    try {
      return await warehouses.save(warehouses.create({ vendorId, ...input, active: true }));
    } catch (error) {
      if (uniqueViolation(error) === 'warehouses_vendor_code_key') {
        throw new ConflictError('input.code', 'You already have a warehouse with this code');
      }
      throw error;
    }
  }

  /**
   * Renames or (de)activates a warehouse. Changing `active` changes what is available of every
   * product stored there, so low-stock alerts are reviewed in the same transaction. Its row lock
   * makes the change wait for reservations that are choosing warehouses right now.
   */
  async update(
    vendorId: string,
    rawId: string,
    rawInput: UpdateWarehouseInput,
    requestId: string,
  ): Promise<Warehouse> {
    const warehouseId = parseInput(idSchema, rawId, 'id');
    const input = parseInput(updateWarehouseInput, rawInput, 'input');
    return transactionWithEvents(this.deps.dataSource, this.deps.publisher, async (manager) => {
      const warehouse = await ownedWarehouse(manager, warehouseId, vendorId, true);
      const activityChanged = input.active != null && input.active !== warehouse.active;
      if (input.name != null) warehouse.name = input.name;
      if (input.active != null) warehouse.active = input.active;
      await manager.save(warehouse);
      if (activityChanged) {
        const stored: Array<{ productId: string }> = await manager.query(
          'SELECT product_id AS "productId" FROM stock_levels WHERE warehouse_id = $1',
          [warehouse.id],
        );
        await reviewLowStock(
          manager,
          stored.map((row) => row.productId),
          requestId,
        );
      }
      return warehouse;
    });
  }

  listOf(vendorId: string): Promise<Warehouse[]> {
    return this.deps.dataSource.getRepository(Warehouse).find({
      where: { vendorId },
      order: { code: 'ASC' },
    });
  }

  /** Warehouses by id in one statement (the DataLoader's batch function). */
  async findByIds(ids: readonly string[]): Promise<Warehouse[]> {
    const valid = ids.filter(isId);
    if (valid.length === 0) return [];
    return this.deps.dataSource.getRepository(Warehouse).findBy({ id: In(valid) });
  }
}
