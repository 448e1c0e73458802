import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { DOCX_FONTS } from './fonts';

/**
 * Final touches the `docx` library has no option for, made on the package itself:
 * - the font table names Noto Serif CJK SC as `w:altName` of 仿宋_GB2312 and 宋体, so a machine
 *   without the official fonts substitutes a CJK serif instead of a random face;
 * - the created/modified dates are the document's date (a re-render is comparable), and every
 *   zip entry carries that date too.
 */
export function finishDocx(bytes: Buffer, meta: { created: Date; author: string }): Buffer {
  const files = unzipSync(new Uint8Array(bytes));
  const fontTable = files['word/fontTable.xml'];
  if (fontTable) {
    files['word/fontTable.xml'] = strToU8(withFallbacks(strFromU8(fontTable)));
  }
  const core = files['docProps/core.xml'];
  if (core) {
    const when = meta.created.toISOString().replace(/\.\d{3}Z$/, 'Z');
    files['docProps/core.xml'] = strToU8(
      strFromU8(core)
        .replace(/(<dcterms:(created|modified)[^>]*>)[^<]*/g, `$1${when}`)
        .replace(/<cp:lastModifiedBy>[^<]*/, `<cp:lastModifiedBy>${escapeXml(meta.author)}`),
    );
  }
  return Buffer.from(zipSync(files, { mtime: meta.created, level: 6 }));
}

function fontEntry(name: string): string {
  return (
    `<w:font w:name="${name}"><w:altName w:val="${DOCX_FONTS.fallback}"/><w:charset w:val="86"/>` +
    `<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>`
  );
}

function withFallbacks(xml: string): string {
  const entries = [DOCX_FONTS.body, DOCX_FONTS.title].map(fontEntry).join('');
  // The library writes an empty, self-closing <w:fonts …/>; a filled one gets ours appended.
  return /<w:fonts\b[^>]*\/>/.test(xml)
    ? xml.replace(/<w:fonts\b([^>]*)\/>/, `<w:fonts$1>${entries}</w:fonts>`)
    : xml.replace('</w:fonts>', `${entries}</w:fonts>`);
}

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
