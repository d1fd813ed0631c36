{{/*
The service's configuration as environment variables (MicroProfile names: skein.topics.partitions
is SKEIN_TOPICS_PARTITIONS). The chart defines "<chart name>.settings": a YAML map of the settings it derives from its values
(empty values are left out); `.Values.config` adds any other variable.
*/}}
{{- define "skein.configmap" -}}
{{- $root := . -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "skein.fullname" $root }}
  labels:
    {{- include "skein.labels" $root | nindent 4 }}
data:
  KAFKA_BOOTSTRAP_SERVERS: {{ include "skein.kafkaBootstrapServers" $root | quote }}
  {{- range $name, $key := dict "SKEIN_TOPICS_CREATE" "create" "SKEIN_TOPICS_PARTITIONS" "partitions" "SKEIN_TOPICS_REPLICATION_FACTOR" "replicationFactor" "SKEIN_TOPICS_MAX_RECORD_BYTES" "maxRecordBytes" "SKEIN_TOPICS_UPDATES" "updates" "SKEIN_TOPICS_SYNC_REPLIES" "syncReplies" "SKEIN_TOPICS_AWARENESS" "awareness" "SKEIN_TOPICS_ACL_CHANGES" "aclChanges" }}
  {{- $v := include "skein.topic" (dict "root" $root "key" $key) }}
  {{- if ne $v "" }}
  {{ $name }}: {{ $v | quote }}
  {{- end }}
  {{- end }}
  JAVA_OPTS_APPEND: {{ $root.Values.javaOpts | quote }}
  {{- range $k, $v := (include (printf "%s.settings" $root.Chart.Name) $root | fromYaml) }}
  {{- if ne (toString $v) "" }}
  {{ $k }}: {{ $v | quote }}
  {{- end }}
  {{- end }}
  {{- range $k, $v := $root.Values.config }}
  {{ $k }}: {{ tpl (include "skein.str" $v) $root | quote }}
  {{- end }}
{{- end -}}
