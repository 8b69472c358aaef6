import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The web app: src/web, built into dist/web and served by the Portico server (src/server/http/web-app.ts). */
export default defineConfig({
  root: 'src/web',
  publicDir: false,
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
  // `npm run dev:web`: Vite's hot reload on :5173, the API from a server started with `npm start`.
  server: {
    proxy: {
      '/v1': { target: 'http://127.0.0.1:7070', changeOrigin: false },
      '/auth': { target: 'http://127.0.0.1:7070', changeOrigin: false },
    },
  },
});
