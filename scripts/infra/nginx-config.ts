/**
 * nginx as the TLS-terminating load balancer in front of stateless replicas.
 *
 * Which calls nginx may send to a second replica after the first failed mid-request:
 * - reads (`initialize`, `ping`, `tools/list`, and `tools/call` of a tool annotated readOnlyHint), told
 *   apart by the SEP-2243 `Mcp-Method` / `Mcp-Name` headers that the server cross-checks against the
 *   body, get `proxy_next_upstream error timeout http_502 http_503 non_idempotent`: a read done twice
 *   costs the vendor one more request and nothing else;
 * - everything else, writes and any request without those headers (2025-era clients), keeps nginx's
 *   default for POST: retried only when the replica could not be reached at all (connection refused,
 *   connect timeout), that is when the request never left nginx. A write a replica may have begun is
 *   never sent again; its caller gets a 502 and decides.
 * No upstream keep-alive: a pooled connection to a dead replica would blur "never sent" and "sent".
 */
export function nginxConfig(input: {
  readonly dir: string;
  readonly port: number;
  readonly cert: string;
  readonly key: string;
  readonly replicas: readonly string[];
  readonly readTools: readonly string[];
}): string {
  const readCalls = input.readTools.map((name) => `    ${JSON.stringify(`tools/call:${name}`)} read;`);
  return `daemon off;
worker_processes 1;
pid ${input.dir}/nginx.pid;
error_log ${input.dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  # Keys are "tools/call:<tool name>", longer than the default bucket holds.
  map_hash_bucket_size 256;
  client_body_temp_path ${input.dir}/body;
  proxy_temp_path ${input.dir}/proxy;
  fastcgi_temp_path ${input.dir}/fastcgi;
  uwsgi_temp_path ${input.dir}/uwsgi;
  scgi_temp_path ${input.dir}/scgi;
  map "$http_mcp_method:$http_mcp_name" $mcp_call_class {
    default write;
    "initialize:" read;
    "ping:" read;
    "tools/list:" read;
${readCalls.join('\n')}
  }
  upstream replicas {
${input.replicas.map((address) => `    server ${address} max_fails=1 fail_timeout=10s;`).join('\n')}
  }
  server {
    listen 127.0.0.1:${input.port} ssl;
    ssl_certificate ${input.cert};
    ssl_certificate_key ${input.key};
    proxy_http_version 1.1;
    proxy_buffering off;
    proxy_set_header Host $http_host;
    proxy_set_header X-Forwarded-Proto https;
    # Set, never appended: the replicas (--trust-proxy) refuse a list rather than guess which hop wrote it.
    proxy_set_header X-Forwarded-Host $http_host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_next_upstream_tries 2;
    location / {
      error_page 418 = @read;
      if ($mcp_call_class = read) { return 418; }
      proxy_next_upstream error timeout;
      proxy_pass http://replicas;
    }
    location @read {
      proxy_next_upstream error timeout http_502 http_503 non_idempotent;
      proxy_pass http://replicas;
    }
  }
}
`;
}
