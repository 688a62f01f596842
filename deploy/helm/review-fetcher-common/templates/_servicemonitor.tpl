{{/* For the Prometheus Operator; off unless global.serviceMonitor.enabled (or the chart's serviceMonitor.enabled). */}}
{{- define "review-fetcher-common.servicemonitor" -}}
{{- if or .Values.serviceMonitor.enabled .Values.global.serviceMonitor.enabled }}
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "review-fetcher-common.fullname" . }}
  labels:
    {{- include "review-fetcher-common.labels" . | nindent 4 }}
    {{- with .Values.global.serviceMonitor.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  selector:
    matchLabels:
      {{- include "review-fetcher-common.selectorLabels" . | nindent 6 }}
    # Not the headless `-pods` Service (service.headless): its endpoints are the same pods.
    matchExpressions:
      - key: review-fetcher.io/headless
        operator: DoesNotExist
  endpoints:
    - port: http
      path: /q/metrics
      interval: {{ .Values.global.serviceMonitor.interval }}
{{- end }}
{{- end -}}
