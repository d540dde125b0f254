import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Service } from 'kubernetes-models/v1/Service';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { REPO_ROOT, VENDORS } from '../../scripts/shared/repo-root.ts';

/** The Kubernetes objects each package ships, checked by the kubernetes-models JSON schemas (the API's own OpenAPI). */
const MODELS = { Deployment, Service, HorizontalPodAutoscaler } as const;

type Container = { env: { name: string; valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } } }[]; readinessProbe: unknown; livenessProbe: unknown; securityContext: Record<string, unknown>; ports: { containerPort: number }[] };

function manifest(vendor: string): Record<string, unknown>[] {
  const text = readFileSync(path.join(REPO_ROOT, 'generated', vendor, 'deploy', 'kubernetes.yaml'), 'utf8');
  return parseAllDocuments(text).map((doc) => doc.toJS() as Record<string, unknown>);
}

function validate(object: Record<string, unknown>): void {
  const Model = MODELS[object['kind'] as keyof typeof MODELS];
  if (Model === undefined) throw new Error(`unexpected kind ${String(object['kind'])}`);
  new Model(object as never).validate();
}

/** The package's credentials, as its server.json declares them. */
function credentialNames(vendor: string): string[] {
  const server = JSON.parse(readFileSync(path.join(REPO_ROOT, 'generated', vendor, 'server.json'), 'utf8')) as { packages: { environmentVariables: { name: string; isSecret?: boolean }[] }[] };
  return server.packages[0]!.environmentVariables.filter((env) => env.isSecret).map((env) => env.name);
}

describe.each(VENDORS)('%s: deploy/kubernetes.yaml', (vendor) => {
  const objects = manifest(vendor);
  const byKind = Object.fromEntries(objects.map((o) => [o['kind'], o])) as Record<string, any>;
  const container = byKind['Deployment'].spec.template.spec.containers[0] as Container;

  it('is a Deployment, a Service and an HPA, each valid against the Kubernetes schema', () => {
    expect(objects.map((o) => o['kind'])).toStrictEqual(['Deployment', 'Service', 'HorizontalPodAutoscaler']);
    for (const object of objects) expect(() => validate(object)).not.toThrow();
  });

  it('takes MCP_TOKEN_SECRET, the Redis URL and every vendor secret from the Secret, never as a literal value', () => {
    const fromSecret = container.env.filter((e) => e.valueFrom?.secretKeyRef?.name === `${vendor}-mcp`).map((e) => e.name);
    expect(fromSecret).toEqual(expect.arrayContaining(['MCP_TOKEN_SECRET', 'MCP_RATE_LIMIT_REDIS_URL', ...credentialNames(vendor)]));
    expect(container.env.find((e) => e.name === 'MCP_TOKEN_SECRET')!.valueFrom!.secretKeyRef!.optional).toBeUndefined();
  });

  it('probes /healthz for readiness and liveness, runs non-root on a read-only root filesystem', () => {
    const probe = { httpGet: { path: '/healthz', port: 'http' } };
    expect({ readiness: container.readinessProbe, liveness: container.livenessProbe }).toMatchObject({ readiness: probe, liveness: probe });
    expect(byKind['Deployment'].spec.template.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
  });

  it('the Service selects the pods and the HPA scales the Deployment', () => {
    const labels = byKind['Deployment'].spec.template.metadata.labels;
    expect(byKind['Service'].spec.selector).toStrictEqual(labels);
    expect(byKind['HorizontalPodAutoscaler'].spec.scaleTargetRef).toStrictEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: byKind['Deployment'].metadata.name });
    expect(container.ports[0]!.containerPort).toBe(3000);
  });
});

describe('the validator itself', () => {
  it('refuses a Deployment whose replicas is not an integer, so the checks above can fail', () => {
    const [deployment] = manifest('malomo') as [any];
    expect(() => validate({ ...deployment, spec: { ...deployment.spec, replicas: 'two' } })).toThrow(/replicas must be integer/);
  });
});

describe.each(VENDORS)('%s: Dockerfile', (vendor) => {
  const lines = readFileSync(path.join(REPO_ROOT, 'generated', vendor, 'Dockerfile'), 'utf8').split('\n').filter((line) => line !== '' && !line.startsWith('#'));
  const instructions = lines.map((line) => line.split(' ')[0]);
  const finalStage = lines.slice(lines.findLastIndex((line) => line.startsWith('FROM ')));

  it('builds in one stage and runs the packed tarball with runtime dependencies only in another', () => {
    expect(lines.filter((line) => line.startsWith('FROM '))).toStrictEqual(['FROM ${NODE_IMAGE} AS build', 'FROM ${NODE_IMAGE} AS runtime']);
    expect(finalStage).toContain('RUN npm install --omit=dev --no-audit --no-fund --no-package-lock /tmp/pack/*.tgz && rm -rf /tmp/pack /root/.npm');
  });

  it('runs as the unprivileged node user, checks /healthz, and takes no configuration but the environment', () => {
    expect(finalStage.filter((line) => line.startsWith('USER '))).toStrictEqual(['USER node']);
    expect(finalStage.find((line) => line.startsWith('HEALTHCHECK '))).toMatch(/\/healthz/);
    expect(finalStage.at(-1)).toBe('ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]');
    // No credential or secret is baked in: the only ENV is NODE_ENV.
    expect(lines.filter((line) => line.startsWith('ENV '))).toStrictEqual(['ENV NODE_ENV=production']);
    expect(instructions.every((name) => ['ARG', 'FROM', 'WORKDIR', 'COPY', 'RUN', 'ENV', 'USER', 'EXPOSE', 'HEALTHCHECK', 'ENTRYPOINT'].includes(name!))).toBe(true);
  });
});
