{{/* What this service needs from its values: ConfigMap entries and Secret-backed env. */}}
{{- define "doc-service.settings" -}}
{{- include "skein.storageSettings" (dict "root" . "required" false) }}
SKEIN_DOC_AUTH_ENABLED: {{ .Values.auth.enabled | quote }}
{{- if .Values.auth.enabled }}
QUARKUS_OIDC_AUTH_SERVER_URL: {{ include "skein.oidcServerUrl" . | quote }}
SKEIN_DOC_AUTH_CLIENT_ID: {{ .Values.auth.clientId | quote }}
SKEIN_DOC_AUTH_AUTH_SERVICE_URL: {{ required "auth.authServiceUrl is required while auth.enabled" (tpl .Values.auth.authServiceUrl .) | quote }}
{{- end }}
{{- end -}}

{{- define "doc-service.env" -}}
{{- include "skein.storageEnv" (dict "root" . "required" false) }}
{{- if .Values.auth.enabled }}
- name: SKEIN_DOC_AUTH_CLIENT_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ required "auth.existingSecret is required while auth.enabled" .Values.auth.existingSecret }}
      key: {{ .Values.auth.clientSecretKey }}
{{- end }}
{{- end -}}
