{{/* What this service needs from its values: ConfigMap entries and Secret-backed env. */}}
{{- define "gateway-service.settings" -}}
{{- $a := .Values.auth -}}
SKEIN_GATEWAY_AUTH_ENABLED: {{ $a.enabled | quote }}
{{- if $a.enabled }}
SKEIN_GATEWAY_AUTH_ISSUER: {{ required "auth.issuer (or global.oidc.issuer) is required while auth.enabled" ($a.issuer | default ((.Values.global).oidc).issuer) | quote }}
SKEIN_GATEWAY_AUTH_JWKS_URL: {{ $a.jwksUrl | default (((.Values.global).oidc).jwksUrl) | default "" | quote }}
SKEIN_GATEWAY_AUTH_TOKEN_URL: {{ $a.tokenUrl | default (((.Values.global).oidc).tokenUrl) | default "" | quote }}
SKEIN_GATEWAY_AUTH_AUDIENCE: {{ $a.audience | quote }}
SKEIN_GATEWAY_AUTH_CLIENT_ID: {{ $a.clientId | quote }}
SKEIN_GATEWAY_AUTH_AUTH_SERVICE_URL: {{ required "auth.authServiceUrl is required while auth.enabled" (tpl $a.authServiceUrl .) | quote }}
{{- end }}
SKEIN_GATEWAY_AWARENESS_PRESENCE_URL: {{ tpl .Values.presenceUrl . | quote }}
{{- end -}}

{{- define "gateway-service.env" -}}
{{- if .Values.auth.enabled }}
- name: SKEIN_GATEWAY_AUTH_CLIENT_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ required "auth.existingSecret is required while auth.enabled" .Values.auth.existingSecret }}
      key: {{ .Values.auth.clientSecretKey }}
{{- end }}
{{- end -}}
