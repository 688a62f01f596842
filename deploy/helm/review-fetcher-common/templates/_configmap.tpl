{{/*
The service's non-secret configuration: every key of .Values.config becomes an environment variable.
Values go through `tpl`, so they may refer to the shared settings (e.g. "{{ .Values.global.kafka.bootstrapServers }}").
An empty value is left out, so the service keeps its own default.
*/}}
{{- define "review-fetcher-common.configmap" -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "review-fetcher-common.fullname" . }}
  labels:
    {{- include "review-fetcher-common.labels" . | nindent 4 }}
data:
  {{- range $key, $value := .Values.config }}
  {{- $rendered := tpl (toString $value) $ }}
  {{- if $rendered }}
  {{ $key }}: {{ $rendered | quote }}
  {{- end }}
  {{- end }}
{{- end -}}
