#!/bin/sh
# Starts the standalone signaling server (io.tandem.signaling.SignalingMain) from the app's fast-jar in the image:
# the app's classes and libraries, plus the boot libraries JBoss LogManager needs, but not Quarkus' bootstrap runner,
# whose log configurator would hold every log record back for a Quarkus start that never comes.
# Configured by TANDEM_SIGNALING_* variables; JAVA_OPTS adds JVM options. TANDEM_APP_DIR names the fast-jar's
# directory (default /deployments; the tests start target/quarkus-app the same way); the logging configuration sits
# next to this script.
set -eu
home="${TANDEM_APP_DIR:-/deployments}"
here="$(cd "$(dirname "$0")" && pwd)"
cp="$home/app/*:$home/lib/main/*"
for jar in "$home"/lib/boot/*.jar; do
  case "$jar" in
    */io.quarkus.quarkus-bootstrap-runner-*) ;;
    *) cp="$cp:$jar" ;;
  esac
done
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec java -XX:MaxRAMPercentage="${JAVA_MAX_MEM_RATIO:-75}" ${GC_CONTAINER_OPTIONS:--XX:+UseG1GC -XX:MaxGCPauseMillis=20} \
  -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -Dlogging.configuration="file:$here/signaling-logging.properties" \
  ${JAVA_OPTS:-} -cp "$cp" io.tandem.signaling.SignalingMain "$@"
