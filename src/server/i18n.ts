/**
 * Words of the editors' desk that come from the server: family names and error messages.
 * Errors are always answered with a Chinese `message` (the editors' language) and an English
 * `message_en`.
 */
import type { Lang } from '../types.js';
import { familyName } from '../report/families.js';

/** A family's name on the desk (src/report/families.ts), or its id for a site's own family. */
export function familyLabel(family: string, lang: Lang): string {
  return familyName(family, lang, 'long') ?? family;
}

export type ErrorCode =
  | 'FOREIGN_ORIGIN'
  | 'FOREIGN_HOST'
  | 'TOO_LARGE'
  | 'BAD_JSON'
  | 'BAD_REQUEST'
  | 'UNSUPPORTED_TYPE'
  | 'UNSUPPORTED_FILE'
  | 'UNREADABLE_FILE'
  | 'CONFIG'
  | 'STALE'
  | 'NOT_FOUND'
  | 'INTERNAL';

export const ERRORS: Record<ErrorCode, { status: number; zh: string; en: string }> = {
  FOREIGN_ORIGIN: { status: 403, zh: '拒绝请求：请求来自其他网页。稿件检查台只接受它自己页面的请求。', en: 'Refused: the request comes from another web page.' },
  FOREIGN_HOST: { status: 403, zh: '拒绝请求：访问地址与检查台不符。请使用启动时显示的地址。', en: 'Refused: the Host is not this server. Use the address printed at start-up.' },
  TOO_LARGE: { status: 413, zh: '内容过大：稿件或文件超过了大小上限（{{limit}}）。', en: 'Too large: the draft or file exceeds the limit ({{limit}}).' },
  BAD_JSON: { status: 400, zh: '请求格式有误：不是有效的 JSON。', en: 'Bad request: the body is not valid JSON.' },
  BAD_REQUEST: { status: 400, zh: '请求内容有误：{{detail}}', en: 'Bad request: {{detail}}' },
  UNSUPPORTED_TYPE: { status: 415, zh: '不支持的请求类型：请以 JSON 提交稿件，以二进制上传文件。', en: 'Unsupported media type: send JSON, or the file as application/octet-stream.' },
  UNSUPPORTED_FILE: { status: 415, zh: '不支持的文件类型“{{name}}”：请上传 .md、.docx 或 .txt 文件。', en: 'Unsupported file "{{name}}": upload a .md, .docx or .txt file.' },
  UNREADABLE_FILE: { status: 422, zh: '无法读取文件“{{name}}”：{{detail}}', en: 'Cannot read "{{name}}": {{detail}}' },
  CONFIG: { status: 500, zh: '配置文件有误：{{detail}}', en: 'Configuration error: {{detail}}' },
  STALE: { status: 409, zh: '稿件已改变，这条修正不再适用。请重新检查后再修正。', en: 'The draft has changed; check it again before applying this fix.' },
  NOT_FOUND: { status: 404, zh: '没有这个地址。', en: 'Not found.' },
  INTERNAL: { status: 500, zh: '检查台内部错误：{{detail}}', en: 'Internal error: {{detail}}' },
};

export interface ErrorBody {
  error: { code: ErrorCode; message: string; message_en: string };
}

export function errorBody(code: ErrorCode, data: Record<string, string> = {}): { status: number; body: ErrorBody } {
  const e = ERRORS[code];
  const fill = (t: string) => t.replace(/\{\{(\w+)\}\}/g, (_, k: string) => data[k] ?? '');
  return { status: e.status, body: { error: { code, message: fill(e.zh), message_en: fill(e.en) } } };
}
