{{- define "review-fetcher-common.hpa" -}}
{{- if .Values.autoscaling.enabled }}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "review-fetcher-common.fullname" . }}
  labels:
    {{- include "review-fetcher-common.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "review-fetcher-common.fullname" . }}
  minReplicas: {{ .Values.autoscaling.minReplicas }}
  maxReplicas: {{ .Values.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ .Values.autoscaling.targetCPUUtilizationPercentage }}
  behavior:
    scaleDown:
      # Each scale-down rebalances the consumer group: not more often than every 5 minutes.
      stabilizationWindowSeconds: 300
{{- end }}
{{- end -}}

{{- define "review-fetcher-common.pdb" -}}
{{- if .Values.podDisruptionBudget.enabled }}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "review-fetcher-common.fullname" . }}
  labels:
    {{- include "review-fetcher-common.labels" . | nindent 4 }}
spec:
  maxUnavailable: {{ .Values.podDisruptionBudget.maxUnavailable }}
  selector:
    matchLabels:
      {{- include "review-fetcher-common.selectorLabels" . | nindent 6 }}
{{- end }}
{{- end -}}
