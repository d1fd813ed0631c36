{{/* What this service needs from its values: ConfigMap entries and Secret-backed env. */}}
{{- define "presence-service.settings" -}}
{{- if not .Values.redis.existingSecret }}
QUARKUS_REDIS_HOSTS: {{ required "redis.hosts (or redis.existingSecret) is required" .Values.redis.hosts | quote }}
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
{{- end -}}
