/** The little of pdfmake 0.3's server API that the renderer uses (the package ships no types). */
declare module 'pdfmake' {
  interface PdfFontFaces {
    normal: string | [string, string];
    bold?: string | [string, string];
    italics?: string | [string, string];
    bolditalics?: string | [string, string];
  }
  interface PdfOutput {
    getBuffer(): Promise<Buffer>;
  }
  interface PdfMake {
    virtualfs: {
      existsSync(name: string): boolean;
      writeFileSync(name: string, content: Buffer): void;
    };
    setFonts(fonts: Record<string, PdfFontFaces>): void;
    setUrlAccessPolicy(callback: (url: string) => boolean): void;
    setLocalAccessPolicy(callback: (path: string) => boolean): void;
    createPdf(docDefinition: Record<string, unknown>): PdfOutput;
  }
  const pdfmake: PdfMake;
  export default pdfmake;
}
