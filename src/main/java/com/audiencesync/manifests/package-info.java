/**
 * Kubernetes manifests rendered from the job specs: a CronJob per scheduled spec, the
 * specs' ConfigMap, the schema Job, as a Kustomize base.
 */
package com.audiencesync.manifests;
