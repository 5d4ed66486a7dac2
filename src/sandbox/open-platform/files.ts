import type { MultipartFields } from '../multipart';
import type { PlatformState } from './state';
import { ok, randomHex, type Reply, type Req } from './support';

/** Uploads (files, images) and the message resource download (LARK.md §5.5). */

const FILE_TYPES = new Set(['opus', 'mp4', 'pdf', 'doc', 'xls', 'ppt', 'stream']);

export function createFilesArea(state: PlatformState) {
  const { files, images, resources } = state;

  function uploadFile(raw: MultipartFields): Reply {
    const fileType = raw.fields.file_type;
    const fileName = raw.fields.file_name;
    const file = raw.files.file;
    if (!fileType || !FILE_TYPES.has(fileType) || !fileName || !file) {
      return { status: 400, body: { code: 234001, msg: 'Invalid request param.' } };
    }
    if (file.bytes.length === 0) return { status: 400, body: { code: 234010, msg: 'File size cannot be 0.' } };
    if (file.bytes.length > 30 * 1024 * 1024) return { status: 400, body: { code: 234006, msg: 'The file size exceed the max value.' } };
    const fileKey = `file_v3_${randomHex(12)}`;
    files.push({ fileKey, fileName, fileType, bytes: file.bytes });
    return ok({ file_key: fileKey });
  }

  function uploadImage(raw: MultipartFields): Reply {
    const imageType = raw.fields.image_type;
    const image = raw.files.image;
    if ((imageType !== 'message' && imageType !== 'avatar') || !image) {
      return { status: 400, body: { code: 234001, msg: 'Invalid request param.' } };
    }
    if (image.bytes.length === 0) return { status: 400, body: { code: 234010, msg: 'File size cannot be 0.' } };
    if (image.bytes.length > 10 * 1024 * 1024) return { status: 400, body: { code: 234006, msg: 'The file size exceed the max value.' } };
    const imageKey = `img_v3_${randomHex(12)}`;
    images.push({ imageKey, imageType, bytes: image.bytes });
    return ok({ image_key: imageKey });
  }

  function downloadResource(req: Req, messageId: string, fileKey: string): Reply {
    const type = req.query.type;
    if (type !== 'file' && type !== 'image') return { status: 400, body: { code: 234001, msg: 'Invalid request param.' } };
    const resource = resources.get(`${messageId}/${fileKey}`) ?? uploadedResource(fileKey);
    if (!resource) return { status: 400, body: { code: 234003, msg: 'File not in msg.' } };
    return { binary: resource.bytes, fileName: resource.fileName };
  }

  function uploadedResource(key: string) {
    const file = files.find((f) => f.fileKey === key);
    if (file) return { bytes: file.bytes, fileName: file.fileName };
    const image = images.find((i) => i.imageKey === key);
    return image ? { bytes: image.bytes, fileName: `${key}.png` } : undefined;
  }

  return { uploadFile, uploadImage, downloadResource };
}
