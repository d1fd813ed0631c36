{{/* What this service needs from its values: ConfigMap entries and Secret-backed env. */}}
{{- define "presence-service.settings" -}}
{{- if not .Values.redis.existingSecret }}
QUARKUS_REDIS_HOSTS: {{ required "redis.hosts (or redis.existingSecret) is required" .Values.redis.hosts | quote }}
{{- end }}
SKEIN_PRESENCE_AUTH_ENABLED: {{ .Values.auth.enabled | quote }}
{{- if .Values.auth.enabled }}
QUARKUS_OIDC_AUTH_SERVER_URL: {{ include "skein.oidcServerUrl" . | quote }}
SKEIN_PRESENCE_AUTH_CLIENT_ID: {{ .Values.auth.clientId | quote }}
SKEIN_PRESENCE_AUTH_AUTH_SERVICE_URL: {{ required "auth.authServiceUrl is required while auth.enabled" (tpl .Values.auth.authServiceUrl .) | quote }}
{{- end }}
{{- end -}}

{{- define "presence-service.env" -}}
{{- if .Values.redis.existingSecret }}
- name: QUARKUS_REDIS_HOSTS
  valueFrom:
    secretKeyRef:
      name: {{ .Values.redis.existingSecret }}
      key: {{ .Values.redis.hostsKey }}
{{- end }}
{{- if .Values.auth.enabled }}
- name: SKEIN_PRESENCE_AUTH_CLIENT_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ required "auth.existingSecret is required while auth.enabled" .Values.auth.existingSecret }}
      key: {{ .Values.auth.clientSecretKey }}
{{- end }}
{{- end -}}
