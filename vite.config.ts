import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./editor', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/editor', import.meta.url));

/**
 * The browser editor. `npx vite build` writes `dist/editor`, which `weft serve` hosts at `/`.
 * `npm run dev:editor` serves it with hot reload and forwards `/api` to a running server
 * (`WEFT_API_URL`, default http://127.0.0.1:8787, where `weft serve` listens).
 */
export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: {
    proxy: { '/api': process.env.WEFT_API_URL ?? 'http://127.0.0.1:8787' },
  },
});
