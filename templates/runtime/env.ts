/** The server's environment as the runtime reads it: the only source of vendor credentials and settings. */
export type Env = Readonly<Record<string, string | undefined>>;
