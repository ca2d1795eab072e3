import {
  Column,
  Entity,
  PrimaryColumn,
  type DataSource,
  type MigrationInterface,
  type QueryRunner,
} from 'typeorm';
import { DATABASES } from '../../launcher/databases';
import { dropDatabase, openDatabase } from '../../lib/db/database';
import { testLogger } from '../support/event-streams';
import { TEST_DATABASE_URL, uniquePrefix } from '../support/test-env';

const prefix = uniquePrefix();

function databaseUrl(service: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${prefix}_${service}`;
  return url.toString();
}

interface DatabaseColumn {
  table_name: string;
  column_name: string;
  data_type: string;
  udt_name: string;
  is_nullable: 'YES' | 'NO';
  column_default: string | null;
}

/** The type as information_schema spells it: arrays by their element (`_text`). */
const databaseType = (column: DatabaseColumn) =>
  column.data_type === 'ARRAY' ? `${column.udt_name.slice(1)}[]` : column.data_type;

/**
 * Where the entities and the migrated database disagree, one line each: a table or column an
 * entity maps that the migrations never created, a type or nullability that differs, and a
 * column the database requires (NOT NULL, no default) that no entity writes. Indexes, CHECKs and
 * foreign keys stay the migrations' alone, and tables no entity maps are read by SQL.
 */
async function drift(dataSource: DataSource): Promise<string[]> {
  const rows: DatabaseColumn[] = await dataSource.query(
    `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
       FROM information_schema.columns WHERE table_schema = 'public'`,
  );
  const inDatabase = new Map(rows.map((row) => [`${row.table_name}.${row.column_name}`, row]));
  const problems: string[] = [];
  const mapped = new Set<string>();
  for (const entity of dataSource.entityMetadatas) {
    if (!rows.some((row) => row.table_name === entity.tableName)) {
      problems.push(`${entity.tableName}: no such table (entity ${entity.name})`);
      continue;
    }
    for (const column of entity.columns) {
      const name = `${entity.tableName}.${column.databaseName}`;
      mapped.add(name);
      const found = inDatabase.get(name);
      if (!found) {
        problems.push(`${name}: no such column`);
        continue;
      }
      const type = dataSource.driver.normalizeType(column) + (column.isArray ? '[]' : '');
      if (type !== databaseType(found))
        problems.push(`${name}: entity says ${type}, database has ${databaseType(found)}`);
      if (column.isNullable !== (found.is_nullable === 'YES'))
        problems.push(
          `${name}: entity says ${column.isNullable ? 'nullable' : 'NOT NULL'}, database has ${found.is_nullable === 'YES' ? 'nullable' : 'NOT NULL'}`,
        );
    }
  }
  const mappedTables = new Set(dataSource.entityMetadatas.map((entity) => entity.tableName));
  for (const [name, row] of inDatabase)
    if (
      mappedTables.has(row.table_name) &&
      !mapped.has(name) &&
      row.is_nullable === 'NO' &&
      row.column_default === null
    )
      problems.push(`${name}: NOT NULL without a default, and no entity column writes it`);
  return problems.sort();
}

/** An entity and a migration that disagree in every way the comparison looks at. */
@Entity({ name: 'parcels' })
class Parcel {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  label: string;

  @Column({ type: 'integer', name: 'weight_grams' })
  weightGrams: number;

  @Column({ type: 'bigint' })
  price: string;

  @Column({ type: 'timestamptz', name: 'shipped_at', nullable: true })
  shippedAt: Date | null;
}

@Entity({ name: 'carriers' })
class Carrier {
  @PrimaryColumn({ type: 'uuid' })
  id: string;
}

class CreateParcels1700000000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE parcels (
      id uuid PRIMARY KEY,
      label text,
      price integer NOT NULL,
      shipped_at timestamptz NOT NULL,
      tracking_code text NOT NULL,
      note text
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE parcels');
  }
}

const SERVICES = Object.keys(DATABASES);

describe('entities and migrations', () => {
  afterAll(() =>
    Promise.all([...SERVICES, 'drifted'].map((service) => dropDatabase(databaseUrl(service)))),
  );

  it('disagree as the comparison reports when they drift', async () => {
    const dataSource = await openDatabase({
      url: databaseUrl('drifted'),
      entities: [Parcel, Carrier],
      migrations: [CreateParcels1700000000000],
      logger: testLogger(),
      poolSize: 2,
    });
    try {
      expect(await drift(dataSource)).toEqual([
        'carriers: no such table (entity Carrier)',
        'parcels.label: entity says NOT NULL, database has nullable',
        'parcels.price: entity says bigint, database has integer',
        'parcels.shipped_at: entity says nullable, database has NOT NULL',
        'parcels.tracking_code: NOT NULL without a default, and no entity column writes it',
        'parcels.weight_grams: no such column',
      ]);
    } finally {
      await dataSource.destroy();
    }
  });

  it.each(SERVICES)('of %s describe the same tables', async (service) => {
    const dataSource = await openDatabase({
      url: databaseUrl(service),
      ...DATABASES[service],
      logger: testLogger(),
      poolSize: 2,
    });
    try {
      expect(await drift(dataSource)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});
