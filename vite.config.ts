// The staff and public web app (web/). `npm run build` writes web/dist, which the server serves;
// `npx vite` runs a dev server that forwards /api to a server started with `npm start`.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.ONEWINDOW_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // bench/web.bench.ts reads the manifest to report what the public pages load.
    manifest: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { '/api': api, '/healthz': api },
  },
});
