/**
 * Validation of the deployment files ({@code deploy/}, {@code k8s/}): they are written to the conventions of Docker,
 * Docker Compose, kustomize and the Prometheus operator, and — with no Docker engine or cluster on the build machines —
 * checked here by parsing them, loading the Kubernetes manifests strictly into fabric8's API model, rendering the
 * overlays, and comparing ports, probe paths and environment variables with what the server and the application really
 * use.
 */
package io.riskbase.deploy;
