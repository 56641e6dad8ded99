// Buckets: list, create and delete; browse a bucket by prefix (folders from the delimiter listing, pages of
// 100 keys); upload by drag and drop or file picker with per-file progress; download, delete, share.
import { s3, json, objectPath, text } from './api.js';
import { h, clear, announce, bytes, table } from './dom.js';
import { upload, droppedFiles } from './uploads.js';

const PAGE = 100;
let tokens = [];

export async function render(page, session, [bucket, prefix = '']) {
  if (bucket) return browse(page, bucket, prefix);
  return list(page);
}

async function list(page) {
  const input = h('input', { id: 'new-bucket', name: 'bucket', required: true, autocomplete: 'off' });
  const form = h('form', { id: 'create-bucket', onsubmit: async (e) => {
    e.preventDefault();
    try {
      await s3('PUT', objectPath(input.value.trim()));
      announce('Bucket ' + input.value.trim() + ' created');
      await rerender(page);
    } catch (err) {
      announce(err.message);
    }
  } }, h('label', { for: 'new-bucket', text: 'New bucket name' }), input,
  h('button', { type: 'submit', text: 'Create bucket' }));
  const listing = h('div', { id: 'bucket-list' });
  page.append(h('h2', { text: 'Buckets' }), form, listing);
  try {
    const { doc } = await s3('GET', '/');
    const names = [...doc.getElementsByTagName('Bucket')].map((b) => [text(b, 'Name'), text(b, 'CreationDate')]);
    listing.append(names.length ? table('Buckets', ['Name', 'Created', 'Actions'], names.map(([name, created]) => [
      h('a', { href: '#/buckets/' + encodeURIComponent(name), text: name }), created,
      h('button', { type: 'button', 'aria-label': 'Delete bucket ' + name, text: 'Delete', onclick: async () => {
        try {
          await s3('DELETE', objectPath(name));
          announce('Bucket ' + name + ' deleted');
          await rerender(page);
        } catch (err) {
          announce(err.message);
        }
      } })])) : h('p', { text: 'No buckets yet.' }));
  } catch (err) {
    listing.append(h('p', { class: 'error', text: err.message }));
  }
}

async function rerender(page) {
  clear(page);
  return list(page);
}

function folderHref(bucket, prefix) {
  return '#/buckets/' + encodeURIComponent(bucket) + (prefix ? '/' + encodeURIComponent(prefix) : '');
}

async function browse(page, bucket, prefix) {
  tokens = [];
  const crumbs = [h('a', { href: '#/buckets', text: 'Buckets' }), ' / ', h('a', { href: folderHref(bucket, ''), text: bucket })];
  let acc = '';
  for (const piece of prefix.split('/').filter(Boolean)) {
    acc += piece + '/';
    crumbs.push(' / ', h('a', { href: folderHref(bucket, acc), text: piece }));
  }
  const uploads = h('ul', { id: 'uploads', 'aria-label': 'Uploads' });
  const listing = h('div', { id: 'object-list' });
  const refresh = () => showListing(listing, bucket, prefix, tokens[tokens.length - 1]);
  page.append(h('h2', { text: 'Bucket ' + bucket }), h('nav', { 'aria-label': 'Folder path', class: 'crumbs' }, crumbs),
    uploadArea(bucket, prefix, uploads, refresh), uploads, listing);
  await refresh();
}

async function showListing(listing, bucket, prefix, token) {
  const refresh = () => showListing(listing, bucket, prefix, tokens[tokens.length - 1]);
  let doc;
  try {
    ({ doc } = await s3('GET', objectPath(bucket), { query: { 'list-type': '2', delimiter: '/', prefix,
      'max-keys': String(PAGE), 'continuation-token': token } }));
  } catch (err) {
    clear(listing).append(h('p', { class: 'error', text: err.message }));
    return;
  }
  const rows = [];
  for (const cp of doc.getElementsByTagName('CommonPrefixes')) {
    const p = text(cp, 'Prefix');
    rows.push([h('a', { href: folderHref(bucket, p), text: p.slice(prefix.length) }), 'folder', '', '']);
  }
  for (const c of doc.getElementsByTagName('Contents')) {
    const key = text(c, 'Key');
    rows.push([key.slice(prefix.length), bytes(Number(text(c, 'Size'))), text(c, 'LastModified'),
      objectActions(bucket, key, refresh)]);
  }
  clear(listing).append(rows.length ? table('Objects in ' + bucket + '/' + prefix, ['Name', 'Size', 'Modified', 'Actions'], rows)
    : h('p', { text: 'Nothing here yet.' }));
  const pager = h('div', { class: 'buttons' });
  if (tokens.length) {
    pager.append(h('button', { type: 'button', id: 'previous-page', text: 'Previous page', onclick: () => {
      tokens.pop();
      refresh();
    } }));
  }
  if (text(doc, 'IsTruncated') === 'true') {
    const next = text(doc, 'NextContinuationToken');
    pager.append(h('button', { type: 'button', id: 'next-page', text: 'Next page', onclick: () => {
      tokens.push(next);
      refresh();
    } }));
  }
  listing.append(pager);
}

function objectActions(bucket, key, refresh) {
  const name = key.split('/').pop();
  const href = '/s3' + objectPath(bucket, key) + '?response-content-disposition='
    + encodeURIComponent('attachment; filename="' + name.replace(/["\\]/g, '_') + '"');
  const share = h('div', { class: 'share' });
  const details = h('div', { class: 'details' });
  return h('div', { class: 'actions' },
    h('a', { href, download: name, 'aria-label': 'Download ' + key, text: 'Download' }),
    h('button', { type: 'button', 'aria-label': 'Details of ' + key, text: 'Details',
      onclick: () => showDetails(details, bucket, key, refresh) }),
    h('button', { type: 'button', 'aria-label': 'Share ' + key, text: 'Share', onclick: () => shareForm(share, bucket, key) }),
    h('button', { type: 'button', 'aria-label': 'Delete ' + key, text: 'Delete', onclick: async () => {
      try {
        await s3('DELETE', objectPath(bucket, key));
        announce(key + ' deleted');
        await refresh();
      } catch (err) {
        announce(err.message);
      }
    } }),
    share, details);
}

// An object's metadata (HEAD), lock state, tags, ACL grants and every version of its key, each version
// downloadable and deletable (a locked one is refused by the server, which says why).
async function showDetails(container, bucket, key, refresh) {
  clear(container);
  try {
    const { headers } = await s3('HEAD', objectPath(bucket, key));
    const meta = [['Content-Type', headers.get('Content-Type') || ''], ['ETag', headers.get('ETag') || ''],
      ['Size', headers.get('Content-Length') || ''], ['Version', headers.get('x-amz-version-id') || 'null']];
    for (const [name, value] of headers) {
      if (name.startsWith('x-amz-meta-') || name.startsWith('x-amz-object-lock-') || name === 'x-amz-expiration') {
        meta.push([name, value]);
      }
    }
    container.append(table('Metadata of ' + key, ['Field', 'Value'], meta));
    const { doc: tagging } = await s3('GET', objectPath(bucket, key), { query: { tagging: '' } });
    const tags = [...tagging.getElementsByTagName('Tag')].map((t) => [text(t, 'Key'), text(t, 'Value')]);
    container.append(tags.length ? table('Tags of ' + key, ['Key', 'Value'], tags) : h('p', { text: 'No tags.' }));
    const { doc: acl } = await s3('GET', objectPath(bucket, key), { query: { acl: '' } });
    container.append(table('Access of ' + key, ['Grantee', 'Permission'], [...acl.getElementsByTagName('Grant')]
      .map((g) => [text(g, 'DisplayName') || text(g, 'ID') || text(g, 'URI'), text(g, 'Permission')])));
    const { doc: listed } = await s3('GET', objectPath(bucket), { query: { versions: '', prefix: key } });
    const rows = [];
    for (const v of [...listed.getElementsByTagName('Version'), ...listed.getElementsByTagName('DeleteMarker')]) {
      if (text(v, 'Key') !== key) continue;
      const id = text(v, 'VersionId');
      const marker = v.tagName === 'DeleteMarker';
      const link = marker ? 'delete marker' : h('a', { href: '/s3' + objectPath(bucket, key) + '?versionId='
        + encodeURIComponent(id), 'aria-label': 'Download version ' + id + ' of ' + key, text: 'Download' });
      rows.push([id, text(v, 'LastModified'), text(v, 'IsLatest') === 'true' ? 'latest' : '', marker ? '' : bytes(
        Number(text(v, 'Size'))), link, h('button', { type: 'button', 'aria-label': 'Delete version ' + id + ' of '
        + key, text: 'Delete version', onclick: async () => {
        try {
          await s3('DELETE', objectPath(bucket, key), { query: { versionId: id } });
          announce('Version ' + id + ' of ' + key + ' deleted');
          await refresh();
        } catch (err) {
          announce(err.message);
        }
      } })]);
    }
    container.append(table('Versions of ' + key, ['Version', 'Modified', 'Latest', 'Size', 'Download', 'Delete'],
      rows));
  } catch (err) {
    container.append(h('p', { class: 'error', text: err.message }));
  }
}

function shareForm(container, bucket, key) {
  clear(container);
  const id = 'share-' + Math.random().toString(36).slice(2);
  const expiry = h('select', { id: id + '-expiry' },
    [['3600', '1 hour'], ['86400', '1 day'], ['604800', '7 days']].map(([v, t]) => h('option', { value: v, text: t })));
  const out = h('input', { id: id + '-url', readonly: true, class: 'share-url' });
  container.append(h('label', { for: id + '-expiry', text: 'Link valid for' }), expiry,
    h('button', { type: 'button', text: 'Create link', onclick: async () => {
      try {
        const link = await json('GET', '/api/presign?bucket=' + encodeURIComponent(bucket) + '&key='
          + encodeURIComponent(key) + '&expires=' + expiry.value);
        out.value = link.url;
        out.select();
        announce('Share link created');
      } catch (err) {
        announce(err.message);
      }
    } }),
    h('label', { for: id + '-url', text: 'Share link' }), out);
}

function uploadArea(bucket, prefix, list, refresh) {
  const start = async (items) => {
    await Promise.all(items.map(({ file, path }) => uploadOne(bucket, prefix + path, file, list)));
    await refresh();
  };
  const files = h('input', { type: 'file', id: 'upload-files', multiple: true, onchange: (e) =>
    start([...e.target.files].map((file) => ({ file, path: file.name }))) });
  const folder = h('input', { type: 'file', id: 'upload-folder', webkitdirectory: true, onchange: (e) =>
    start([...e.target.files].map((file) => ({ file, path: file.webkitRelativePath || file.name }))) });
  const zone = h('div', { class: 'dropzone', id: 'dropzone' },
    h('p', { text: 'Drop files or folders here to upload them to ' + bucket + '/' + prefix }),
    h('label', { for: 'upload-files', text: 'Choose files' }), files,
    h('label', { for: 'upload-folder', text: 'Choose a folder' }), folder);
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', async (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    start(await droppedFiles(e.dataTransfer));
  });
  return zone;
}

async function uploadOne(bucket, key, file, list) {
  const id = 'upload-' + list.children.length;
  const bar = h('progress', { id, max: String(Math.max(1, file.size)), value: '0' });
  const state = h('span', { class: 'state', id: id + '-state', text: 'uploading' });
  list.append(h('li', { class: 'upload', 'data-key': key }, h('label', { for: id, text: key + ' (' + bytes(file.size) + ')' }),
    bar, state));
  try {
    await upload(bucket, key, file, (sent) => {
      bar.value = sent;
      state.textContent = Math.floor((sent * 100) / Math.max(1, file.size)) + '%';
    });
    state.textContent = 'done';
    announce('Uploaded ' + key);
  } catch (err) {
    state.textContent = 'failed: ' + err.message;
    state.classList.add('error');
    announce('Upload of ' + key + ' failed: ' + err.message);
  }
}
