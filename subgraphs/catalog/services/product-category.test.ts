import type { ProductRow, ProductView } from './product-keyset';
import { splitCategory, type ProductCategoryColumns } from './product-category';

const product: ProductView = {
  id: '6f1c3a52-6a43-4c1e-9a55-0d3e0b6f4b10',
  vendorId: '0b6c2a6e-3f0e-4a8e-8d51-52a4d6a1f3a2',
  name: 'Lamp',
  description: null,
  categoryId: '9d0b7d38-41a3-4a0b-b2a2-7e3a4c1f5e60',
  priceAmount: 1200,
  priceCurrency: 'EUR',
  status: 'ACTIVE',
  createdAt: new Date('2026-11-30T05:00:00Z'),
  updatedAt: new Date('2026-11-30T05:00:00Z'),
  vendorName: 'Lamp Vendor',
};

const row: ProductRow = { ...product, sortKey: 1200 };

const noCategory: ProductCategoryColumns = {
  category_name: null,
  category_slug: null,
  category_parentId: null,
  category_createdAt: null,
  category_updatedAt: null,
};

describe('splitCategory', () => {
  it('takes the joined category off the row, as a category', () => {
    const createdAt = new Date('2026-11-01T00:00:00Z');
    const { product: split, category } = splitCategory({
      ...row,
      category_name: 'Lighting',
      category_slug: 'lighting',
      category_parentId: null,
      category_createdAt: createdAt.getTime(),
      category_updatedAt: createdAt.getTime(),
    });
    expect(split).toEqual(product);
    expect(category).toEqual({
      id: product.categoryId,
      name: 'Lighting',
      slug: 'lighting',
      parentId: null,
      createdAt,
      updatedAt: createdAt,
    });
  });

  it('answers null for a product without a category', () => {
    const { product: split, category } = splitCategory({ ...row, categoryId: null, ...noCategory });
    expect(split).toEqual({ ...product, categoryId: null });
    expect(category).toBeNull();
  });

  it('answers null when the category the product names is gone', () => {
    expect(splitCategory({ ...row, ...noCategory }).category).toBeNull();
  });

  it('answers a category already made for an earlier row of the page as it is', () => {
    const made = { id: product.categoryId!, name: 'Lighting', slug: 'lighting', parentId: null };
    const known = new Map([[made.id, { ...made, createdAt: new Date(0), updatedAt: new Date(0) }]]);
    const joined = {
      ...row,
      category_name: 'Lighting',
      category_slug: 'lighting',
      category_parentId: null,
      category_createdAt: 0,
      category_updatedAt: 0,
    };
    expect(splitCategory(joined, known).category).toBe(known.get(made.id));
  });
});
