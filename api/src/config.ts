import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);

/** Every environment variable the platform reads. `.env.example` documents them. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./.data'),
  DATABASE_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  MEILI_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/ }).optional()),
  MEILI_KEY: z.preprocess(emptyToUndefined, z.string().optional()),
  JWT_SECRET: z.preprocess(emptyToUndefined, z.string().min(32, 'must be at least 32 characters').optional()),
  ADMIN_EMAIL: z.preprocess(emptyToUndefined, z.email().optional()),
  ADMIN_PASSWORD: z.preprocess(emptyToUndefined, z.string().min(8, 'must be at least 8 characters').optional()),
  SEED_DEMO: z.preprocess(emptyToUndefined, booleanFromEnv.optional()),
  /** Where the built web is served from (default: web/build of this checkout). */
  WEB_BUILD_DIR: z.preprocess(emptyToUndefined, z.string().optional()),
  UPLOAD_MAX_MB: z.coerce.number().min(1).max(1024).default(20),
  UPLOAD_VIDEO_MAX_MB: z.coerce.number().min(1).max(4096).default(200),
  /** Comma-separated addresses/CIDRs of reverse proxies allowed to set X-Forwarded-For; empty: none. */
  TRUST_PROXY: z.preprocess(emptyToUndefined, z.string().optional()),
  /** The platform's public address (e.g. https://jiebang.example.cn); allowed as an origin. */
  PUBLIC_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/ }).optional()),
  /** Comma-separated further origins allowed to send state-changing requests with the session cookie. */
  ALLOWED_ORIGINS: z.preprocess(emptyToUndefined, z.string().optional()),
  /** Serve the Swagger UI at /api/docs (default: on outside production, off in production). */
  API_DOCS: z.preprocess(emptyToUndefined, booleanFromEnv.optional()),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  meiliUrl?: string;
  meiliKey?: string;
  jwtSecret: string;
  admin?: { email: string; password: string };
  seedDemo: boolean;
  logLevel: string;
  uploadLimits: { documentBytes: number; videoBytes: number };
  webBuildDir?: string;
  security: { trustProxy: string[]; allowedOrigins: string[]; docs: boolean };
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates the environment. Throws a ConfigError naming every bad
 * variable at once, so an operator fixes them in one go.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: { persistSecret?: boolean } = {}): Config {
  const parsed = envSchema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`);
  problems.push(...crossFieldProblems(env));
  if (!parsed.success || problems.length) throw new ConfigError(problems);
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    meiliUrl: e.MEILI_URL,
    meiliKey: e.MEILI_KEY,
    jwtSecret: e.JWT_SECRET ?? (options.persistSecret === false ? randomBytes(32).toString('hex') : devSecret(dataDir)),
    admin: e.ADMIN_EMAIL && e.ADMIN_PASSWORD ? { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD } : undefined,
    seedDemo: e.SEED_DEMO ?? e.NODE_ENV !== 'production',
    logLevel: e.LOG_LEVEL,
    webBuildDir: e.WEB_BUILD_DIR ? path.resolve(e.WEB_BUILD_DIR) : undefined,
    security: {
      trustProxy: list(e.TRUST_PROXY),
      allowedOrigins: [...(e.PUBLIC_URL ? [new URL(e.PUBLIC_URL).origin] : []), ...list(e.ALLOWED_ORIGINS).map((o) => new URL(o).origin)],
      docs: e.API_DOCS ?? e.NODE_ENV !== 'production',
    },
    uploadLimits: { documentBytes: Math.round(e.UPLOAD_MAX_MB * 1024 * 1024), videoBytes: Math.round(e.UPLOAD_VIDEO_MAX_MB * 1024 * 1024) },
  };
}

/** Rules between variables, checked on the raw values so they are reported along with every other problem. */
function crossFieldProblems(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  const set = (name: string) => !!env[name];
  if ((env.NODE_ENV ?? 'development') === 'production' && !set('JWT_SECRET')) {
    problems.push('JWT_SECRET: is required when NODE_ENV=production');
  }
  if (set('ADMIN_EMAIL') !== set('ADMIN_PASSWORD')) {
    problems.push(`${set('ADMIN_EMAIL') ? 'ADMIN_PASSWORD' : 'ADMIN_EMAIL'}: ADMIN_EMAIL and ADMIN_PASSWORD must be set together`);
  }
  for (const origin of list(env.ALLOWED_ORIGINS)) {
    try {
      if (!/^https?:$/.test(new URL(origin).protocol)) throw new Error();
    } catch {
      problems.push(`ALLOWED_ORIGINS: "${origin}" is not an http(s) origin such as https://jiebang.example.cn`);
    }
  }
  for (const proxy of list(env.TRUST_PROXY)) {
    if (!/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(proxy) && !['loopback', 'linklocal', 'uniquelocal'].includes(proxy)) {
      problems.push(`TRUST_PROXY: "${proxy}" is not an IP address or CIDR (e.g. 10.0.0.1,10.1.0.0/16)`);
    }
  }
  return problems;
}

/** Outside production a secret is generated once and kept under DATA_DIR, so sessions survive restarts. */
function devSecret(dataDir: string): string {
  const file = path.join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('hex');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}
