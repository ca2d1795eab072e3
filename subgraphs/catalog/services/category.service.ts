import { In, type EntityManager } from 'typeorm';
import { readRows, uniqueViolation } from '../../../lib/db/database';
import { BadUserInputError, ConflictError, NotFoundError } from '../../../lib/errors';
import { id as idSchema, isId, parseInput } from '../../../lib/validation';
import { Category } from '../entities/category.entity';
import type { CreateCategoryInput, UpdateCategoryInput } from '../generated/resolvers-types';
import { createCategoryInput, updateCategoryInput } from '../validation';
import type { CatalogDeps } from './catalog-deps';

/**
 * Serialises moves within the category tree: two concurrent moves (A under B, B under A) would
 * each pass the cycle check on their own. Any constant other than the migration lock's.
 */
const TREE_LOCK_KEY = 7_318_246;

/** The category tree. No events: nothing outside the catalog consumes categories yet. */
export class CategoryService {
  constructor(private readonly deps: CatalogDeps) {}

  async create(rawInput: CreateCategoryInput): Promise<Category> {
    const input = parseInput(createCategoryInput, rawInput, 'input');
    return this.withUniqueSlug(() =>
      this.deps.dataSource.transaction(async (manager) => {
        if (input.parentId) await assertParentExists(manager, input.parentId);
        return manager.save(
          manager.create(Category, {
            name: input.name,
            slug: input.slug,
            parentId: input.parentId ?? null,
          }),
        );
      }),
    );
  }

  /** Renames or moves a category; a move under itself or one of its descendants is refused. */
  async update(rawId: string, rawInput: UpdateCategoryInput): Promise<Category> {
    const id = parseInput(idSchema, rawId, 'id');
    const input = parseInput(updateCategoryInput, rawInput, 'input');
    return this.withUniqueSlug(() =>
      this.deps.dataSource.transaction(async (manager) => {
        if (input.parentId) {
          await manager.query('SELECT pg_advisory_xact_lock($1)', [TREE_LOCK_KEY]);
        }
        const category = await manager.findOne(Category, {
          where: { id },
          lock: { mode: 'pessimistic_write' },
        });
        if (!category) throw new NotFoundError('Category');
        if (input.parentId) {
          await assertParentExists(manager, input.parentId);
          if (await isInSubtree(manager, id, input.parentId)) {
            throw new BadUserInputError(
              'input.parentId',
              'input.parentId: a category cannot move under itself or its descendants',
            );
          }
        }
        if (input.name !== undefined) category.name = input.name;
        if (input.slug !== undefined) category.slug = input.slug;
        if (input.parentId !== undefined) category.parentId = input.parentId;
        return manager.save(category);
      }),
    );
  }

  /** Every category, by name (the tree is small: one statement, no paging). */
  all(): Promise<Category[]> {
    return this.deps.dataSource.getRepository(Category).find({ order: { name: 'ASC', id: 'ASC' } });
  }

  /**
   * Categories by id in one statement (the DataLoader's batch). Plain SQL into the entity's shape:
   * TypeORM's query building and hydration cost more than the statement on a storefront page.
   */
  async findByIds(ids: readonly string[]): Promise<Array<Category | null>> {
    const valid = ids.filter(isId).map((id) => id.toLowerCase());
    const found = valid.length
      ? await readRows<Category>(
          this.deps.dataSource,
          `SELECT id, name, slug, parent_id AS "parentId", created_at AS "createdAt",
                  updated_at AS "updatedAt"
             FROM categories WHERE id = ANY($1::uuid[])`,
          [valid],
        )
      : [];
    const byId = new Map(found.map((category) => [category.id, category]));
    return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
  }

  /** The children of several categories in one statement, by name. */
  async childrenOf(parentIds: readonly string[]): Promise<Category[][]> {
    const valid = parentIds.filter(isId);
    const children = valid.length
      ? await this.deps.dataSource.getRepository(Category).find({
          where: { parentId: In(valid) },
          order: { name: 'ASC', id: 'ASC' },
        })
      : [];
    return parentIds.map((parentId) => children.filter((child) => child.parentId === parentId));
  }

  /** Turns a duplicate slug into `CONFLICT` on `input.slug`. */
  private async withUniqueSlug<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (uniqueViolation(error) === 'categories_slug_key') {
        throw new ConflictError('input.slug', 'A category with this slug already exists');
      }
      throw error;
    }
  }
}

async function assertParentExists(manager: EntityManager, parentId: string): Promise<void> {
  if (!(await manager.existsBy(Category, { id: parentId }))) {
    throw new BadUserInputError('input.parentId', 'input.parentId: no such category');
  }
}

/** Whether `candidate` is `rootId` or one of its descendants. */
async function isInSubtree(
  manager: EntityManager,
  rootId: string,
  candidate: string,
): Promise<boolean> {
  const rows = await manager.query<unknown[]>(
    `WITH RECURSIVE subtree(id) AS (
       SELECT $1::uuid
       UNION
       SELECT c.id FROM categories c JOIN subtree ON c.parent_id = subtree.id
     )
     SELECT 1 FROM subtree WHERE id = $2::uuid`,
    [rootId, candidate],
  );
  return rows.length > 0;
}
