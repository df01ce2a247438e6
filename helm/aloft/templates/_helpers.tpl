{{/* The name of a service's objects: <release>-<service>. */}}
{{- define "aloft.name" -}}
{{- printf "%s-%s" .root.Release.Name .service | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "aloft.labels" -}}
app.kubernetes.io/name: {{ .service }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/part-of: aloft
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
{{- end -}}

{{- define "aloft.masterKeySecret" -}}
{{- default (printf "%s-master-key" .Release.Name) .Values.masterKey.existingSecret -}}
{{- end -}}

{{- define "aloft.databaseSecret" -}}
{{- default (printf "%s-database" .Release.Name) .Values.database.existingSecret -}}
{{- end -}}

{{/* The in-cluster URL of one of the services. */}}
{{- define "aloft.url" -}}
{{- $port := (index .root.Values.services .service).port -}}
http://{{ include "aloft.name" . }}:{{ $port }}
{{- end -}}
