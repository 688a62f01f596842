{{/*
Names and labels: the one convention every Review Fetcher chart uses.
*/}}

{{- define "review-fetcher-common.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The release name when it already names the service (one release per service: `helm install ingress-api ...`). */}}
{{- define "review-fetcher-common.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := include "review-fetcher-common.name" . -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "review-fetcher-common.selectorLabels" -}}
app.kubernetes.io/name: {{ include "review-fetcher-common.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "review-fetcher-common.labels" -}}
{{ include "review-fetcher-common.selectorLabels" . }}
app.kubernetes.io/version: {{ include "review-fetcher-common.imageTag" . | quote }}
app.kubernetes.io/component: {{ .Values.component | default "service" }}
app.kubernetes.io/part-of: review-fetcher
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end -}}

{{- define "review-fetcher-common.imageTag" -}}
{{- .Values.image.tag | default .Values.global.image.tag | default .Chart.AppVersion -}}
{{- end -}}

{{/* <registry>/<repositoryPrefix>/<image.name>:<tag>; registry and prefix may be empty. */}}
{{- define "review-fetcher-common.image" -}}
{{- $g := .Values.global.image -}}
{{- $parts := list -}}
{{- with $g.registry }}{{ $parts = append $parts . }}{{ end -}}
{{- with $g.repositoryPrefix }}{{ $parts = append $parts . }}{{ end -}}
{{- $parts = append $parts (.Values.image.name | default .Chart.Name) -}}
{{- printf "%s:%s" (join "/" $parts) (include "review-fetcher-common.imageTag" .) -}}
{{- end -}}

{{/* The Secret an entry of secretEnv reads: its own `name`, else the chart's, else the global one. */}}
{{- define "review-fetcher-common.secretName" -}}
{{- .entry.name | default .root.Values.existingSecret | default .root.Values.global.existingSecret -}}
{{- end -}}
