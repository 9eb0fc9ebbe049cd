#!/usr/bin/env bash
# Fuzzes one reader for a while: engine/scripts/fuzz.sh TARGET [DURATION]
#   TARGET   npy | idx | idxGzip | csv | csvLabelColumn | imageFolder | labels | modelFile | classifierFile | networkFile | checkpointFile
#   DURATION as Jazzer takes it: 30s, 5m, 1h (default 5m)
# Inputs that break the property are saved under
# engine/src/test/resources/org/sae4j/fuzz/ReadersFuzzTestInputs/TARGET/ and from then on run with every
# `mvn verify`; inputs that found new coverage go to engine/.cifuzz-corpus/ (not committed).
set -euo pipefail
target=${1:?usage: engine/scripts/fuzz.sh TARGET [DURATION]}
duration=${2:-5m}
cd "$(dirname "$0")/../.."
# surefire:test alone (not the test phase) so that the engine's second, Vector API execution does not
# fuzz the same target again
JAZZER_FUZZ=1 JAZZER_MAX_DURATION="$duration" JAZZER_INSTRUMENT='org.sae4j.**' \
  mvn -B -q -pl engine test-compile surefire:test -Dtest="ReadersFuzzTest#$target" \
  -Dsurefire.failIfNoSpecifiedTests=false
