/** XML writing for the query and REST-XML protocols. */

/** How arrays are written: inside `<member>` items (query) or as repeated elements (S3's flattened lists). */
export type ListStyle = 'member' | 'flattened';

/** Escapes text for an XML element or attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[char]};`);
}

/** Writes `value` as the children of an element: objects as elements, arrays as lists, Dates in ISO 8601. */
export function xmlChildren(value: unknown, listStyle: ListStyle = 'member'): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (typeof value !== 'object') return escapeXml(String(value));
  if (Array.isArray(value)) return value.map((item) => xmlElement('member', item, listStyle)).join('');
  return Object.entries(value as Record<string, unknown>)
    .map(([name, child]) => {
      if (Array.isArray(child) && listStyle === 'flattened') return child.map((item) => xmlElement(name, item, listStyle)).join('');
      return xmlElement(name, child, listStyle);
    })
    .join('');
}

/** Writes one element; `undefined` values write nothing, as AWS omits absent members. */
export function xmlElement(name: string, value: unknown, listStyle: ListStyle = 'member'): string {
  if (value === undefined) return '';
  return `<${name}>${xmlChildren(value, listStyle)}</${name}>`;
}

/** The XML declaration AWS puts first. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
