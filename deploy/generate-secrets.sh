#!/usr/bin/env bash
# Writes the env files docker-compose.yml reads (deploy/env/*.env, git-ignored): one random
# database password shared by Riskbase, PostgreSQL and its exporter, a Redis password, a Grafana
# admin password, the RS256 key pair every node signs and verifies tokens with, and the gateway's
# self-signed TLS certificate (tls/gateway.crt + tls/gateway.key; replace them with a real one) and Redis'
# self-signed certificate for rediss:// (tls/redis.crt + tls/redis.key).
# Existing files are kept unless --force is given. Usage: deploy/generate-secrets.sh [--force] [target-dir]
set -euo pipefail

force=false
if [ "${1:-}" = "--force" ]; then force=true; shift; fi
dir="${1:-$(cd "$(dirname "$0")" && pwd)/env}"
mkdir -p "$dir"

if ! $force && [ -e "$dir/riskbase.env" ]; then
  echo "$dir/riskbase.env exists; keeping the secrets (use --force to replace them)" >&2
  exit 0
fi

umask 077
random() { openssl rand -hex 24; }
# PEM on one line with literal \n, as docker compose's env_file expects inside double quotes
oneline() { awk 'BEGIN { ORS = "\\n" } { print }'; }

db_password=$(random)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$tmp/private.pem" 2>/dev/null
openssl pkey -in "$tmp/private.pem" -pubout -out "$tmp/public.pem"

cat > "$dir/riskbase.env" <<ENV
DB_USER=riskbase
DB_PASSWORD=$db_password
RISKBASE_JWT_PRIVATE_KEY="$(oneline < "$tmp/private.pem")"
RISKBASE_JWT_PUBLIC_KEY="$(oneline < "$tmp/public.pem")"
ENV
printf 'POSTGRES_PASSWORD=%s\n' "$db_password" > "$dir/postgres.env"
printf 'DATA_SOURCE_PASS=%s\n' "$db_password" > "$dir/postgres-exporter.env"
printf 'REDIS_PASSWORD=%s\n' "$(random)" > "$dir/redis.env"
mkdir -p "$dir/tls"
# the gateway's certificate: self-signed for localhost, valid 825 days
openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=localhost" \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
  -keyout "$dir/tls/gateway.key" -out "$dir/tls/gateway.crt" 2>/dev/null
# Redis' certificate for the compose host name "redis" (rediss://redis:6379); the nodes and the exporter trust
# exactly this certificate (REDIS_TLS_CA_FILE), so it is world-readable, its key is not
openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=redis" -addext "subjectAltName=DNS:redis" \
  -keyout "$dir/tls/redis.key" -out "$dir/tls/redis.crt" 2>/dev/null
chmod 644 "$dir/tls/redis.crt"
# nginx's master and redis-server (started as root by sh) read the keys as root; they stay private to their owner
chmod 700 "$dir/tls"
printf 'GF_SECURITY_ADMIN_USER=admin\nGF_SECURITY_ADMIN_PASSWORD=%s\n' "$(random)" > "$dir/grafana.env"
echo "wrote riskbase.env, postgres.env, postgres-exporter.env, redis.env, grafana.env and tls/ to $dir"
