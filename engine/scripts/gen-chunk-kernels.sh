#!/bin/sh
# Regenerates F64ChunkKernel from F32ChunkKernel: the same structure with every float a double, sgemm
# becoming dgemm, the reader's floats() its doubles() and the then redundant (double) casts dropped.
# ChunkKernelSourceDriftTest fails when they drift apart.
cd "$(dirname "$0")/../src/main/java/org/sae4j/autoencoder" || exit 1
sed -E 's/\bF32ChunkKernel\b/F64ChunkKernel/g; s/\bfloat\b/double/g; s/\bsgemm\b/dgemm/g; s/\bfloats\(\)/doubles()/g; s/\(double\) //g' \
  F32ChunkKernel.java > F64ChunkKernel.java
