#!/bin/sh
# Writes the F64 twin of every F32 source that has one: the same code with float a double, F32 and Float
# names their F64 and Double counterparts, sgemm dgemm, floats() doubles(), and the casts to double that
# become redundant dropped. Each twin starts with a banner naming its source and this script.
# GeneratedTwinsTest (engine tests) applies the same substitutions and fails when a twin drifts.
cd "$(dirname "$0")/../src/main/java/org/sae4j" || exit 1
for source in backend/java/F32Gemm.java backend/java/F32MicroKernel.java backend/java/F32ScalarKernel4x4.java \
    backend/java/F32VectorKernel2x4.java backend/java/F32VectorKernel2x8.java autoencoder/F32ChunkKernel.java; do
  twin="$(dirname "$source")/F64${source##*/F32}"
  {
    echo "// Generated from ${source##*/} by engine/scripts/gen-f64-twins.sh; do not edit."
    sed -E 's/\bfloat\b/double/g; s/\bF32/F64/g; s/\bFloat/Double/g; s/\bsgemm\b/dgemm/g; s/\bfloats\(\)/doubles()/g; s/\(double\) //g' \
      "$source"
  } > "$twin"
done
