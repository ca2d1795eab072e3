import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Categories and products. The CHECK constraints repeat the input rules, so a bug in validation
 * can never store a product nobody could have created through the API.
 */
export class CreateCatalog1763700000001 implements MigrationInterface {
  name = 'CreateCatalog1763700000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE categories (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
        slug text NOT NULL CONSTRAINT categories_slug_key UNIQUE
          CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND char_length(slug) <= 100),
        parent_id uuid REFERENCES categories (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (parent_id <> id)
      )`);
    await runner.query('CREATE INDEX categories_parent_idx ON categories (parent_id)');
    await runner.query(`
      CREATE TABLE products (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        vendor_id uuid NOT NULL,
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
        description text CHECK (char_length(description) <= 5000),
        category_id uuid REFERENCES categories (id),
        price_amount integer NOT NULL CHECK (price_amount > 0 AND price_amount <= 100000000),
        price_currency text NOT NULL CHECK (price_currency ~ '^[A-Z]{3}$'),
        status text NOT NULL CHECK (status IN ('DRAFT', 'ACTIVE', 'ARCHIVED')),
        search tsvector GENERATED ALWAYS AS (
          to_tsvector('simple'::regconfig, name || ' ' || coalesce(description, ''))
        ) STORED,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX products_search_idx ON products USING gin (search)');
    await runner.query('CREATE INDEX products_category_idx ON products (category_id)');
    // A vendor's own listing (User.products) walks newest first.
    await runner.query(
      'CREATE INDEX products_vendor_newest_idx ON products (vendor_id, created_at DESC, id DESC)',
    );
    // The public listing shows ACTIVE products only, in one of three keyset orders.
    await runner.query(
      `CREATE INDEX products_active_newest_idx ON products (created_at DESC, id DESC)
         WHERE status = 'ACTIVE'`,
    );
    await runner.query(
      `CREATE INDEX products_active_price_idx ON products (price_amount, id)
         WHERE status = 'ACTIVE'`,
    );
    await runner.query(
      `CREATE INDEX products_active_name_idx ON products (lower(name), id)
         WHERE status = 'ACTIVE'`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE products');
    await runner.query('DROP TABLE categories');
  }
}
