import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // Browser tests build into their own folder (WEB_BUILD_OUT) so they never replace the build a running server serves.
    adapter: adapter({ out: process.env.WEB_BUILD_OUT || 'build' }),
    // The API server sends no CSP for web pages; this one is the only policy.
    // SvelteKit hashes its inline boot script into script-src.
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:'],
        'connect-src': ['self'],
        'object-src': ['none'],
        'frame-ancestors': ['none'],
      },
    },
  },
};

export default config;
