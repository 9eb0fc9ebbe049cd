#!/bin/sh
# Regenerates the float GEMM sources from the double ones: they differ only in the element type.
# GemmSourceDriftTest fails when they drift apart.
cd "$(dirname "$0")/../src/main/java/org/sae4j/backend/java" || exit 1
for name in Gemm MicroKernel ScalarKernel VectorKernel WideVectorKernel; do
  sed -E 's/\bdouble\b/float/g; s/\bDouble/Float/g' "Double$name.java" > "Float$name.java"
done
