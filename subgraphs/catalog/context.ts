import DataLoader from 'dataloader';
import type { Connection } from '../../lib/graphql/pagination';
import type { RequestContext } from '../../lib/graphql/request-context';
import type { Category } from './entities/category.entity';
import type { CatalogServices } from './services/catalog-services';
import type { ProductView } from './services/product-keyset';
import type { VendorPageKey } from './services/product-listing.service';

/** Per-request context of the catalog subgraph. */
export interface CatalogContext extends RequestContext {
  services: CatalogServices;
  loaders: CatalogLoaders;
  /**
   * Categories read with the products of a listing or of the product batch (see
   * {@link primeCategories}), by id (null: no such category), so each product's `category`
   * resolves without a promise.
   */
  primedCategories: Map<string, Category | null>;
}

/** One SQL statement per loader per fetch step, however many entities a response holds. */
export interface CatalogLoaders {
  /** Products the caller may see; null for unknown ones and other vendors' DRAFT or ARCHIVED. */
  productById: DataLoader<string, ProductView | null>;
  /** The same, with the products' categories read in the same statement and primed. */
  productWithCategoryById: DataLoader<string, ProductView | null>;
  categoryById: DataLoader<string, Category | null>;
  childrenByCategoryId: DataLoader<string, Category[]>;
  /** `User.products` pages, as the caller may see them. */
  vendorProducts: DataLoader<VendorPageKey, Connection<ProductView>, string>;
}

export function createCatalogContext(
  base: RequestContext,
  services: CatalogServices,
): CatalogContext {
  const viewerId = base.caller.userId;
  const context: CatalogContext = {
    ...base,
    services,
    primedCategories: new Map(),
    loaders: {
      productById: new DataLoader(async (ids) => {
        return (await services.products.findVisibleByIds(ids, viewerId)).products;
      }),
      productWithCategoryById: new DataLoader(async (ids) => {
        const found = await services.products.findVisibleByIds(ids, viewerId, true);
        primeCategories(context, found.categories);
        return found.products;
      }),
      categoryById: new DataLoader((ids) => services.categories.findByIds(ids)),
      childrenByCategoryId: new DataLoader((ids) => services.categories.childrenOf(ids)),
      vendorProducts: new DataLoader((keys) => services.listings.vendorPages(keys, viewerId), {
        cacheKeyFn: (key) => JSON.stringify([key.vendorId, key.first, key.after]),
      }),
    },
  };
  return context;
}

/**
 * Keeps the categories a listing or the product batch read with their products (by id, null:
 * no such category): each product's `category` then resolves without a promise of its own (a
 * promise per product costs more CPU than the work on a long page) and without a statement,
 * and the loader answers them too (a `parent` among them, `_entities`).
 */
export function primeCategories(
  ctx: CatalogContext,
  categories: ReadonlyMap<string, Category | null>,
): void {
  for (const [id, category] of categories) {
    ctx.primedCategories.set(id, category);
    ctx.loaders.categoryById.prime(id, category);
  }
}
