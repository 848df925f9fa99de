#!/usr/bin/env bash
# Prepares what bench/gpu-check.sh needs on a device machine that has no Java (the lent H200 had none):
# a jlink'ed Java runtime, as .gpu/jre.tar.xz, and the built jar, as .gpu/carbonpaper.jar. Run it here,
# then on the device (carry: [".gpu"]):
#   mkdir -p /tmp/j && tar -C /tmp/j -xJf .gpu/jre.tar.xz &&
#   JAVA=/tmp/j/jre/bin/java CARBONPAPER_JAR=.gpu/carbonpaper.jar RESULTS=$OUT bash bench/gpu-check.sh 60
# .gpu/ must be ignored (echo /.gpu/ >> .git/info/exclude); the two files are about 40 MB together.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/carbonpaper.jar ] || mvn -q -B package -DskipTests
rm -rf .gpu/jre && mkdir -p .gpu
# the modules the recorder needs (jdeps on the jar lists java.desktop too, for the report's charts)
jlink --add-modules java.base,java.management,jdk.management,java.logging,java.xml,jdk.unsupported,java.sql,jdk.zipfs \
  --strip-debug --no-header-files --no-man-pages --compress=2 --output .gpu/jre
tar -C .gpu -cJf .gpu/jre.tar.xz jre && rm -rf .gpu/jre
cp target/carbonpaper.jar .gpu/carbonpaper.jar
ls -l .gpu
