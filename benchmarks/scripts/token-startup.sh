#!/usr/bin/env bash
# Wall time of 'eksauth token' against 'aws eks get-token' for the same static credentials, run
# side by side: N rounds, each running both commands once (in alternating order), then the median
# of each and their ratio. Neither command touches the network: both only sign a URL.
#
#   benchmarks/scripts/token-startup.sh [N] [AWS_COMMAND]
#
# N defaults to 21; AWS_COMMAND defaults to /usr/bin/aws (Debian's awscli package). eksauth runs on
# JAVA_HOME's JDK (else java on PATH), so set JAVA_HOME to compare JDKs. Build first:
# mvn -B -q -pl cli -am package -DskipTests. The first eksauth run (a warm-up, not counted) writes
# the archive the launcher uses: the AOT cache on JDK 24 and later, else a class-data sharing archive.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
rounds=${1:-21}
aws=${2:-/usr/bin/aws}
eksauth="$here/bin/eksauth"
export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
export AWS_REGION=us-west-2
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_DEFAULT_REGION KUBERNETES_EXEC_INFO || true
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null

now() { date +%s%N; }
run() { local t0 t1; t0=$(now); "$@" >/dev/null; t1=$(now); echo $(( (t1 - t0) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

"$eksauth" token --cluster-name bench >/dev/null   # warm-up: writes the CDS archive if missing
"$aws" eks get-token --cluster-name bench >/dev/null  # warm-up: Python byte-code caches

e_times=(); a_times=()
for ((i = 0; i < rounds; i++)); do
    if ((i % 2 == 0)); then
        e_times+=("$(run "$eksauth" token --cluster-name bench)")
        a_times+=("$(run "$aws" eks get-token --cluster-name bench)")
    else
        a_times+=("$(run "$aws" eks get-token --cluster-name bench)")
        e_times+=("$(run "$eksauth" token --cluster-name bench)")
    fi
done
e=$(printf '%s\n' "${e_times[@]}" | median)
a=$(printf '%s\n' "${a_times[@]}" | median)
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
echo "java:                       $("$java" -version 2>&1 | head -1)"
echo "rounds:                     $rounds"
echo "eksauth token median:       $e ms   (${e_times[*]})"
echo "aws eks get-token median:   $a ms   (${a_times[*]})"
awk -v e="$e" -v a="$a" 'BEGIN { printf "ratio eksauth/aws:          %.2f\n", e / a }'
