{{- define "review-fetcher-common.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "review-fetcher-common.fullname" . }}
  labels:
    {{- include "review-fetcher-common.labels" . | nindent 4 }}
spec:
  type: {{ .Values.service.type }}
  selector:
    {{- include "review-fetcher-common.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      # The same port as on the local stack, so URLs such as http://token-service:8081 read alike.
      port: {{ .Values.port }}
      targetPort: http
      protocol: TCP
{{- if .Values.service.headless }}
---
# Headless: its name resolves to the address of every ready pod, so that ingress-api's console reaches each pod's
# /admin/intake (CONSOLE_WORKERS=<worker>=http://<fullname>-pods:<port>). The ServiceMonitor leaves it out (by its
# review-fetcher.io/headless label), or Prometheus would scrape every pod twice.
apiVersion: v1
kind: Service
metadata:
  name: {{ printf "%s-pods" (include "review-fetcher-common.fullname" . | trunc 58 | trimSuffix "-") }}
  labels:
    {{- include "review-fetcher-common.labels" . | nindent 4 }}
    review-fetcher.io/headless: "true"
spec:
  clusterIP: None
  publishNotReadyAddresses: false
  selector:
    {{- include "review-fetcher-common.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ .Values.port }}
      targetPort: http
      protocol: TCP
{{- end }}
{{- end -}}
