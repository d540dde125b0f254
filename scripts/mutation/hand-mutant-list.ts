/**
 * The hand mutants of `npm run mutation:hand`: small, realistic bugs an adversarial reviewer would
 * try in the runtime, one exact text replacement each (the text must occur once in its file).
 * `tests` overrides the area's test files; `equivalent` (a reason) marks a mutant no test can tell
 * apart, which is then not run.
 */
export type MutantArea = 'paging' | 'guards' | 'redaction' | 'auth' | 'origin' | 'path';

export type HandMutant = {
  readonly id: string;
  readonly area: MutantArea;
  /** Under templates/runtime/. */
  readonly file: string;
  readonly find: string;
  readonly replace: string;
  readonly description: string;
  readonly tests?: readonly string[];
  readonly equivalent?: string;
};

const runtime = (...names: readonly string[]) => names.map((name) => `test/runtime/${name}.test.ts`);

/**
 * Each area's tests: the runtime unit tests of its files and of the call path through them (they
 * import templates/runtime directly, so no package build is needed); the e2e and fuzz tests run the
 * same code through the generated packages and would only be slower at telling a mutant apart.
 */
export const AREA_TESTS: Readonly<Record<MutantArea, readonly string[]>> = {
  paging: runtime('paginate', 'paginate-boundaries', 'paginate-loops', 'paging-cursor', 'tool-result', 'call-tool-flow', 'call-tool', 'preflight-read'),
  guards: runtime('safeguards', 'guarded-write', 'preflight-read', 'call-tool', 'call-tool-flow', 'person-confirmation', 'person-and-icons', 'confirmation-question', 'invocation-limit', 'response-limit', 'create-server', 'vendor-fetch', 'main-serve', 'serve-http'),
  redaction: runtime('redaction', 'result-redaction', 'logger', 'vendor-response', 'vendor-credentials', 'vendor-send', 'call-tool', 'call-tool-flow', 'vendor-fetch', 'serve-http', 'serve-http-failures', 'oauth-client-credentials', 'error-envelope'),
  auth: runtime('bearer-auth', 'access-token', 'jwt-verify', 'oauth-resource', 'tool-scope', 'auth-challenge', 'token-command', 'serve-http', 'serve-http-oauth', 'serve-http-wire', 'main', 'main-serve'),
  origin: runtime('http-guards', 'public-origin', 'serve-http', 'serve-http-proxy', 'serve-http-oauth', 'serve-http-wire', 'serve-http-failures'),
  path: runtime('http-request', 'query-string', 'call-tool', 'call-tool-flow', 'preflight-read', 'guarded-write', 'vendor-fetch'),
};

const PAGING: readonly HandMutant[] = [
  { id: 'paging-offset-end', area: 'paging', file: 'templates/runtime/paginate.ts', find: 'offset >= total))) return END;', replace: 'offset > total))) return END;', description: 'offset style: the total ends the listing only past it, not at an exact multiple' },
  { id: 'paging-offset-short', area: 'paging', file: 'templates/runtime/paginate.ts', find: 'list.length < request.limit : list.length === 0', replace: 'list.length <= request.limit : list.length === 0', description: 'offset style: a full page is taken for the last one' },
  { id: 'paging-offset-cut', area: 'paging', file: 'templates/runtime/paginate.ts', find: 'if (kept === served.length && (short', replace: 'if ((short', description: 'offset style: a short page cut to fit the size cap ends the listing, losing its withheld items' },
  { id: 'paging-offset-advance', area: 'paging', file: 'templates/runtime/paginate.ts', find: 'const offset = (request.position.offset ?? 0) + kept;', replace: 'const offset = (request.position.offset ?? 0) + served.length;', description: 'offset style: the next offset skips items that did not fit' },
  { id: 'paging-offset-start', area: 'paging', file: 'templates/runtime/paginate.ts', find: 'set(paging.offsetArg, position.offset ?? 0);', replace: 'set(paging.offsetArg, position.offset ?? 1);', description: 'offset style: the first page starts at offset 1' },
  { id: 'paging-page-seen', area: 'paging', file: 'templates/runtime/paginate.ts', find: 'const pagesSeen = page - firstPage + 1;', replace: 'const pagesSeen = page - firstPage;', description: 'page style: pages seen counted one short, so an exact multiple asks one page too many' },
  { id: 'paging-page-end', area: 'paging', file: 'templates/runtime/paginate.ts', find: 'pagesSeen * size >= total)) return END;', replace: 'pagesSeen * size > total)) return END;', description: 'page style: the total ends the listing only past it' },
  { id: 'paging-page-short', area: 'paging', file: 'templates/runtime/paginate.ts', find: 'if (list.length < size ||', replace: 'if (list.length <= size ||', description: 'page style: a full page is taken for the last one' },
  { id: 'paging-page-inside', area: 'paging', file: 'templates/runtime/paginate.ts', find: 'if (consumed < list.length) return { next: { page, size, skip: consumed } };', replace: 'if (consumed <= list.length) return { next: { page, size, skip: consumed } };', description: 'page style: a fully served page is continued inside itself' },
  { id: 'paging-page-first', area: 'paging', file: 'templates/runtime/paginate.ts', find: 'set(paging.pageArg, position.page ?? paging.firstPage ?? 1);', replace: 'set(paging.pageArg, position.page ?? 1);', description: 'page style: a vendor counting pages from 0 is asked for page 1 first' },
  { id: 'paging-slice-skip', area: 'paging', file: 'templates/runtime/paginate.ts', find: "list.slice(skip, skip + (paging.style === 'page'", replace: "list.slice(skip, (paging.style === 'page'", description: 'a page continued inside itself serves `limit` items counted from 0, not from the skip' },
  { id: 'paging-token-empty', area: 'paging', file: 'templates/runtime/paginate.ts', find: 'const token = list.length === 0 ? undefined : scalarText(', replace: 'const token = scalarText(', description: 'cursor style: an empty page with a next token keeps paging' },
  { id: 'paging-token-stuck', area: 'paging', file: 'templates/runtime/paginate.ts', find: 'return token === after ? { ended: NO_PROGRESS } : { next: { after: token } };', replace: 'return { next: { after: token } };', description: 'cursor style: a next token equal to the current one loops forever' },
  { id: 'paging-bookmark-full', area: 'paging', file: 'templates/runtime/paginate.ts', find: 'list.length >= request.limit;', replace: 'list.length > request.limit;', description: 'bookmark style: a page of exactly `limit` items is taken for the last' },
  { id: 'paging-bookmark-stuck', area: 'paging', file: 'templates/runtime/paginate.ts', find: 'if (after === request.position.after) return { ended: NO_PROGRESS };', replace: '', description: 'bookmark style: a last id equal to the current bookmark loops forever' },
  { id: 'paging-repeat', area: 'paging', file: 'templates/runtime/paginate.ts', find: 'position.skip === undefined && list.length > 0 && pageFingerprint(list) === position.seen', replace: 'position.skip === undefined && list.length > 0 && pageFingerprint(list) === position.after', description: 'the vendor sending the same page again is never recognised' },
  { id: 'paging-single-truncated', area: 'paging', file: 'templates/runtime/paginate.ts', find: 'withTotal.total > kept)', replace: 'withTotal.total >= kept)', description: 'single page: a complete list whose total equals its items is flagged truncated' },
  { id: 'paging-cursor-query', area: 'paging', file: 'templates/runtime/paging-cursor.ts', find: "if (envelope['query'] !== input.query) {", replace: 'if (false) {', description: 'a cursor issued for other filters is accepted' },
  { id: 'paging-cursor-tool', area: 'paging', file: 'templates/runtime/paging-cursor.ts', find: "if (envelope['tool'] !== input.tool) return", replace: 'if (false) return', description: "another tool's cursor is accepted" },
  { id: 'paging-cursor-segments', area: 'paging', file: 'templates/runtime/paging-cursor.ts', find: 'rest.length > 0) return undefined;', replace: 'rest.length > 1) return undefined;', description: 'a cursor with an extra dot segment after the signature is accepted' },
  { id: 'paging-cursor-negative', area: 'paging', file: 'templates/runtime/paging-cursor.ts', find: '(value[key] as number) >= 0)', replace: '(value[key] as number) >= -1)', description: 'a signed cursor holding a negative offset is accepted' },
];

const GUARDS: readonly HandMutant[] = [
  { id: 'guard-confirm-extra', area: 'guards', file: 'templates/runtime/safeguards.ts', find: 'if (confirmed.size === droppedKeys.size && [...droppedKeys]', replace: 'if ([...droppedKeys]', description: 'a confirmation listing more than the entries dropped is accepted' },
  { id: 'guard-confirm-some', area: 'guards', file: 'templates/runtime/safeguards.ts', find: '[...droppedKeys].every((k) => confirmed.has(k))', replace: '[...droppedKeys].some((k) => confirmed.has(k))', description: 'confirming one dropped entry confirms them all (some vs every)' },
  { id: 'guard-case', area: 'guards', file: 'templates/runtime/safeguards.ts', find: "typeof value === 'string' ? value.toLowerCase() : (value ?? null)", replace: "typeof value === 'string' ? value : (value ?? null)", description: 'case-insensitive identities compared exactly: an upper-case UUID counts as dropping the entry' },
  { id: 'guard-disjoint-case', area: 'guards', file: 'templates/runtime/safeguards.ts', find: 'const key = (value: unknown) => JSON.stringify(comparable({ value, comparison: guard.compare }));', replace: 'const key = (value: unknown) => JSON.stringify(value);', description: 'disjoint guard ignores its case-insensitive comparison' },
  { id: 'guard-must-exist', area: 'guards', file: 'templates/runtime/safeguards.ts', find: 'if (guard.mustExist) {', replace: 'if (guard.mustExist === false) {', description: 'mustExist guard lets unknown entries through' },
  { id: 'guard-after-lost', area: 'guards', file: 'templates/runtime/safeguards.ts', find: 'lost: input.intended.filter((element) => !now.has(key(element))).map(describe),', replace: 'lost: [],', description: 'the read-back after a write never reports entries lost' },
  { id: 'guard-missing-list', area: 'guards', file: 'templates/runtime/guarded-write.ts', find: 'if (Array.isArray(current)) return { current };', replace: 'if (Array.isArray(current) || current === undefined) return { current: (current ?? []) as unknown[] };', description: 'preflight read fails open: a missing list is taken as empty' },
  { id: 'guard-status', area: 'guards', file: 'templates/runtime/guarded-write.ts', find: 'if (response.status < 200 || response.status >= 300) return { error:', replace: 'if (response.status >= 500) return { error:', description: 'preflight read fails open on a 4xx answer that carries a list' },
  { id: 'guard-unknown-open', area: 'guards', file: 'templates/runtime/guarded-write.ts', find: 'if (!check.ok) return { refusal:', replace: 'if (!check.ok && check.dropped.length > 0) return { refusal:', description: 'a mustExist refusal (nothing dropped) is let through' },
  { id: 'guard-malformed', area: 'guards', file: 'templates/runtime/guarded-write.ts', find: "    return { error: say.failed('the vendor answered with malformed JSON') };", replace: '    current = [];', description: 'an unreadable preflight body counts as an empty list' },
  { id: 'guard-carry-dry', area: 'guards', file: 'templates/runtime/call-tool.ts', find: "return tool.dryRun && first.args['dry_run'] === true ? dryRunResult({ request: first.request, config, refusal: carried.refusal }) : carried.refusal;", replace: 'return carried.refusal;', description: 'a dry run whose carry-over read fails is not reported as a dry run' },
  { id: 'guard-dry-sends', area: 'guards', file: 'templates/runtime/call-tool.ts', find: "if (tool.dryRun && args['dry_run'] === true) return dryRunResult(", replace: "if (tool.dryRun && args['dry_run'] === 'true') return dryRunResult(", description: 'dry_run: true still sends the write' },
  { id: 'guard-dry-refusal', area: 'guards', file: 'templates/runtime/call-tool.ts', find: "...('refusal' in guarded ? { refusal: guarded.refusal } : {})", replace: '', description: 'a dry run the guards would refuse says the guards passed' },
  { id: 'guard-ask-dry', area: 'guards', file: 'templates/runtime/person-confirmation.ts', find: "if (!tool.annotations.destructiveHint || (tool.dryRun && input.args['dry_run'] === true)) return false;", replace: 'if (!tool.annotations.destructiveHint || tool.dryRun) return false;', description: 'a destructive tool that offers dry_run is never confirmed, even for a real call' },
  { id: 'guard-cancel-accepts', area: 'guards', file: 'templates/runtime/person-confirmation.ts', find: "if (answer !== undefined && answer.action !== 'accept') return declined", replace: "if (answer !== undefined && answer.action === 'decline') return declined", description: 'a cancelled confirmation counts as accepted' },
  { id: 'guard-answer-other-args', area: 'guards', file: 'templates/runtime/person-confirmation.ts', find: 'if (state.args !== input.digest) return undefined;', replace: '', description: "an answer given for other arguments confirms this call" },
  { id: 'guard-model-confirms', area: 'guards', file: 'templates/runtime/person-confirmation.ts', find: '.filter(([arg]) => !confirmArgs.has(arg))', replace: '.filter(() => true)', description: "the model's own confirm_removed_* values confirm on the person's behalf" },
  { id: 'guard-limit-edge', area: 'guards', file: 'templates/runtime/invocation-limit.ts', find: 'if (recent.length >= input.perMinute) {', replace: 'if (recent.length > input.perMinute) {', description: 'the invocation limit admits one call more than allowed' },
  { id: 'guard-limit-window', area: 'guards', file: 'templates/runtime/invocation-limit.ts', find: 'filter((at) => at > now - WINDOW_MS)', replace: 'filter((at) => at > now - WINDOW_MS / 60)', description: 'the sliding window is one second, not one minute' },
  { id: 'guard-limit-readonly', area: 'guards', file: 'templates/runtime/create-server.ts', find: 'readOnly: tool.annotations.readOnlyHint === true', replace: 'readOnly: true', description: 'every call is reported to the limiter as a read, so open-for-reads admits writes while the store is down' },
  { id: 'guard-store-down-open', area: 'guards', file: 'templates/runtime/shared-invocation-limit.ts', find: "(input.onStoreError === 'open-for-reads' && readOnly)", replace: "(input.onStoreError === 'open-for-reads' || readOnly)", description: 'a store outage under the closed policy still admits reads', tests: runtime('shared-invocation-limit') },
  { id: 'guard-response-limit', area: 'guards', file: 'templates/runtime/response-limit.ts', find: 'if (total > input.limitBytes) {', replace: 'if (total > input.limitBytes + 1024) {', description: 'the vendor response limit lets 1 KiB more through' },
  { id: 'guard-body-limit', area: 'guards', file: 'templates/runtime/serve-http.ts', find: 'if (size > input.limit) throw new BodyTooLarge();', replace: 'if (size > input.limit * 2) throw new BodyTooLarge();', description: 'a chunked request body (no Content-Length) may be twice the limit' },
];

const REDACTION: readonly HandMutant[] = [
  { id: 'redact-keys', area: 'redaction', file: 'templates/runtime/redaction.ts', find: '[redact({ text: key, secrets }), redactAny({ value: inner, secrets })]', replace: '[key, redactAny({ value: inner, secrets })]', description: 'a secret used as an object key is not redacted' },
  { id: 'redact-arrays', area: 'redaction', file: 'templates/runtime/redaction.ts', find: 'if (Array.isArray(value)) return value.map((inner) => redactAny({ value: inner, secrets }));', replace: 'if (Array.isArray(value)) return value;', description: 'secrets inside arrays are not redacted' },
  { id: 'redact-first-only', area: 'redaction', file: 'templates/runtime/redaction.ts', find: "text = text.split(secret).join('[redacted]');", replace: "text = text.replace(secret, '[redacted]');", description: 'only the first occurrence of a secret is redacted' },
  { id: 'redact-short-secret', area: 'redaction', file: 'templates/runtime/redaction.ts', find: 'if (secret.length >= 4)', replace: 'if (secret.length > 4)', description: 'a four-character secret is not redacted' },
  { id: 'redact-bearer-length', area: 'redaction', file: 'templates/runtime/redaction.ts', find: 'token.length >= 16 ||', replace: 'token.length > 16 ||', description: 'a 16-letter bearer token is not redacted' },
  { id: 'redact-bearer-case', area: 'redaction', file: 'templates/runtime/redaction.ts', find: '([A-Za-z0-9._~+/=-]+)/gi,', replace: '([A-Za-z0-9._~+/=-]+)/g,', description: 'a lower-case `bearer` token is not redacted' },
  { id: 'redact-cut-first', area: 'redaction', file: 'templates/runtime/vendor-response.ts', find: 'const message = redact({ text: sanitizeText(said), secrets }).slice(0, 1000);', replace: 'const message = redact({ text: sanitizeText(said).slice(0, 1000), secrets });', description: 'a vendor error message is cut before it is redacted, so half a secret at the cut leaks' },
  { id: 'redact-parse', area: 'redaction', file: 'templates/runtime/vendor-response.ts', find: 'return { value: redactValue({ value: sanitizeValue(JSON.parse(response.text) as unknown), secrets: input.secrets }) };', replace: 'return { value: sanitizeValue(JSON.parse(response.text) as unknown) };', description: 'a vendor body is cut to size before it is redacted' },
  { id: 'redact-basic-encoded', area: 'redaction', file: 'templates/runtime/vendor-credentials.ts', find: 'secrets: [secret, encoded] };', replace: 'secrets: [secret] };', description: 'the base64 form of a Basic credential is not redacted' },
  { id: 'redact-query-encoded', area: 'redaction', file: 'templates/runtime/vendor-credentials.ts', find: 'secrets: [secret, encodeURIComponent(secret)] }', replace: 'secrets: [secret] }', description: 'the percent-encoded form of a query API key is not redacted' },
  { id: 'redact-url-token-log', area: 'redaction', file: 'templates/runtime/serve-http.ts', find: 'secrets: [route.pathToken!] })', replace: 'secrets: [] })', description: 'a URL token reaches the log', equivalent: "the only event logged through this per-request logger is `unauthorized` with a refusal reason, and no refusal reason quotes the token: each is fixed text or names claims from inside it (its name, aud, iss, exp); the wrapper guards fields a later event might add" },
  { id: 'redact-error-log', area: 'redaction', file: 'templates/runtime/serve-http.ts', find: ".replace(/eyJ[\\w-]*\\.[\\w-]*\\.[\\w-]*/g, '[redacted]')", replace: '', description: 'an internal error quoting a URL token logs it' },
  { id: 'redact-logger', area: 'redaction', file: 'templates/runtime/logger.ts', find: 'write(`${redact({ text: line, secrets: input.secrets })}\\n`);', replace: 'write(`${line}\\n`);', description: 'log lines are not redacted' },
  { id: 'redact-token-error', area: 'redaction', file: 'templates/runtime/vendor-send.ts', find: 'return failureResult(redact({ text: error.message, secrets: config.credentials.secrets }));', replace: 'return failureResult(error.message);', description: "a token endpoint's error is shown unredacted" },
];

const AUTH: readonly HandMutant[] = [
  { id: 'auth-static-prefix', area: 'auth', file: 'templates/runtime/access-token.ts', find: 'if (timingSafeEqual(digest(token), given) && found === undefined)', replace: 'if ((timingSafeEqual(digest(token), given) || input.token.startsWith(token)) && found === undefined)', description: 'a static token with extra characters after a valid one is accepted' },
  { id: 'auth-lifetime-edge', area: 'auth', file: 'templates/runtime/access-token.ts', find: 'if (claims.exp - claims.iat > maxDays * 86_400)', replace: 'if (claims.exp - claims.iat > (maxDays + 1) * 86_400)', description: 'a token a day longer than the maximum lifetime is accepted' },
  { id: 'auth-no-exp', area: 'auth', file: 'templates/runtime/jwt-verify.ts', find: "requiredClaims: ['exp', 'iat']", replace: "requiredClaims: ['iat']", description: 'a token without an expiry is accepted' },
  { id: 'auth-clock', area: 'auth', file: 'templates/runtime/jwt-verify.ts', find: 'currentDate: new Date(input.now), ', replace: '', description: 'expiry is checked against the wall clock, not the request time' },
  { id: 'auth-audience', area: 'auth', file: 'templates/runtime/jwt-verify.ts', find: 'audience: input.expect.audience, algorithms', replace: 'algorithms', description: 'a token for another audience (resource) is accepted' },
  { id: 'auth-issuer', area: 'auth', file: 'templates/runtime/jwt-verify.ts', find: 'const options = { issuer: input.expect.issuer, audience', replace: 'const options = { audience', description: 'a token from another issuer is accepted' },
  { id: 'auth-iat-units', area: 'auth', file: 'templates/runtime/jwt-verify.ts', find: 'Number(payload.iat) > input.now / 1000 + CLOCK_SKEW_SECONDS', replace: 'Number(payload.iat) > input.now + CLOCK_SKEW_SECONDS', description: 'a token issued in the future is accepted (ms against s)' },
  { id: 'auth-scope-vendor', area: 'auth', file: 'templates/runtime/oauth-resource.ts', find: 'granted.includes(`${input.slug}:${methodClass}`)', replace: 'granted.some((g) => g.endsWith(`:${methodClass}`))', description: "another vendor's scope (edesk:write) grants this server's class" },
  { id: 'auth-scope-substring', area: 'auth', file: 'templates/runtime/oauth-resource.ts', find: "const granted = typeof raw === 'string' ? raw.split(' ')", replace: "const granted = typeof raw === 'string' ? [raw]", description: 'a space-separated scope string is read as one scope' },
  { id: 'auth-http-issuer', area: 'auth', file: 'templates/runtime/oauth-resource.ts', find: "!(url.protocol === 'http:' && loopback)", replace: "!(url.protocol === 'http:')", description: 'an http issuer on a non-loopback host is accepted' },
  { id: 'auth-issuer-mixup', area: 'auth', file: 'templates/runtime/oauth-resource.ts', find: "if (metadata['issuer'] !== input.issuer) throw", replace: 'if (false) throw', description: 'authorization server metadata naming another issuer is used (mix-up)' },
  { id: 'auth-hs-alg', area: 'auth', file: 'templates/runtime/oauth-resource.ts', find: "export const OAUTH_ALGORITHMS = ['RS256',", replace: "export const OAUTH_ALGORITHMS = ['HS256', 'RS256',", description: 'OAuth accepts a symmetric HS256 token' },
  { id: 'auth-no-scope-403', area: 'auth', file: 'templates/runtime/bearer-auth.ts', find: 'if (scope === undefined) return {', replace: 'if (scope === undefined) return { principal: { id: `oauth:${String(outcome.payload.sub)}`, name: String(outcome.payload.sub), scope: {} } }; if (false) return {', description: "a token with none of this server's scopes gets every tool" },
  { id: 'auth-url-layer', area: 'auth', file: 'templates/runtime/bearer-auth.ts', find: "if (settings.mode === 'bearer' && settings.requireApiTokenAuth) return", replace: 'if (false) return', description: 'with --require-api-token-auth, a header token alone (no URL token) is accepted' },
  { id: 'auth-url-disabled', area: 'auth', file: 'templates/runtime/bearer-auth.ts', find: 'if (!settings.tokenInUrl) return', replace: 'if (false) return', description: 'a URL token is accepted without --token-in-url' },
  { id: 'auth-api-key', area: 'auth', file: 'templates/runtime/bearer-auth.ts', find: "if ('reason' in key) return { reason: 'Unknown API key", replace: "if (false) return { reason: 'Unknown API key", description: 'with --require-api-token-auth, any API key in the header is accepted' },
  { id: 'auth-bearer-trailing', area: 'auth', file: 'templates/runtime/bearer-auth.ts', find: 'const match = /^Bearer +(\\S+) *$/i.exec(authorization);', replace: 'const match = /Bearer +(\\S+)/i.exec(authorization);', description: 'an Authorization header with another scheme in front of Bearer is accepted' },
  { id: 'auth-static-length', area: 'auth', file: 'templates/runtime/bearer-auth.ts', find: 'staticTokens.some((t) => t.length < MIN_STATIC_TOKEN_LENGTH)', replace: 'staticTokens.some((t) => t.length < MIN_STATIC_TOKEN_LENGTH - 1)', description: 'a 15-character static token is accepted at start' },
  { id: 'auth-secret-length', area: 'auth', file: 'templates/runtime/access-token.ts', find: 'if (secret.length < MIN_SECRET_LENGTH)', replace: 'if (secret.length < MIN_SECRET_LENGTH - 1)', description: 'a 31-character MCP_TOKEN_SECRET is accepted' },
  { id: 'auth-scope-tags-every', area: 'auth', file: 'templates/runtime/tool-scope.ts', find: 'tool.tags.some((tag) => scope.tags!.includes(tag))', replace: 'tool.tags.every((tag) => scope.tags!.includes(tag))', description: 'a tag filter needs every tag of the tool, not one' },
  { id: 'auth-scopes-some', area: 'auth', file: 'templates/runtime/tool-scope.ts', find: 'input.scopes.every((scope) => inScope({ tool, scope }))', replace: 'input.scopes.some((scope) => inScope({ tool, scope }))', description: 'a tool allowed by any one scope (server flags or token) is offered' },
  { id: 'auth-scope-readonly', area: 'auth', file: 'templates/runtime/tool-scope.ts', find: 'if (scope.readOnly === true && !tool.annotations.readOnlyHint) return false;', replace: 'if (scope.readOnly === true && tool.annotations.destructiveHint) return false;', description: 'a read-only scope allows non-destructive writes' },
  { id: 'auth-step-up', area: 'auth', file: 'templates/runtime/main.ts', find: 'if (wanted === undefined || input.toolsFor(principal).includes(wanted)) return undefined;', replace: 'return undefined;', description: 'OAuth: a call to a tool outside the token scope gets no 403 insufficient_scope' },
];

const ORIGIN: readonly HandMutant[] = [
  { id: 'origin-null', area: 'origin', file: 'templates/runtime/http-guards.ts', find: 'if (input.origin === undefined) return { allowed: true };', replace: "if (input.origin === undefined || input.origin === 'null') return { allowed: true };", description: 'Origin: null (a sandboxed page) is accepted' },
  { id: 'origin-prefix', area: 'origin', file: 'templates/runtime/http-guards.ts', find: 'if (origin !== undefined && input.policy.origins.has(origin)) return { allowed: true };', replace: 'if (origin !== undefined && [...input.policy.origins].some((o) => origin.startsWith(o))) return { allowed: true };', description: 'an Origin that starts with an allowed one (https://app.example.com.evil.net) is accepted' },
  { id: 'origin-loopback-any-bind', area: 'origin', file: 'templates/runtime/http-guards.ts', find: 'if (origin !== undefined && input.policy.loopbackOrigins && LOOPBACK', replace: 'if (origin !== undefined && LOOPBACK', description: 'loopback origins are accepted on a public bind' },
  { id: 'origin-wildcard-loopback', area: 'origin', file: 'templates/runtime/http-guards.ts', find: "|| bind.startsWith('127.');", replace: "|| bind.startsWith('127.') || WILDCARD.has(bind);", description: 'a 0.0.0.0 bind counts as loopback for origins' },
  { id: 'origin-host-anchor', area: 'origin', file: 'templates/runtime/http-guards.ts', find: '(:\\d{1,5})?$/i.exec(host);', replace: '(:\\d{1,5})?/i.exec(host);', description: 'a Host with junk after an allowed name (localhost@evil) is accepted' },
  { id: 'origin-missing-host', area: 'origin', file: 'templates/runtime/http-guards.ts', find: 'const hostname = input.host === undefined ? undefined : hostnameOf(input.host);', replace: "const hostname = input.host === undefined ? 'localhost' : hostnameOf(input.host);", description: 'a request without Host is accepted' },
  { id: 'origin-wildcard-host', area: 'origin', file: 'templates/runtime/http-guards.ts', find: '...(WILDCARD.has(bind) ? [] : [bind])', replace: '...[bind]', description: 'Host: 0.0.0.0 is accepted on a wildcard bind' },
  { id: 'origin-not-checked', area: 'origin', file: 'templates/runtime/serve-http.ts', find: ', checkOrigin({ policy, origin: req.headers.origin })]', replace: ']', description: 'the server never checks Origin' },
  { id: 'origin-proxy-list', area: 'origin', file: 'templates/runtime/public-origin.ts', find: "if (value.includes(',')) return", replace: 'if (false) return', description: 'an appended X-Forwarded-Host list is accepted' },
  { id: 'origin-proxy-host-unchecked', area: 'origin', file: 'templates/runtime/public-origin.ts', find: 'const verdict = checkHost({ policy: input.policy, host: host.value });', replace: 'const verdict = checkHost({ policy: input.policy, host: input.headers.host });', description: 'X-Forwarded-Host is not checked against the allowed hosts' },
  { id: 'origin-proxy-untrusted', area: 'origin', file: 'templates/runtime/public-origin.ts', find: 'if (!input.trustProxy) return { base: `http://${socketHost}` };', replace: '', description: 'forwarded headers are believed without --trust-proxy' },
];

const PATHS: readonly HandMutant[] = [
  { id: 'path-no-encode', area: 'path', file: 'templates/runtime/http-request.ts', find: 'return { value: encodeURIComponent(text) };', replace: 'return { value: text };', description: 'path parameters are not percent-encoded' },
  { id: 'path-encode-uri', area: 'path', file: 'templates/runtime/http-request.ts', find: 'return { value: encodeURIComponent(text) };', replace: 'return { value: encodeURI(text) };', description: 'path parameters encoded with encodeURI: a slash or ? stays as is' },
  { id: 'path-encoded-dots', area: 'path', file: 'templates/runtime/http-request.ts', find: '/^(\\.|%2e){1,2}$/i.test(text)', replace: '/^(\\.){1,2}$/.test(text)', description: 'a percent-encoded dot segment (%2e%2e) is let into the path' },
  { id: 'path-empty', area: 'path', file: 'templates/runtime/http-request.ts', find: "if (text === '' || /^", replace: 'if (/^', description: 'an empty path parameter collapses the path' },
  { id: 'path-wire-name', area: 'path', file: 'templates/runtime/http-request.ts', find: 'const arg = byWireName.get(wireName) ?? wireName;', replace: 'const arg = wireName;', description: 'a path parameter whose argument is renamed is looked up by its wire name' },
  { id: 'path-base-slash', area: 'path', file: 'templates/runtime/http-request.ts', find: "const base = input.baseUrl.replace(/\\/+$/, '');", replace: 'const base = input.baseUrl;', description: 'a base URL ending in a slash gives a double slash' },
  { id: 'path-base-one-slash', area: 'path', file: 'templates/runtime/http-request.ts', find: "const base = input.baseUrl.replace(/\\/+$/, '');", replace: "const base = input.baseUrl.replace(/\\/$/, '');", description: 'only one trailing slash of the base URL is removed' },
  { id: 'path-query-value', area: 'path', file: 'templates/runtime/query-string.ts', find: 'return [`${encode(binding.name)}=${encode(scalar(value))}`];', replace: 'return [`${encode(binding.name)}=${scalar(value)}`];', description: 'a query value is not encoded (an & splits it)' },
  { id: 'path-preflight-args', area: 'path', file: 'templates/runtime/preflight-read.ts', find: ".filter(([, b]) => b.in === 'path'));", replace: '.filter(() => true));', description: "the preflight GET carries the write's query and body arguments" },
  { id: 'path-preflight-path', area: 'path', file: 'templates/runtime/preflight-read.ts', find: 'path: input.guard.readPath', replace: 'path: input.binding.path', description: "the preflight reads the write's path instead of the guard's read path" },
  { id: 'path-pointer-escape', area: 'path', file: 'templates/runtime/preflight-read.ts', find: "raw.replace(/~1/g, '/').replace(/~0/g, '~')", replace: "raw.replace(/~0/g, '~').replace(/~1/g, '/')", description: 'JSON pointer unescaped in the wrong order (~01 becomes / instead of ~1)' },
];

export const MUTANTS: readonly HandMutant[] = [...PAGING, ...GUARDS, ...REDACTION, ...AUTH, ...ORIGIN, ...PATHS];
