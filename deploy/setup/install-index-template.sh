#!/bin/sh
# Installs the composable index template of the alert index. It runs in the curlimages/curl image
# (service setup), which has curl and a busybox sh but no bash, so this script is plain POSIX sh.
# The apache/kafka image used for the topics has no curl, hence the separate container.
#
# The template must be in place before the job writes its first alert. Otherwise Elasticsearch
# would create insurwatch-alerts with dynamic mappings that cannot be changed later. PUT replaces
# the template as a whole, so running this again only re-applies the file in the repository.

# busybox ash, the shell of the curl image, knows pipefail although POSIX sh does not.
# shellcheck disable=SC3040
set -euo pipefail

es_url="${ELASTICSEARCH_URL:-http://elasticsearch:9200}"
template_name="${INDEX_TEMPLATE_NAME:-insurwatch-alerts}"
template_file="${INDEX_TEMPLATE_FILE:-/insurwatch/dashboards/index-templates/insurwatch-alerts.json}"
wait_seconds="${ELASTICSEARCH_WAIT_SECONDS:-180}"

if [ ! -r "$template_file" ]; then
    echo "setup: cannot read $template_file; ./dashboards must be mounted and hold index-templates/insurwatch-alerts.json" >&2
    exit 1
fi

waited=0
until curl -fsS -o /dev/null --max-time 10 "$es_url/_cluster/health?wait_for_status=yellow&timeout=5s"; do
    if [ "$waited" -ge "$wait_seconds" ]; then
        echo "setup: Elasticsearch at $es_url was not yellow or green within ${wait_seconds}s" >&2
        exit 1
    fi
    echo "setup: waiting for Elasticsearch at $es_url ..."
    sleep 5
    waited=$((waited + 5))
done

# Elasticsearch answers an invalid template with a 4xx and a JSON reason. --fail-with-body prints
# that reason and still makes curl exit non-zero, so the setup stops here with the cause shown.
echo "setup: installing index template $template_name from $template_file"
curl -sS --fail-with-body --max-time 30 --retry 5 --retry-delay 3 --retry-connrefused \
    -X PUT "$es_url/_index_template/$template_name" \
    -H 'Content-Type: application/json' \
    --data-binary "@$template_file"
echo
echo "setup: index template $template_name installed"
