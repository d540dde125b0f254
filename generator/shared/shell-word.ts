/**
 * One argument as a POSIX shell reads it back unchanged: plain when it holds only characters no
 * shell treats specially, else single-quoted (a quote inside becomes '\''). The regenerate line in
 * every file header is copied into terminals, so `--spec "my specs/api.yaml"` must stay one argument.
 * The README's `--tags` example is one too: a tag is document text. Control characters never get
 * here: the CLI refuses them in paths (pathProblem), and a tag holding one is never shown (tagProblem).
 */
export function shellWord(text: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}
