#!/bin/sh
# Imports the insurwatch Kibana saved objects (data views, visualizations, dashboards) into Kibana.
# Written for the curlimages/curl image (busybox sh, no bash, no jq), like deploy/setup; works as well on
# any host with curl:
#
#   KIBANA_URL=http://127.0.0.1:5601 SAVED_OBJECTS_FILE=dashboards/kibana/insurwatch-saved-objects.ndjson \
#     sh dashboards/kibana/import-saved-objects.sh
#
# Every object has a stable id and the import overwrites, so running it again only re-applies the file.

set -eu

kibana_url="${KIBANA_URL:-http://kibana:5601}"
objects_file="${SAVED_OBJECTS_FILE:-/insurwatch/dashboards/kibana/insurwatch-saved-objects.ndjson}"
wait_seconds="${KIBANA_WAIT_SECONDS:-300}"

if [ ! -r "$objects_file" ]; then
    echo "setup-kibana: cannot read $objects_file; ./dashboards must be mounted and hold kibana/insurwatch-saved-objects.ndjson" >&2
    exit 1
fi

# /api/status answers 503 until Kibana is ready (migrations done, plugins started).
waited=0
until curl -fsS -o /dev/null --max-time 10 "$kibana_url/api/status"; do
    if [ "$waited" -ge "$wait_seconds" ]; then
        echo "setup-kibana: Kibana at $kibana_url was not ready within ${wait_seconds}s" >&2
        exit 1
    fi
    echo "setup-kibana: waiting for Kibana at $kibana_url ..."
    sleep 5
    waited=$((waited + 5))
done

echo "setup-kibana: importing $objects_file"
# --fail-with-body: a 4xx/5xx still prints Kibana's JSON reason, and curl exits non-zero.
if ! answer=$(curl -sS --fail-with-body --max-time 120 --retry 5 --retry-delay 3 --retry-connrefused \
    -X POST "$kibana_url/api/saved_objects/_import?overwrite=true" \
    -H 'kbn-xsrf: true' \
    --form "file=@$objects_file"); then
    echo "$answer" >&2
    echo "setup-kibana: the import request failed" >&2
    exit 1
fi
echo "$answer"
# The import API answers 200 even when single objects fail; they are listed under "errors".
case "$answer" in
    *'"success":true'*) echo "setup-kibana: saved objects imported" ;;
    *) echo "setup-kibana: the import reported errors (see above)" >&2; exit 1 ;;
esac
