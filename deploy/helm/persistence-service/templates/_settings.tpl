{{/* What this service needs from its values: ConfigMap entries and Secret-backed env. */}}
{{- define "persistence-service.settings" -}}
{{- include "skein.storageSettings" (dict "root" . "required" true) }}
SKEIN_PERSISTENCE_AUTH_ENABLED: {{ .Values.auth.enabled | quote }}
{{- if .Values.auth.enabled }}
QUARKUS_OIDC_AUTH_SERVER_URL: {{ include "skein.oidcServerUrl" . | quote }}
{{- end }}
{{- end -}}

{{- define "persistence-service.env" -}}
{{- include "skein.storageEnv" (dict "root" . "required" true) }}
{{- end -}}
