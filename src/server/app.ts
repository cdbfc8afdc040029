/**
 * The editors' desk HTTP server (fastify): one page plus a small JSON API over the engine.
 *
 * Security (the desk runs on an editor's PC next to their browser):
 * - every request must name this server in `Host` (defeats DNS rebinding) and, when the browser
 *   sends `Origin` or `Sec-Fetch-Site`, come from this server's own page — another web page open
 *   in the same browser cannot use the API;
 * - bodies are limited (JSON and uploads separately); uploads are read in memory, nothing is
 *   written, and no path from a request ever reaches the file system;
 * - a strict Content-Security-Policy (no inline script, no network but this server), no framing,
 *   no referrer;
 * - every error is JSON `{error: {code, message (Chinese), message_en}}`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { UsageError } from '../engine/errors.js';
import { DraftInputError } from '../document/input.js';
import { DeskConflict, deskFix, deskInfo, deskLint, deskReport, deskUpload, type DeskContext, type DeskFields } from './api.js';
import { errorBody, type ErrorCode } from './i18n.js';
import type { Lang } from '../types.js';

/** Largest JSON request (a pasted draft): 2 MiB. */
export const JSON_LIMIT = 2 * 1024 * 1024;
/** Largest upload (a Word document with pictures): 10 MiB. */
export const UPLOAD_LIMIT = 10 * 1024 * 1024;

export const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";
/** The downloadable report: its own inline styles, no script at all. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

export interface DeskServerOptions {
  lang?: Lang;
  /** where config is looked up (default: the current directory) */
  cwd?: string;
  configFile?: string;
  /** `host:port` values accepted in the Host header (lower case); filled in by `startDesk` */
  allowedHosts?: Set<string>;
  version?: string;
  /** directory of index.html, app.js, app.css (default: ./public next to this module) */
  publicDir?: string;
}

const here = dirname(fileURLToPath(import.meta.url));
/** The page's files: ./public beside this module (src/server, dist/server); from the bundled CLI (dist/bundle), dist/server/public. */
const defaultPublicDir = existsSync(join(here, 'public')) ? join(here, 'public') : join(here, '..', 'server', 'public');
const ASSETS: Record<string, string> = {
  '/app.js': 'text/javascript; charset=utf-8',
  '/app.css': 'text/css; charset=utf-8',
  '/favicon.svg': 'image/svg+xml',
};

const fieldSchema = { type: 'string', maxLength: 200 };
const fieldsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { column: fieldSchema, unit: fieldSchema, channel: fieldSchema, date: fieldSchema, author: fieldSchema, title: fieldSchema },
};
const textBody = {
  type: 'object',
  required: ['text'],
  additionalProperties: false,
  properties: {
    text: { type: 'string', maxLength: 1_000_000 },
    filename: { type: 'string', maxLength: 200 },
    fields: fieldsSchema,
  },
};
const fixBody = {
  ...textBody,
  properties: { ...textBody.properties, index: { type: 'integer', minimum: 0 }, suggestion: { type: 'integer', minimum: 0 }, ruleId: { type: 'string', maxLength: 100 } },
};

const UPLOAD_EXTENSIONS = ['.md', '.markdown', '.txt', '.docx'];

function send(reply: FastifyReply, code: ErrorCode, data?: Record<string, string>): FastifyReply {
  const { status, body } = errorBody(code, data);
  return reply.code(status).header('content-type', 'application/json; charset=utf-8').send(body);
}

function mib(n: number): string {
  return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
}

/** Is this request allowed to reach the desk? Returns the refusal, or null. */
export function checkRequest(req: Pick<FastifyRequest, 'headers'>, allowed: Set<string>): ErrorCode | null {
  const host = String(req.headers.host ?? '').toLowerCase();
  if (!allowed.has(host)) return 'FOREIGN_HOST';
  const origin = req.headers.origin;
  if (origin !== undefined) {
    let ok = false;
    try {
      const u = new URL(String(origin));
      ok = u.protocol === 'http:' && allowed.has(u.host.toLowerCase()) && u.host.toLowerCase() === host;
    } catch {
      ok = false;
    }
    if (!ok) return 'FOREIGN_ORIGIN';
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return 'FOREIGN_ORIGIN';
  return null;
}

export async function createDeskServer(options: DeskServerOptions = {}): Promise<FastifyInstance> {
  const lang: Lang = options.lang ?? 'zh';
  const ctx: DeskContext = { cwd: options.cwd ?? process.cwd(), lang };
  if (options.configFile) ctx.configFile = options.configFile;
  const allowed = options.allowedHosts ?? new Set(['127.0.0.1', 'localhost']);
  const version = options.version ?? '0.0.0';
  const publicDir = options.publicDir ?? defaultPublicDir;

  // every asset is read once, now: requests never touch the file system
  const page = readFileSync(join(publicDir, 'index.html'), 'utf8')
    .replaceAll('{{htmlLang}}', lang === 'en' ? 'en' : 'zh-CN')
    .replaceAll('{{lang}}', lang);
  const assets = new Map(Object.entries(ASSETS).map(([p, type]) => [p, { type, body: readFileSync(join(publicDir, p.slice(1))) }]));

  // stopping the desk never waits for a browser tab's open keep-alive connections
  // imported here, not at the top: the bundled CLI must not load fastify for a lint run
  const { default: Fastify } = await import('fastify');
  const app = Fastify({ logger: false, bodyLimit: JSON_LIMIT, return503OnClosing: true, forceCloseConnections: true });

  // a plain-text body is what a form on another site can send without a preflight: not accepted
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT }, (_req, body, done) => done(null, body));

  app.addHook('onRequest', async (req, reply) => {
    const refusal = checkRequest(req, allowed);
    if (refusal) return send(reply, refusal);
  });

  app.addHook('onSend', async (_req, reply, payload) => {
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', PAGE_CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  app.setErrorHandler((err: Error & { code?: string; statusCode?: number; validation?: unknown }, _req, reply) => {
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413) return send(reply, 'TOO_LARGE', { limit: reply.request.url.startsWith('/api/upload') ? mib(UPLOAD_LIMIT) : mib(JSON_LIMIT) });
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.statusCode === 415) return send(reply, 'UNSUPPORTED_TYPE');
    if (err.validation) return send(reply, 'BAD_REQUEST', { detail: err.message });
    if (err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return send(reply, 'BAD_JSON');
    if (err instanceof DeskConflict) return send(reply, 'STALE');
    if (err instanceof UsageError) return send(reply, 'CONFIG', { detail: err.message });
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return send(reply, 'BAD_REQUEST', { detail: err.message });
    return send(reply, 'INTERNAL', { detail: err.message });
  });
  app.setNotFoundHandler((_req, reply) => send(reply, 'NOT_FOUND'));

  app.get('/', async (_req, reply) => reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').send(page));
  for (const [path, a] of assets) app.get(path, async (_req, reply) => reply.header('content-type', a.type).header('cache-control', 'no-cache').send(a.body));

  app.get('/api/info', async () => deskInfo(ctx, version));
  app.get('/api/columns', async () => ({ columns: deskInfo(ctx, version).columns }));

  type TextBody = { text: string; filename?: string; fields?: DeskFields };
  app.post<{ Body: TextBody }>('/api/lint', { schema: { body: textBody } }, async (req) => deskLint(ctx, req.body));
  app.post<{ Body: TextBody & { index?: number; suggestion?: number; ruleId?: string } }>('/api/fix', { schema: { body: fixBody } }, async (req) => deskFix(ctx, req.body));
  app.post<{ Body: TextBody }>('/api/report', { schema: { body: textBody } }, async (req, reply) => {
    const html = await deskReport(ctx, req.body);
    const name = (req.body.filename ?? '稿件').replace(/\.[^.]*$/, '') + (lang === 'en' ? '-report.html' : '-检查报告.html');
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', REPORT_CSP)
      .header('content-disposition', `attachment; filename="report.html"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .send(html);
  });

  type UploadQuery = { name: string } & DeskFields;
  app.post<{ Querystring: UploadQuery; Body: Buffer }>(
    '/api/upload',
    {
      bodyLimit: UPLOAD_LIMIT,
      schema: { querystring: { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, ...fieldsSchema.properties } } },
    },
    async (req, reply) => {
      const { name, ...fields } = req.query;
      if (!UPLOAD_EXTENSIONS.includes(extname(name).toLowerCase())) return send(reply, 'UNSUPPORTED_FILE', { name });
      if (!Buffer.isBuffer(req.body)) return send(reply, 'UNSUPPORTED_TYPE');
      try {
        return await deskUpload(ctx, req.body, name, fields);
      } catch (e) {
        if (e instanceof DraftInputError) return send(reply, 'UNREADABLE_FILE', { name, detail: e.message });
        throw e;
      }
    },
  );

  return app;
}
