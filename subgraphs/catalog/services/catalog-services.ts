import type { CatalogDeps } from './catalog-deps';
import { CategoryService } from './category.service';
import { ProductListingService } from './product-listing.service';
import { ProductService } from './product.service';

/** The catalog subgraph's services, built once at start-up. */
export interface CatalogServices {
  products: ProductService;
  listings: ProductListingService;
  categories: CategoryService;
}

export function createCatalogServices(deps: CatalogDeps): CatalogServices {
  return {
    products: new ProductService(deps),
    listings: new ProductListingService(deps),
    categories: new CategoryService(deps),
  };
}
