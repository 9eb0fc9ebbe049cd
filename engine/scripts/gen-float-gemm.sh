#!/bin/sh
# Regenerates FloatGemm.java from DoubleGemm.java: the two differ only in the element type.
# GemmSourceDriftTest fails when they drift apart.
cd "$(dirname "$0")/../src/main/java/org/sae4j/backend/java" || exit 1
sed -E 's/\bdouble\b/float/g; s/\bDouble/Float/g' DoubleGemm.java > FloatGemm.java
