/** multipart/form-data as the Lark SDK sends uploads (form-data package). */
export interface MultipartFields {
  fields: Record<string, string>;
  files: Record<string, { fileName: string; contentType: string; bytes: Buffer }>;
}

export const emptyMultipart = (): MultipartFields => ({ fields: {}, files: {} });

export function isMultipart(contentType: string | undefined): boolean {
  return !!contentType && contentType.toLowerCase().startsWith('multipart/form-data');
}

/**
 * Byte-level multipart parser. `Request.formData()` is not usable here: the SDK (form-data) sends
 * Buffer parts without a filename, which the Fetch spec turns into UTF-8 strings, corrupting binaries.
 * A part counts as a file when it has a filename or its own Content-Type.
 */
export function parseMultipart(raw: Buffer, contentType: string): MultipartFields {
  const parsed = emptyMultipart();
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const delimiter = boundary ? `--${boundary[1] ?? boundary[2]}` : undefined;
  if (!delimiter) return parsed;
  const separator = Buffer.from(`\r\n${delimiter}`);
  // Prefixing CRLF lets the first delimiter match the same pattern as the others.
  const body = Buffer.concat([Buffer.from('\r\n'), raw]);
  let cursor = body.indexOf(separator);
  while (cursor !== -1) {
    const partStart = cursor + separator.length;
    if (body.subarray(partStart, partStart + 2).toString() === '--') break;
    const next = body.indexOf(separator, partStart);
    if (next === -1) break;
    const part = body.subarray(partStart + 2, next); // skip the CRLF after the delimiter
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1) addPart(parsed, part.subarray(0, headerEnd).toString('utf8'), part.subarray(headerEnd + 4));
    cursor = next;
  }
  return parsed;
}

function addPart(parsed: MultipartFields, rawHeaders: string, bytes: Buffer): void {
  const disposition = /^content-disposition:(.*)$/im.exec(rawHeaders)?.[1] ?? '';
  const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
  if (name === undefined) return;
  const fileName = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
  const partType = /^content-type:\s*(.*)$/im.exec(rawHeaders)?.[1]?.trim();
  if (fileName === undefined && partType === undefined) {
    parsed.fields[name] = bytes.toString('utf8');
  } else {
    parsed.files[name] = { fileName: fileName ?? '', contentType: partType ?? 'application/octet-stream', bytes: Buffer.from(bytes) };
  }
}

export function multipartSummary(parsed: MultipartFields): Record<string, unknown> {
  const summary: Record<string, unknown> = { ...parsed.fields };
  for (const [name, file] of Object.entries(parsed.files)) {
    summary[name] = { fileName: file.fileName, contentType: file.contentType, size: file.bytes.length };
  }
  return summary;
}
