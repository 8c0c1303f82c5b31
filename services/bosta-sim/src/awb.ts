import type { SimDelivery } from './domain/delivery.js';

const escape = (s: string): string => s.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, '?');

function pageContent(d: SimDelivery): string {
  const lines = [
    `Bosta AWB  #${d.trackingNumber}`,
    `Ref: ${d.businessReference ?? '-'}   COD: ${d.cod} EGP`,
    `To: ${d.receiver.firstName} ${d.receiver.lastName}`,
    `City: ${(d.dropOffAddress ?? d.pickupAddress)?.city.name ?? '-'}`,
  ];
  const text = lines.map((l, i) => `BT /F1 14 Tf 40 ${780 - i * 24} Td (${escape(l)}) Tj ET`).join('\n');
  return text;
}

/**
 * A minimal valid PDF with one page per delivery (the AWB `mass-awb` returns base64-encoded).
 * Offsets in the xref table are computed, so PDF readers accept it.
 */
export function buildAwbPdf(deliveries: SimDelivery[]): Buffer {
  const objects: string[] = [];
  const pageIds: number[] = [];
  // 1 catalog, 2 pages, 3 font, then (page, content) pairs.
  deliveries.forEach((d, i) => {
    const pageId = 4 + i * 2;
    const content = pageContent(d);
    pageIds.push(pageId);
    objects[pageId] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageId + 1} 0 R >>`;
    objects[pageId + 1] = `<< /Length ${Buffer.byteLength(content)} >>\nstream\n${content}\nendstream`;
  });
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = Buffer.byteLength(pdf);
    pdf += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(pdf);
  pdf += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) pdf += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
