// Validates Kubernetes objects (multi-document YAML files, e.g. `kubectl kustomize` output):
//   node validate.mjs --images konomi/crawler,... --stop-timeout 30 --known-secrets a,b FILE...
// Schema: kubernetes-models (core kinds) and @kubernetes-models/keda. Unknown fields: walked against
// @kubernetes/client-node's attribute maps (kubernetes-models' validators let them through).
// Policy: pinned images we build, probes, resources, non-root hardening, references that resolve.
// Prints the objects as one JSON array on success; one line per problem on stderr and exit 1 otherwise.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const modules = process.env.KONOMI_NODE_MODULES;
if (!modules) {
  console.error("KONOMI_NODE_MODULES is not set: source tests/infra.sh (it installs the validators).");
  process.exit(2);
}
const require = createRequire(join(modules, "_"));
const yaml = require("js-yaml");
const load = (path) => import(pathToFileURL(join(modules, path)).href);
const models = {
  v1: require("kubernetes-models/v1"),
  "apps/v1": require("kubernetes-models/apps/v1"),
  "batch/v1": require("kubernetes-models/batch/v1"),
  "networking.k8s.io/v1": require("kubernetes-models/networking.k8s.io/v1"),
  "autoscaling/v2": require("kubernetes-models/autoscaling/v2"),
  "keda.sh/v1alpha1": await load("@kubernetes-models/keda/keda.sh/v1alpha1/index.js"),
};
const attributes = await load("@kubernetes/client-node/dist/gen/models/all.js");

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
};
const images = new Set((option("--images") ?? "").split(",").filter(Boolean));
const stopTimeout = Number(option("--stop-timeout") ?? "30");
const knownSecrets = new Set((option("--known-secrets") ?? "").split(",").filter(Boolean));
const objects = args.flatMap((file) => yaml.loadAll(readFileSync(file, "utf8")).filter(Boolean));

const problems = [];
const where = (o) => `${o?.kind ?? "?"}/${o?.metadata?.name ?? "?"}`;
const fail = (o, message) => problems.push(`${where(o)}: ${message}`);

// Schema and unknown fields.
for (const o of objects) {
  const Model = models[o.apiVersion]?.[o.kind];
  if (!Model) {
    fail(o, `no schema for ${o.apiVersion} ${o.kind}`);
    continue;
  }
  // kustomize folds long base64 values; the API server's decoder skips the line breaks, so do the same.
  const checked = o.kind === "Secret" && o.data
    ? { ...o, data: Object.fromEntries(Object.entries(o.data).map(([k, v]) => [k, String(v).replace(/\s/g, "")])) }
    : o;
  try {
    new Model(checked).validate();
  } catch (e) {
    fail(o, `schema: ${e.message.replaceAll("\n", "; ")}`);
  }
  const type = `V${o.apiVersion.split("/").pop().replace(/^v/, "")}${o.kind}`;
  if (attributes[type]) unknownFields(o, o, type, "");
}

function unknownFields(owner, value, type, path) {
  if (value === null || value === undefined) return;
  const array = /^Array<(.+)>$/.exec(type);
  if (array) {
    if (Array.isArray(value)) value.forEach((v, i) => unknownFields(owner, v, array[1], `${path}[${i}]`));
    return;
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    for (const [k, v] of Object.entries(value)) unknownFields(owner, v, map[1], `${path}.${k}`);
    return;
  }
  const model = attributes[type];
  if (!model?.getAttributeTypeMap || typeof value !== "object") return;
  const known = new Map(model.getAttributeTypeMap().map((a) => [a.baseName, a.type]));
  for (const [k, v] of Object.entries(value)) {
    if (!known.has(k)) fail(owner, `unknown field ${path ? path + "." : ""}${k}`);
    else unknownFields(owner, v, known.get(k), `${path ? path + "." : ""}${k}`);
  }
}

// KEDA's CRDs have no attribute maps: their documented fields (keda.sh/docs/2.x, ScaledObject and
// TriggerAuthentication specs, RabbitMQ scaler) stand in.
const kedaFields = {
  ScaledObject: ["scaleTargetRef", "pollingInterval", "cooldownPeriod", "initialCooldownPeriod", "idleReplicaCount",
    "minReplicaCount", "maxReplicaCount", "fallback", "advanced", "triggers"],
  TriggerAuthentication: ["podIdentity", "secretTargetRef", "env", "configMapTargetRef", "hashiCorpVault",
    "azureKeyVault", "awsSecretManager", "gcpSecretManager", "boundServiceAccountToken"],
  trigger: ["type", "name", "metadata", "authenticationRef", "metricType", "useCachedMetrics"],
  rabbitmq: ["host", "hostFromEnv", "protocol", "queueName", "mode", "value", "activationValue", "vhostName",
    "excludeUnacknowledged", "useRegex", "pageSize", "operation", "timeout", "unsafeSsl"],
};
const onlyKnown = (o, value, fields, path) => {
  for (const k of Object.keys(value ?? {})) if (!fields.includes(k)) fail(o, `unknown field ${path}.${k}`);
};
for (const o of objects.filter((x) => x.apiVersion === "keda.sh/v1alpha1")) {
  onlyKnown(o, o.spec, kedaFields[o.kind] ?? [], "spec");
  (o.spec?.triggers ?? []).forEach((t, i) => {
    onlyKnown(o, t, kedaFields.trigger, `spec.triggers[${i}]`);
    if (t.type === "rabbitmq") onlyKnown(o, t.metadata, kedaFields.rabbitmq, `spec.triggers[${i}].metadata`);
  });
}

// Policy for workloads.
const byKind = (kind) => objects.filter((o) => o.kind === kind);
const named = (kind, name) => objects.find((o) => o.kind === kind && o.metadata?.name === name);
const podSpec = (o) => (o.kind === "CronJob" ? o.spec?.jobTemplate?.spec?.template?.spec : o.spec?.template?.spec);
const workloads = objects.filter((o) => ["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"].includes(o.kind));

for (const w of workloads) {
  const pod = podSpec(w) ?? {};
  const ours = (c) => images.has(c.image?.split(":")[0]);
  if (pod.securityContext?.runAsNonRoot !== true) fail(w, "pod securityContext.runAsNonRoot must be true");
  if (pod.automountServiceAccountToken !== false) fail(w, "automountServiceAccountToken must be false (no pod talks to the API server)");
  const grace = pod.terminationGracePeriodSeconds ?? 30;
  if (pod.containers?.some(ours) && grace <= stopTimeout)
    fail(w, `terminationGracePeriodSeconds ${grace} must exceed the bus StopTimeout (${stopTimeout} s)`);

  for (const c of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
    const at = `container ${c.name}`;
    const [name, tag] = (c.image ?? "").split(":");
    if (!tag || tag === "latest") fail(w, `${at}: image ${c.image} must carry a pinned tag`);
    if (name.startsWith("konomi/") && !images.has(name)) fail(w, `${at}: image ${name} is built by no Dockerfile in the repository`);

    for (const probe of ["startupProbe", "readinessProbe", "livenessProbe"])
      if (!c[probe]) fail(w, `${at}: ${probe} missing`);
    if (ours(c)) {
      const path = (p) => p?.httpGet?.path;
      if (path(c.readinessProbe) !== "/health/ready") fail(w, `${at}: readinessProbe must GET /health/ready`);
      if (path(c.livenessProbe) !== "/health/live") fail(w, `${at}: livenessProbe must GET /health/live`);
      if (path(c.startupProbe) !== "/health/live") fail(w, `${at}: startupProbe must GET /health/live`);
      for (const probe of [c.startupProbe, c.readinessProbe, c.livenessProbe]) {
        const port = probe?.httpGet?.port;
        if (port !== undefined && !c.ports?.some((p) => p.name === port || p.containerPort === port))
          fail(w, `${at}: probe port ${port} is no container port`);
      }
    }

    const r = c.resources ?? {};
    if (!r.requests?.cpu || !r.requests?.memory) fail(w, `${at}: resources.requests.cpu and .memory required`);
    if (!r.limits?.memory) fail(w, `${at}: resources.limits.memory required`);
    const gpu = r.requests?.["nvidia.com/gpu"];
    if (gpu !== undefined && String(gpu) !== String(r.limits?.["nvidia.com/gpu"]))
      fail(w, `${at}: nvidia.com/gpu requests must equal limits`);

    const s = c.securityContext ?? {};
    if (s.allowPrivilegeEscalation !== false) fail(w, `${at}: allowPrivilegeEscalation must be false`);
    if (!s.capabilities?.drop?.includes("ALL")) fail(w, `${at}: capabilities must drop ALL`);
    if (s.privileged) fail(w, `${at}: must not be privileged`);
    if (ours(c)) {
      if (s.readOnlyRootFilesystem !== true) fail(w, `${at}: readOnlyRootFilesystem must be true`);
      const tmp = c.volumeMounts?.find((m) => m.mountPath === "/tmp");
      const volume = pod.volumes?.find((v) => v.name === tmp?.name);
      if (!volume?.emptyDir) fail(w, `${at}: /tmp must be an emptyDir (the root filesystem is read-only)`);
    }

    const refs = [
      ...(c.envFrom ?? []).map((e) => e.configMapRef ? ["ConfigMap", e.configMapRef.name] : ["Secret", e.secretRef?.name]),
      ...(c.env ?? []).flatMap((e) => {
        const from = e.valueFrom ?? {};
        if (from.configMapKeyRef) return [["ConfigMap", from.configMapKeyRef.name]];
        if (from.secretKeyRef) return [["Secret", from.secretKeyRef.name]];
        return [];
      }),
    ];
    for (const [kind, refName] of refs)
      if (!named(kind, refName) && !(kind === "Secret" && knownSecrets.has(refName)))
        fail(w, `${at}: ${kind} ${refName} is neither rendered nor a documented secret`);
  }
}

for (const s of byKind("Service")) {
  const selector = Object.entries(s.spec?.selector ?? {});
  const targets = workloads.filter((w) => {
    const labels = (w.kind === "CronJob" ? w.spec?.jobTemplate?.spec?.template : w.spec?.template)?.metadata?.labels ?? {};
    return selector.length > 0 && selector.every(([k, v]) => labels[k] === v);
  });
  if (targets.length === 0) fail(s, "selects no workload");
  for (const p of s.spec?.ports ?? [])
    if (typeof p.targetPort === "string" && !targets.some((w) => podSpec(w).containers.some((c) => c.ports?.some((cp) => cp.name === p.targetPort))))
      fail(s, `targetPort ${p.targetPort} is no named container port`);
}

for (const i of byKind("Ingress"))
  for (const rule of i.spec?.rules ?? [])
    for (const p of rule.http?.paths ?? []) {
      const backend = p.backend?.service;
      const service = named("Service", backend?.name);
      if (!service) fail(i, `backend service ${backend?.name} not rendered`);
      else if (backend.port?.name && !service.spec.ports.some((sp) => sp.name === backend.port.name))
        fail(i, `backend port ${backend.port.name} not on service ${backend.name}`);
    }

const scaled = new Set();
for (const so of byKind("ScaledObject")) {
  const target = so.spec?.scaleTargetRef?.name;
  const deployment = named("Deployment", target);
  if (!deployment) fail(so, `scaleTargetRef ${target} is no rendered Deployment`);
  else if (deployment.spec.replicas !== undefined) fail(so, `Deployment ${target} still sets replicas: KEDA's HPA owns them`);
  scaled.add(target);
  for (const t of so.spec?.triggers ?? []) {
    if (t.type === "rabbitmq" && !t.metadata?.queueName) fail(so, "rabbitmq trigger without queueName");
    if (t.authenticationRef && !named("TriggerAuthentication", t.authenticationRef.name))
      fail(so, `authenticationRef ${t.authenticationRef.name} not rendered`);
  }
}
for (const hpa of byKind("HorizontalPodAutoscaler"))
  if (scaled.has(hpa.spec?.scaleTargetRef?.name)) fail(hpa, "second autoscaler for a Deployment KEDA already scales");

for (const ta of byKind("TriggerAuthentication"))
  for (const ref of ta.spec?.secretTargetRef ?? [])
    if (!named("Secret", ref.name) && !knownSecrets.has(ref.name)) fail(ta, `Secret ${ref.name} is neither rendered nor documented`);

if (problems.length > 0) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
console.log(JSON.stringify(objects));
