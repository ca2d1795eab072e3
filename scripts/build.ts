import { transformFile, type Options } from '@swc/core';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * `npm run build`: every service, worker and the operator scripts as CommonJS in `dist/`, laid
 * out like the sources, so `dist/gateway/main.js` runs with plain `node` and finds the SDL at
 * `dist/schema/` (lib/graphql/schema-file.ts resolves it relative to itself). swc, not tsc: one
 * second instead of half a minute, and the type check is `npm run typecheck`'s job.
 */
const ROOT = resolve(__dirname, '..');
const SOURCE_DIRS = ['lib', 'launcher', 'gateway', 'subgraphs', 'workers'];
const SCRIPTS = [
  'scripts/migrate.ts',
  'scripts/create-admin.ts',
  'scripts/republish-vendor-names.ts',
];

/**
 * As jest.config.js compiles the tests: TypeORM reads column types from decorator metadata, so
 * legacy decorators with metadata and no define-semantics class fields (which would reset them).
 */
const SWC_OPTIONS: Options = {
  swcrc: false,
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: true,
};

function sources(): string[] {
  const inDirs = SOURCE_DIRS.flatMap((dir) =>
    readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' }).map((file) =>
      join(dir, file),
    ),
  );
  return [...inDirs, ...SCRIPTS].filter(
    (file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.d.ts'),
  );
}

/** Compiles into `outDir` (default `dist`, emptied first); returns how many files it wrote. */
export async function build(outDir = join(ROOT, 'dist')): Promise<number> {
  rmSync(outDir, { recursive: true, force: true });
  const files = sources();
  await Promise.all(
    files.map(async (file) => {
      const target = join(outDir, file.replace(/\.ts$/, '.js'));
      const output = await transformFile(join(ROOT, file), {
        ...SWC_OPTIONS,
        filename: join(ROOT, file),
        outputPath: target,
      });
      mkdirSync(dirname(target), { recursive: true });
      const mapName = `${target}.map`;
      writeFileSync(
        target,
        `${output.code}\n//# sourceMappingURL=${relative(dirname(target), mapName)}\n`,
      );
      if (output.map) writeFileSync(mapName, output.map);
    }),
  );
  // Read at run time: the subgraphs' SDL and the committed supergraph.
  mkdirSync(join(outDir, 'schema'));
  for (const sdl of readdirSync(join(ROOT, 'schema')).filter((file) => file.endsWith('.graphql')))
    copyFileSync(join(ROOT, 'schema', sdl), join(outDir, 'schema', sdl));
  // The gateway serves the web app from `web/dist` beside its own folder (gateway/config.ts):
  // the same relative place in dist/, when the app has been built.
  const webApp = join(ROOT, 'web', 'dist');
  if (existsSync(webApp)) cpSync(webApp, join(outDir, 'web', 'dist'), { recursive: true });
  return files.length;
}

if (require.main === module) {
  const started = Date.now();
  build(process.argv[2] ? resolve(process.argv[2]) : undefined).then(
    (count) =>
      process.stdout.write(`built ${count} files into dist/ in ${Date.now() - started} ms\n`),
    (error: unknown) => {
      process.stderr.write(`build failed: ${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
