import type { EntityManager } from 'typeorm';
import { ForbiddenError, NotFoundError } from '../../../lib/errors';
import { Product } from '../entities/product.entity';
import { Warehouse } from '../entities/warehouse.entity';

/**
 * The product, when `vendorId` owns it. Ownership comes from the read model of catalog's events:
 * a product inventory has not heard of yet is `NOT_FOUND`.
 */
export async function ownedProduct(
  manager: EntityManager,
  productId: string,
  vendorId: string,
): Promise<Product> {
  const product = await manager.findOneBy(Product, { id: productId });
  if (!product) throw new NotFoundError('Product');
  if (product.vendorId !== vendorId) {
    throw new ForbiddenError('This product belongs to another vendor');
  }
  return product;
}

/**
 * The warehouse, when `vendorId` owns it; `lock` holds its row until the transaction ends (NO KEY
 * UPDATE: exclusive among writers, yet no wait for levels that merely reference the warehouse).
 */
export async function ownedWarehouse(
  manager: EntityManager,
  warehouseId: string,
  vendorId: string,
  lock = false,
): Promise<Warehouse> {
  const warehouse = await manager.findOne(Warehouse, {
    where: { id: warehouseId },
    ...(lock ? { lock: { mode: 'for_no_key_update' as const } } : {}),
  });
  if (!warehouse) throw new NotFoundError('Warehouse');
  if (warehouse.vendorId !== vendorId) {
    throw new ForbiddenError('This warehouse belongs to another vendor');
  }
  return warehouse;
}
