// Requests to the console: its own /api (JSON), and S3, admin and IAM relayed by it as the logged-in identity.

let csrf = null;

export function setSession(session) {
  csrf = session ? session.csrfToken : null;
}

/** A refusal from the console, S3, the admin API or IAM, with its code (AccessDenied, NoSuchBucket, ...). */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(code + ': ' + (message || 'request failed'));
    this.status = status;
    this.code = code;
  }
}

function headersFor(method, extra = {}) {
  const headers = { ...extra };
  if (method !== 'GET' && method !== 'HEAD' && csrf) headers['X-CSRF-Token'] = csrf;
  return headers;
}

export function send(method, url, { body, headers } = {}) {
  return fetch(url, { method, body, headers: headersFor(method, headers), credentials: 'same-origin' });
}

async function errorOf(response) {
  const text = await response.text();
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      const json = JSON.parse(text);
      return new ApiError(response.status, json.code, json.message);
    } catch (e) { /* not JSON after all: fall through to the status */ }
  }
  const doc = parseXml(text);
  const code = doc && doc.getElementsByTagName('Code')[0];
  const message = doc && doc.getElementsByTagName('Message')[0];
  return new ApiError(response.status, code ? code.textContent : 'HTTP' + response.status,
    message ? message.textContent : response.statusText);
}

export async function json(method, url, body) {
  const response = await send(method, url, {
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
  });
  if (!response.ok) throw await errorOf(response);
  return response.json();
}

export function parseXml(text) {
  if (!text) return null;
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  return doc.getElementsByTagName('parsererror').length ? null : doc;
}

/** A path segment list as S3 wants it: each piece percent-encoded, '/' kept. */
export function objectPath(bucket, key = '') {
  const base = '/' + encodeURIComponent(bucket);
  return key === '' ? base : base + '/' + key.split('/').map(encodeURIComponent).join('/');
}

/** An S3 request through the console; answers the parsed XML document (or null for an empty body). */
export async function s3(method, path, { query = {}, body, headers } = {}) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) params.append(k, v);
  const qs = params.toString().replace(/\+/g, '%20');
  const response = await send(method, '/s3' + path + (qs ? '?' + qs : ''), { body, headers });
  if (!response.ok) throw await errorOf(response);
  return { doc: parseXml(await response.text()), headers: response.headers };
}

/** An IAM Query action through the console; answers the parsed XML document. */
export async function iam(action, params = {}) {
  const form = new URLSearchParams({ Action: action, Version: '2010-05-08', ...params });
  const response = await send('POST', '/api/iam', {
    body: form.toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
  });
  if (!response.ok) throw await errorOf(response);
  return parseXml(await response.text());
}

/** The text of the first element named `tag` under `node`, or ''. */
export function text(node, tag) {
  const el = node.getElementsByTagName(tag)[0];
  return el ? el.textContent : '';
}

/** An upload of `blob` with progress (fetch cannot report upload progress; XMLHttpRequest can). */
export function put(url, blob, onProgress, headers = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    for (const [k, v] of Object.entries(headersFor('PUT', headers))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(xhr.getResponseHeader('ETag'));
      } else {
        const doc = parseXml(xhr.responseText);
        reject(new ApiError(xhr.status, doc ? text(doc, 'Code') : 'HTTP' + xhr.status,
          doc ? text(doc, 'Message') : xhr.statusText));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'NetworkError', 'the upload was cut off'));
    xhr.send(blob);
  });
}
