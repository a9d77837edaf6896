#!/usr/bin/env bash
# Runs one benchmark in a JVM of its own:
#   bench/run.sh <PersistenceBench|HeapBench|RemoteReadBench> [args...]
#   bench/run.sh jmh <JMH benchmark regex> [JMH options...]
# PostgreSQL: DCACHE_TEST_JDBC_URL (a fresh database is created on that server), else an embedded one.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B install -DskipTests
mvn -q -B -pl bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
cp=$(cat bench/target/classpath.txt)
flags="-Djava.util.concurrent.ForkJoinPool.common.parallelism=4 --add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.management/sun.management=ALL-UNNAMED --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED"
main=$1
shift
if [ "$main" = jmh ]; then
  main=org.openjdk.jmh.Main
else
  main="discordcache.bench.$main"
fi
exec java $flags ${BENCH_JVM_OPTS:--Xmx6g -XX:+UseG1GC} -Dhazelcast.phone.home.enabled=false \
  -cp "bench/target/classes:$cp" "$main" "$@"
