#!/usr/bin/env bash
# Reviews per second and p99 latency of 'eksauth serve' for one cached identity, against a bare JDK
# HTTP server answering a fixed TokenReview, on loopback, driven by the same client (C connections,
# S seconds per round, R rounds in alternating order, after a 5-second warm-up of each). Prints each
# round, the medians and their ratios (targets: throughput >= 0.8, p99 <= 2).
#
#   benchmarks/scripts/serve-throughput.sh [C] [S] [R]
#
# C defaults to 32, S to 10, R to 5. Build first: mvn -B -q -pl cli,benchmarks -am package -DskipTests
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
cd "$here"
exec java -cp benchmarks/target/benchmarks.jar dev.eksauth.benchmarks.ServeThroughput "${1:-32}" "${2:-10}" "${3:-5}" \
    "$here/bin/eksauth"
