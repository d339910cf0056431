import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** A gzip copy beside every script and stylesheet: the gateway serves it to browsers that accept gzip. */
function precompress(): Plugin {
  return {
    name: 'closer:precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const file of Object.keys(bundle)) {
        if (!/\.(js|css)$/.test(file)) continue;
        const path = join(options.dir!, file);
        writeFileSync(`${path}.gz`, gzipSync(readFileSync(path), { level: 9 }));
      }
    },
  };
}

// A static build the gateway serves: two pages, each loading only its own code — index.html for
// the emailed links (/f/<token>, /c/<token>) and dashboard.html for /dashboard and its places —
// and hashed files under /assets (cached for a year). Nothing loads from outside the gateway.
// The manifest (.vite/manifest.json, not served) lists what each page loads before anything else:
// scripts/web-bundle-size.ts holds the dashboard's first load to its budget.
export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  // React's automatic JSX runtime through Vite's own (Oxc) transform: no plugin needed for a static build
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    rolldownOptions: { input: { index: join(root, 'index.html'), dashboard: join(root, 'dashboard.html') } },
    assetsDir: 'assets',
    target: 'es2022',
    sourcemap: false,
    // the CSP allows scripts and styles from 'self' only: never inline them into index.html
    assetsInlineLimit: 0,
    cssCodeSplit: true,
    reportCompressedSize: true,
    chunkSizeWarningLimit: 600,
  },
});
