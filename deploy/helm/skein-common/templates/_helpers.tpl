{{/*
Names. A release whose name already contains the chart's name is not repeated: `helm install
gateway-service deploy/helm/gateway-service` gives objects named `gateway-service`; the umbrella
release `skein` gives `skein-gateway-service`.
*/}}
{{- define "skein.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "skein.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "skein.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "skein.selectorLabels" -}}
app.kubernetes.io/name: {{ include "skein.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "skein.labels" -}}
helm.sh/chart: {{ include "skein.chart" . }}
{{ include "skein.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: skein
app.kubernetes.io/component: {{ .Chart.Name }}
{{- end -}}

{{- define "skein.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "skein.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "skein.image" -}}
{{- $registry := .Values.image.registry | default ((.Values.global).imageRegistry) | default "" -}}
{{- $tag := .Values.image.tag | default .Chart.AppVersion -}}
{{- if $registry -}}
{{- printf "%s/%s:%s" $registry .Values.image.repository $tag -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository $tag -}}
{{- end -}}
{{- end -}}

{{/* A value that may hold a template (the umbrella chart writes `{{ .Release.Name }}-auth-service`). */}}
{{- define "skein.tpl" -}}
{{- tpl (toString .value) .context -}}
{{- end -}}

{{/* Kafka bootstrap servers: the chart's own value, else the umbrella's global one. */}}
{{- define "skein.kafkaBootstrapServers" -}}
{{- $v := .Values.kafka.bootstrapServers | default (((.Values.global).kafka).bootstrapServers) -}}
{{- required "kafka.bootstrapServers (or global.kafka.bootstrapServers) is required" $v -}}
{{- end -}}

{{/* Topic settings, chart value over global value over the services' own default. */}}
{{- define "skein.topic" -}}
{{- $global := (((.root.Values.global).topics) | default dict) -}}
{{- $own := (.root.Values.topics | default dict) -}}
{{- $v := "" -}}
{{- if hasKey $own .key -}}{{- $v = index $own .key -}}{{- else if hasKey $global .key -}}{{- $v = index $global .key -}}{{- end -}}
{{- include "skein.str" $v -}}
{{- end -}}

{{/* A value as text; YAML numbers arrive as float64, and 8388608 must not become 8.388608e+06. */}}
{{- define "skein.str" -}}
{{- if and (kindIs "float64" .) (eq (float64 (int64 .)) .) -}}
{{- int64 . -}}
{{- else -}}
{{- toString . -}}
{{- end -}}
{{- end -}}

{{/* The Keycloak realm URL a service validates tokens with: its own oidc.authServerUrl, else global.oidc.authServerUrl, else global.oidc.issuer. */}}
{{- define "skein.oidcServerUrl" -}}
{{- $g := ((.Values.global).oidc) | default dict -}}
{{- required "oidc.authServerUrl (or global.oidc.authServerUrl / global.oidc.issuer) is required" (.Values.oidc.authServerUrl | default $g.authServerUrl | default $g.issuer) -}}
{{- end -}}
