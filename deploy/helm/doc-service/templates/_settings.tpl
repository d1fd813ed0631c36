{{/* What this service needs from its values: ConfigMap entries and Secret-backed env. */}}
{{- define "doc-service.settings" -}}
{{- include "skein.storageSettings" (dict "root" . "required" false) }}
SKEIN_DOC_AUTH_ENABLED: {{ .Values.auth.enabled | quote }}
{{- if .Values.auth.enabled }}
QUARKUS_OIDC_AUTH_SERVER_URL: {{ include "skein.oidcServerUrl" . | quote }}
{{- end }}
{{- end -}}

{{- define "doc-service.env" -}}
{{- include "skein.storageEnv" (dict "root" . "required" false) }}
{{- end -}}
