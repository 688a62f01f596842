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
{{- end -}}
