{{/* What this service needs from its values: ConfigMap entries and Secret-backed env. */}}
{{- define "auth-service.settings" -}}
QUARKUS_DATASOURCE_REACTIVE_URL: {{ required "database.url is required" .Values.database.url | quote }}
QUARKUS_OIDC_AUTH_SERVER_URL: {{ include "skein.oidcServerUrl" . | quote }}
QUARKUS_OIDC_CLIENT_ID: {{ .Values.oidc.clientId | quote }}
{{- end -}}

{{- define "auth-service.env" -}}
- name: QUARKUS_DATASOURCE_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ required "database.existingSecret is required" .Values.database.existingSecret }}
      key: {{ .Values.database.usernameKey }}
- name: QUARKUS_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.database.existingSecret }}
      key: {{ .Values.database.passwordKey }}
{{- end -}}
