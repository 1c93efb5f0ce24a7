import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// Where `vite dev` forwards API calls; the API's `npm run dev` listens on 3000.
const apiTarget = process.env.API_PROXY_TARGET ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [sveltekit()],
  ssr: {
    // SvelteKit needs cookie@0.6 (nested under @sveltejs/kit), but the workspace root
    // hoists cookie@2 for Fastify; bundling it resolves the copy next to SvelteKit.
    noExternal: ['cookie'],
  },
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/socket.io': { target: apiTarget, ws: true },
    },
  },
});
