/**
 * `draftlint serve`: the editors' desk, a local web page over the same engine as `lint`.
 */
import { Option, type Command } from 'commander';
import { getRuleSet, resolveConfig, UsageError } from '../../engine/index.js';
import { DEFAULT_PORT, isLoopback, openBrowser, startDesk } from '../../server/listen.js';
import { version } from '../index.js';
import type { Lang } from '../../types.js';

interface ServeOptions {
  port?: number;
  host?: string;
  open?: boolean;
  lang?: Lang;
  config?: string;
}

function port(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`--port 须为 0–65535 的整数 / must be an integer 0–65535: ${v}`);
  return n;
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('启动稿件检查台（本机网页，可粘贴或拖入 .md/.docx/.txt 稿件）/ start the editors\' desk, a local web page')
    .option('-p, --port <port>', `端口（默认 ${DEFAULT_PORT}，被占用时依次顺延）/ port (default ${DEFAULT_PORT} or the next free one)`, port)
    .option('--host <host>', '监听地址（默认 127.0.0.1，仅本机可访问）/ address to listen on (default 127.0.0.1: this computer only)')
    .option('--open', '启动后打开浏览器 / open the page in the browser')
    .addOption(new Option('--lang <lang>', '网页语言 / page language').choices(['zh', 'en']))
    .option('-c, --config <file>', '使用指定配置文件 / use this config file')
    .action(async (opts: ServeOptions) => {
      const lang: Lang = opts.lang ?? 'zh';
      const cwd = process.cwd();
      // a broken config is a usage error now, not on the first request
      const top = resolveConfig({ configFile: opts.config, filename: `${cwd}/稿件.md` }, cwd);
      await getRuleSet(top.config, { lang, configFile: top.file });
      const host = opts.host ?? '127.0.0.1';
      if (!isLoopback(host))
        process.stderr.write(
          `draftlint: 警告：--host ${host} 使检查台可被本机以外的电脑访问，稿件内容会在网络上传输。仅在可信的内网中使用。\n` +
            `draftlint: warning: --host ${host} makes the desk reachable from other computers; drafts travel over the network. Use only on a trusted network.\n`,
        );
      let desk;
      try {
        desk = await startDesk({ host, port: opts.port, strictPort: opts.port !== undefined, lang, cwd, configFile: opts.config, version: version() });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') throw new UsageError(`端口 ${opts.port} 已被占用 / port ${opts.port} is in use`);
        if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new UsageError(`无法在 ${host} 上监听 / cannot listen on ${host}`);
        throw new UsageError(`检查台无法启动 / cannot start the desk: ${(e as Error).message}`);
      }
      process.stdout.write(
        lang === 'en'
          ? `draftlint desk is running at ${desk.url}\nOpen it in a browser; press Ctrl+C to stop.\n`
          : `稿件检查台已启动：${desk.url}\n请用浏览器打开此地址；按 Ctrl+C 停止。\n`,
      );
      if (opts.open && !(await openBrowser(desk.url)))
        process.stderr.write(`draftlint: 无法自动打开浏览器，请手动打开 ${desk.url} / could not open a browser; open ${desk.url}\n`);
      const stop = () => {
        void desk.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      // keep the command running until the server closes
      await new Promise<void>((resolve) => desk.app.server.once('close', () => resolve()));
    });
}
