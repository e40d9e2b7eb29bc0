// Every call to the admin API: the bearer token from the session, JSON in and out, errors as the API words them.
import { token, signOut } from './auth.js';

let base = '';
export function setApiBase(url) { base = (url || '').replace(/\/$/, ''); }

export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.message ? body.message : `the admin API answered ${status}`);
    this.status = status;
    this.body = body;
  }
}

export async function api(method, path, body) {
  const headers = { Authorization: 'Bearer ' + token() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(base + path, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'omit', cache: 'no-store',
  });
  const text = await res.text();
  let parsed = null;
  try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = { message: text }; }
  if (res.status === 401) {
    signOut();
    throw new ApiError(401, { message: 'not signed in (the token was refused): sign in again' });
  }
  if (!res.ok) throw new ApiError(res.status, parsed);
  return parsed === null ? {} : parsed;
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body);
export const put = (path, body) => api('PUT', path, body);
export const del = (path) => api('DELETE', path);

let registry = null;
/**
 * The entity-type registry (GET /admin/entity-types): the types, what each feeds and can do, and the mapping record
 * types. Every screen builds its type menus from it, so they never drift from what the functions serve. Fetched once.
 */
export function entityTypes() {
  if (!registry) registry = get('/admin/entity-types').catch((err) => { registry = null; throw err; });
  return registry;
}

let fields = null;
/**
 * Every settings field (GET /admin/settings/fields): per part (records, types, sources) each field's name, type,
 * default, allowed choices and limits, as the API declares them. Forms draw their inputs from it. Fetched once.
 */
export function settingFields() {
  if (!fields) fields = get('/admin/settings/fields').catch((err) => { fields = null; throw err; });
  return fields;
}
