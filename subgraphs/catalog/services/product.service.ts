import type { EntityManager } from 'typeorm';
import type { ProductSnapshot } from '../../../lib/events/catalogue';
import {
  BadUserInputError,
  ForbiddenError,
  InvalidStateError,
  NotFoundError,
} from '../../../lib/errors';
import { readRows } from '../../../lib/db/database';
import { enqueueEvent, transactionWithEvents } from '../../../lib/events/outbox';
import { id as idSchema, isId, parseInput } from '../../../lib/validation';
import { Category } from '../entities/category.entity';
import { Product } from '../entities/product.entity';
import type { CreateProductInput, UpdateProductInput } from '../generated/resolvers-types';
import { createProductInput, updateProductInput } from '../validation';
import type { CatalogDeps } from './catalog-deps';
import {
  PRODUCT_CATEGORY_COLUMNS,
  splitCategory,
  WITH_PRODUCT_CATEGORIES,
  type ProductCategoryColumns,
} from './product-category';
import { PRODUCT_COLUMNS, PRODUCTS_WITH_VENDOR_NAMES, type ProductView } from './product-keyset';
import { recordVendorName, type ActingVendor } from './user-names';

/** Products by id as the caller may see them, and the visible ones' categories by id. */
export interface VisibleProducts {
  products: Array<ProductView | null>;
  /** Null for a category id that names no category. Empty unless asked for. */
  categories: Map<string, Category | null>;
}

/**
 * Vendors' products: creating, changing and archiving them, each with its `product.*` event.
 * Each also records the name the vendor's token carries (services/user-names.ts), so every
 * vendor with a product has a name here, and answers with the name catalog now knows.
 */
export class ProductService {
  constructor(private readonly deps: CatalogDeps) {}

  async create(
    vendor: ActingVendor,
    rawInput: CreateProductInput,
    requestId: string,
  ): Promise<ProductView> {
    const input = parseInput(createProductInput, rawInput, 'input');
    return transactionWithEvents(this.deps.dataSource, this.deps.publisher, async (manager) => {
      const vendorName = await recordVendorName(manager, vendor);
      if (input.categoryId) await assertCategoryExists(manager, input.categoryId);
      const product = await manager.save(
        manager.create(Product, {
          vendorId: vendor.id,
          name: input.name,
          description: input.description ?? null,
          categoryId: input.categoryId ?? null,
          priceAmount: input.price.amount,
          priceCurrency: input.price.currency,
          status: input.status ?? 'DRAFT',
        }),
      );
      await enqueueEvent(manager, 'product.created', snapshotOf(product), requestId);
      return { ...product, vendorName };
    });
  }

  /** Changes the given fields; an update that changes nothing writes nothing and sends no event. */
  async update(
    vendor: ActingVendor,
    rawId: string,
    rawInput: UpdateProductInput,
    requestId: string,
  ): Promise<ProductView> {
    const id = parseInput(idSchema, rawId, 'id');
    const input = parseInput(updateProductInput, rawInput, 'input');
    return transactionWithEvents(this.deps.dataSource, this.deps.publisher, async (manager) => {
      const vendorName = await recordVendorName(manager, vendor);
      const product = await lockOwnProduct(manager, id, vendor.id);
      if (product.status === 'ARCHIVED') {
        throw new InvalidStateError('This product is archived; archived products cannot change');
      }
      if (input.categoryId) await assertCategoryExists(manager, input.categoryId);
      const before = editableState(product);
      if (input.name !== undefined) product.name = input.name;
      if (input.description !== undefined) product.description = input.description;
      if (input.categoryId !== undefined) product.categoryId = input.categoryId;
      if (input.price !== undefined) {
        product.priceAmount = input.price.amount;
        product.priceCurrency = input.price.currency;
      }
      if (input.status !== undefined) product.status = input.status;
      if (editableState(product) === before) return { ...product, vendorName };
      await manager.save(product);
      await enqueueEvent(manager, 'product.updated', snapshotOf(product), requestId);
      return { ...product, vendorName };
    });
  }

  /** Archiving is final; archiving an archived product again changes nothing (safe to retry). */
  async archive(vendor: ActingVendor, rawId: string, requestId: string): Promise<ProductView> {
    const id = parseInput(idSchema, rawId, 'id');
    return transactionWithEvents(this.deps.dataSource, this.deps.publisher, async (manager) => {
      const vendorName = await recordVendorName(manager, vendor);
      const product = await lockOwnProduct(manager, id, vendor.id);
      if (product.status === 'ARCHIVED') return { ...product, vendorName };
      product.status = 'ARCHIVED';
      await manager.save(product);
      await enqueueEvent(manager, 'product.archived', snapshotOf(product), requestId);
      return { ...product, vendorName };
    });
  }

  /**
   * Products by id, with their vendors' names and, when `withCategories`, their categories, in
   * one statement (the DataLoader's batch), as `viewerId` may see them: DRAFT and ARCHIVED
   * products only for their vendor, so nothing else learns they exist. Plain SQL into the
   * entity's shape, as the listings read them: TypeORM's query building and hydration cost more
   * than the statement.
   */
  async findVisibleByIds(
    ids: readonly string[],
    viewerId: string | null,
    withCategories = false,
  ): Promise<VisibleProducts> {
    const valid = ids.filter(isId).map((id) => id.toLowerCase());
    const categoryColumns = withCategories ? `, ${PRODUCT_CATEGORY_COLUMNS}` : '';
    const categoryJoin = withCategories ? WITH_PRODUCT_CATEGORIES : '';
    const found = valid.length
      ? await readRows<ProductView & Partial<ProductCategoryColumns>>(
          this.deps.dataSource,
          `SELECT ${PRODUCT_COLUMNS}${categoryColumns}
             FROM ${PRODUCTS_WITH_VENDOR_NAMES} ${categoryJoin}
            WHERE p.id = ANY($1::uuid[])`,
          [valid],
        )
      : [];
    const byId = new Map<string, ProductView>();
    const categories = new Map<string, Category | null>();
    for (const row of found) {
      if (row.status !== 'ACTIVE' && row.vendorId !== viewerId) continue;
      if (!withCategories) {
        byId.set(row.id, row);
        continue;
      }
      const { product, category } = splitCategory(
        row as ProductView & ProductCategoryColumns,
        categories,
      );
      byId.set(product.id, product);
      if (product.categoryId !== null) categories.set(product.categoryId, category);
    }
    return { products: ids.map((id) => byId.get(id.toLowerCase()) ?? null), categories };
  }
}

/** What `product.*` events carry. */
export function snapshotOf(product: Product): ProductSnapshot {
  return {
    productId: product.id,
    vendorId: product.vendorId,
    name: product.name,
    status: product.status,
    price: { amount: product.priceAmount, currency: product.priceCurrency },
    categoryId: product.categoryId,
  };
}

/**
 * The product, locked until the transaction ends so concurrent changes apply one after the
 * other; `NOT_FOUND` when it does not exist, `FORBIDDEN` when another vendor owns it.
 */
async function lockOwnProduct(
  manager: EntityManager,
  id: string,
  vendorId: string,
): Promise<Product> {
  const product = await manager.findOne(Product, {
    where: { id },
    lock: { mode: 'pessimistic_write' },
  });
  if (!product) throw new NotFoundError('Product');
  if (product.vendorId !== vendorId)
    throw new ForbiddenError('Only its vendor can change a product');
  return product;
}

/** What an update can change, comparable as one string. */
function editableState(product: Product): string {
  const { name, description, categoryId, priceAmount, priceCurrency, status } = product;
  return JSON.stringify([name, description, categoryId, priceAmount, priceCurrency, status]);
}

async function assertCategoryExists(manager: EntityManager, categoryId: string): Promise<void> {
  if (!(await manager.existsBy(Category, { id: categoryId }))) {
    throw new BadUserInputError('input.categoryId', 'input.categoryId: no such category');
  }
}
