#!/usr/bin/env bash
# Entrypoint of the JobManager and TaskManager containers.
#
# Flink on Java 17 needs the module flags of flink-jvm.options. That file at the repository root
# is the only list the project keeps, so this wrapper reads it at start-up and passes it on as
# Flink's env.java.opts.all. No second copy of the flags can drift from it. Then it hands over to
# the image's own entrypoint with the container's arguments unchanged.
set -euo pipefail

options_file="${FLINK_JVM_OPTIONS_FILE:-/opt/insurwatch/flink-jvm.options}"
delegate="${FLINK_DOCKER_ENTRYPOINT:-/docker-entrypoint.sh}"

if [[ ! -r "$options_file" ]]; then
    echo "insurwatch: cannot read $options_file; mount flink-jvm.options from the repository root" >&2
    exit 1
fi

# One option per line. Windows line ends, surrounding blanks, blank lines and '#' comments are
# dropped, so a CRLF checkout still gives the JVM clean flags.
java_opts="$(sed -e 's/\r$//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' \
                 -e '/^#/d' -e '/^$/d' "$options_file" | tr '\n' ' ')"
java_opts="${java_opts% }"

if [[ -z "$java_opts" ]]; then
    echo "insurwatch: $options_file holds no JVM option" >&2
    exit 1
fi

# The image's entrypoint reads FLINK_PROPERTIES as 'key: value' lines, so the options must stay
# on one line; anything the service already put there is kept.
export FLINK_PROPERTIES="${FLINK_PROPERTIES:-}
env.java.opts.all: ${java_opts}"

exec "$delegate" "$@"
