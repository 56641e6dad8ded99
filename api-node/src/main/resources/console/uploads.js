// Uploads from the browser through the console to S3: one PUT up to the multipart threshold, above it a
// multipart upload in 8 MiB parts (the aws CLI's sizes); the browser streams each part from the file
// (Blob.slice), so neither it nor the server holds a whole file.
import { s3, put, objectPath, text } from './api.js';

export const MULTIPART_THRESHOLD = 8 * 1024 * 1024;
export const PART_SIZE = 8 * 1024 * 1024;

/** Uploads `file` as `key`; `onProgress(bytesSent)` is called as bytes go out. */
export async function upload(bucket, key, file, onProgress) {
  const url = '/s3' + objectPath(bucket, key);
  const type = { 'Content-Type': file.type || 'application/octet-stream' };
  if (file.size <= MULTIPART_THRESHOLD) {
    await put(url, file, onProgress, type);
    onProgress(file.size);
    return;
  }
  const created = await s3('POST', objectPath(bucket, key), { query: { uploads: '' }, headers: type });
  const uploadId = text(created.doc, 'UploadId');
  const etags = [];
  try {
    for (let part = 1, offset = 0; offset < file.size; part++, offset += PART_SIZE) {
      const blob = file.slice(offset, Math.min(file.size, offset + PART_SIZE));
      const partUrl = url + '?partNumber=' + part + '&uploadId=' + encodeURIComponent(uploadId);
      etags.push(await put(partUrl, blob, (sent) => onProgress(offset + sent)));
    }
    const xml = '<CompleteMultipartUpload>' + etags.map((etag, i) => '<Part><PartNumber>' + (i + 1)
      + '</PartNumber><ETag>' + etag.replace(/&/g, '&amp;').replace(/</g, '&lt;') + '</ETag></Part>').join('')
      + '</CompleteMultipartUpload>';
    await s3('POST', objectPath(bucket, key), { query: { uploadId }, body: xml,
      headers: { 'Content-Type': 'application/xml' } });
  } catch (e) {
    await s3('DELETE', objectPath(bucket, key), { query: { uploadId } }).catch(() => {});
    throw e;
  }
  onProgress(file.size);
}

/** The files of a drop: plain files, and the files inside dropped folders (keys keep their folder paths). */
export async function droppedFiles(dataTransfer) {
  const entries = [...dataTransfer.items].map((item) => item.webkitGetAsEntry && item.webkitGetAsEntry())
    .filter(Boolean);
  if (!entries.length) return [...dataTransfer.files].map((file) => ({ file, path: file.name }));
  const out = [];
  async function walk(entry, prefix) {
    if (entry.isFile) {
      const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
      out.push({ file, path: prefix + entry.name });
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      for (;;) {
        const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
        if (!batch.length) break;
        for (const child of batch) await walk(child, prefix + entry.name + '/');
      }
    }
  }
  for (const entry of entries) await walk(entry, '');
  return out;
}
