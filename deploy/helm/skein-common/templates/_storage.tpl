{{/*
Object storage (skein.storage.*, keys in libs/storage StorageSettings) for doc-service and
persistence-service. Takes a dict: "root" and "required" (persistence-service cannot run without
storage; doc-service can, with storage.enabled=false). Chart values win over global.storage.*.
*/}}
{{- define "skein.storageOn" -}}
{{- if or .required .root.Values.storage.enabled }}true{{ end -}}
{{- end -}}

{{- define "skein.storageSettings" -}}
{{- $s := .root.Values.storage -}}
{{- $g := ((.root.Values.global).storage) | default dict -}}
{{- if include "skein.storageOn" . }}
SKEIN_STORAGE_ENDPOINT: {{ required "storage.endpoint (or global.storage.endpoint) is required" ($s.endpoint | default $g.endpoint) | quote }}
SKEIN_STORAGE_BUCKET: {{ $s.bucket | default $g.bucket | default "skein" | quote }}
SKEIN_STORAGE_REGION: {{ $s.region | default $g.region | default "us-east-1" | quote }}
{{- end }}
{{- end -}}

{{- define "skein.storageEnv" -}}
{{- $s := .root.Values.storage -}}
{{- $g := ((.root.Values.global).storage) | default dict -}}
{{- if include "skein.storageOn" . }}
{{- $secret := required "storage.existingSecret (or global.storage.existingSecret) is required" ($s.existingSecret | default $g.existingSecret) }}
- name: SKEIN_STORAGE_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $s.accessKeyKey | default $g.accessKeyKey | default "access-key" }}
- name: SKEIN_STORAGE_SECRET_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $s.secretKeyKey | default $g.secretKeyKey | default "secret-key" }}
{{- end }}
{{- end -}}
