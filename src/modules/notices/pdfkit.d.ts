// The part of pdfkit's API the notices use (the package ships no type declarations).
declare module 'pdfkit' {
  import { Readable } from 'node:stream';

  interface TextOptions {
    width?: number;
    align?: 'left' | 'center' | 'right' | 'justify';
    indent?: number;
    lineGap?: number;
    paragraphGap?: number;
    characterSpacing?: number;
  }

  interface DocumentOptions {
    size?: string | [number, number];
    margins?: { top: number; bottom: number; left: number; right: number };
    info?: {
      Title?: string;
      Author?: string;
      Subject?: string;
      Creator?: string;
      Producer?: string;
      CreationDate?: Date;
      ModDate?: Date;
    };
    lang?: string;
    displayTitle?: boolean;
  }

  export default class PDFDocument extends Readable {
    constructor(options?: DocumentOptions);
    x: number;
    y: number;
    page: {
      width: number;
      height: number;
      margins: { top: number; bottom: number; left: number; right: number };
    };
    registerFont(name: string, src: string | Uint8Array): this;
    font(name: string | Uint8Array): this;
    fontSize(size: number): this;
    text(text: string, x?: number, y?: number, options?: TextOptions): this;
    text(text: string, options?: TextOptions): this;
    heightOfString(text: string, options?: TextOptions): number;
    moveDown(lines?: number): this;
    circle(x: number, y: number, radius: number): this;
    moveTo(x: number, y: number): this;
    lineTo(x: number, y: number): this;
    lineWidth(w: number): this;
    dash(length: number, options?: { space?: number }): this;
    undash(): this;
    stroke(color?: string): this;
    strokeColor(color: string): this;
    fillColor(color: string): this;
    addPage(): this;
    end(): void;
  }
}
