import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// PORTICO_WEB_DIR builds elsewhere (and the server serves from there): two checkouts' test runs or
// builds on one machine then never replace each other's files.
const OUT = process.env.PORTICO_WEB_DIR ? resolve(process.env.PORTICO_WEB_DIR) : join(ROOT, 'dist/web');
const STAMP = join(OUT, '.source-hash');
const INPUTS = ['src/web', 'src/core', 'vite.config.ts', 'package-lock.json'];

/** Every file the build reads, hashed: a clone, a pull or an edit each make the stamp stale. */
function sourceHash(): string {
  // The second part changes when the way of building changes, so that older builds are made again.
  const hash = createHash('sha256').update('production build 2\0');
  const visit = (path: string) => {
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) visit(join(path, name));
      return;
    }
    hash.update(relative(ROOT, path)).update('\0').update(readFileSync(path)).update('\0');
  };
  for (const input of INPUTS) visit(join(ROOT, input));
  return hash.digest('hex');
}

/**
 * Builds the web app into dist/web unless the build there was made from the same sources. `npm start`
 * and the test suite call it, so a fresh clone serves the portal without a separate build step.
 */
export async function ensureWebBuild(options: { force?: boolean } = {}): Promise<'built' | 'current'> {
  const hash = sourceHash();
  if (!options.force && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash) return 'current';
  const { build } = await import('vite');
  // Always React's production build: Vite takes NODE_ENV from the environment, and the test runner sets it to
  // `test`, which made the tests' build (reused by npm start when the sources matched) React's slow
  // development one.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(ROOT, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir: OUT },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  compressAssets();
  writeFileSync(STAMP, hash);
  return 'built';
}

/**
 * Brotli and gzip copies beside each script and style sheet, made once here rather than on every response;
 * the server sends the one the browser accepts (@fastify/static's preCompressed).
 */
function compressAssets() {
  const assets = join(OUT, 'assets');
  for (const name of readdirSync(assets)) {
    if (!/\.(js|css)$/.test(name)) continue;
    const content = readFileSync(join(assets, name));
    writeFileSync(
      join(assets, `${name}.br`),
      brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    );
    writeFileSync(join(assets, `${name}.gz`), gzipSync(content, { level: 9 }));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const result = await ensureWebBuild({ force: process.argv.includes('--force') });
  console.log(`web app ${result === 'built' ? 'built' : 'already current'} in ${Date.now() - started} ms`);
}
