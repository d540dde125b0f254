/** Plain-text layout for the transcript: labelled lines, wrapping, tables, optional colour. */

export type Paint = { readonly ok: (s: string) => string; readonly bad: (s: string) => string; readonly dim: (s: string) => string; readonly bold: (s: string) => string };

export function paint(color: boolean): Paint {
  const code = (open: number, close: number) => (s: string) => (color ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  return { ok: code(32, 39), bad: code(31, 39), dim: code(2, 22), bold: code(1, 22) };
}

export const WIDTH = 100;
const INDENT = 6;
const LABEL = 8;

/** Breaks after a space or a comma (JSON reads well split there) so no line passes `width`; a longer run is cut. */
export function wrap(input: { readonly text: string; readonly width: number }): string[] {
  const lines: string[] = [];
  let line = '';
  for (const piece of input.text.split(/(?<=[ ,])/)) {
    if (line !== '' && (line + piece).trimEnd().length > input.width) {
      lines.push(line.trimEnd());
      line = '';
    }
    line += piece;
    while (line.trimEnd().length > input.width) {
      lines.push(line.slice(0, input.width));
      line = line.slice(input.width);
    }
  }
  return [...lines, line.trimEnd()];
}

/** `      label   text`, wrapped under its own column; `hang` indents the wrapped lines further. */
export function labelled(input: { readonly label: string; readonly text: string; readonly paint: Paint; readonly hang?: number }): string[] {
  const pad = ' '.repeat(INDENT + LABEL);
  const hang = ' '.repeat(input.hang ?? 0);
  return wrap({ text: input.text, width: WIDTH - pad.length - hang.length }).map((line, index) =>
    index === 0 ? `${' '.repeat(INDENT)}${input.paint.dim(input.label.padEnd(LABEL))}${line}` : `${pad}${hang}${line}`,
  );
}

/** Continuation lines under a label (a request body, a note). */
export function continued(text: string): string[] {
  const pad = ' '.repeat(INDENT + LABEL);
  return wrap({ text, width: WIDTH - pad.length }).map((line) => `${pad}${line}`);
}

export function table(rows: readonly (readonly string[])[]): string[] {
  const widths = (rows[0] ?? []).map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const pad = ' '.repeat(INDENT + LABEL);
  return rows.map((row) => `${pad}${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ')}`.trimEnd());
}

export function shorten(input: { readonly text: string; readonly max: number }): string {
  return input.text.length <= input.max ? input.text : `${input.text.slice(0, input.max - 1)}…`;
}
