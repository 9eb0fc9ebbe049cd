#!/usr/bin/env python3
"""One evaluation of the sparse autoencoder's J and gradient in NumPy (docs/objective.md), timed.

The peer of `sae bench`: the same shapes (A = 64x25, B = 784x196, m = 10 000; C = 784x1024, m = 60 000),
random data in [0.1, 0.9] and small random weights, best of N evaluations. NumPy's OpenBLAS takes its
thread count from OPENBLAS_NUM_THREADS (set it to the engine's thread count, e.g. 2).

    OPENBLAS_NUM_THREADS=2 python3 bench/peers/numpy_objective.py B f64 5
"""
import sys
import time

import numpy as np

SHAPES = {"A": (64, 25, 10_000), "B": (784, 196, 10_000), "C": (784, 1024, 60_000)}


def evaluate(w1, w2, b1, b2, x, rho, lam, beta):
    m = x.shape[1]
    a2 = 1 / (1 + np.exp(-(w1 @ x + b1[:, None])))
    a3 = 1 / (1 + np.exp(-(w2 @ a2 + b2[:, None])))
    rho_hat = a2.mean(axis=1)
    diff = a3 - x
    kl = np.sum(rho * np.log(rho / rho_hat) + (1 - rho) * np.log((1 - rho) / (1 - rho_hat)))
    j = 0.5 * np.sum(diff * diff) / m + 0.5 * lam * (np.sum(w1 * w1) + np.sum(w2 * w2)) + beta * kl
    d3 = diff * a3 * (1 - a3)
    sparsity = beta * (-rho / rho_hat + (1 - rho) / (1 - rho_hat))
    d2 = (w2.T @ d3 + sparsity[:, None]) * a2 * (1 - a2)
    g_w1 = d2 @ x.T / m + lam * w1
    g_w2 = d3 @ a2.T / m + lam * w2
    return j, g_w1, g_w2, d2.sum(axis=1) / m, d3.sum(axis=1) / m


def main():
    shape = sys.argv[1] if len(sys.argv) > 1 else "B"
    dtype = {"f64": np.float64, "f32": np.float32}[sys.argv[2] if len(sys.argv) > 2 else "f64"]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    v, h, m = SHAPES[shape]
    rng = np.random.default_rng(0)
    x = (0.1 + 0.8 * rng.random((v, m))).astype(dtype)
    r = np.sqrt(6 / (v + h + 1))
    w1 = ((rng.random((h, v)) * 2 - 1) * r).astype(dtype)
    w2 = ((rng.random((v, h)) * 2 - 1) * r).astype(dtype)
    b1 = np.zeros(h, dtype)
    b2 = np.zeros(v, dtype)
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        evaluate(w1, w2, b1, b2, x, dtype(0.01), dtype(1e-4), dtype(3))
        best = min(best, time.perf_counter() - start)
    print(f"numpy {np.__version__} shape {shape} ({v}x{h}, m={m}) {sys.argv[2] if len(sys.argv) > 2 else 'f64'}:"
          f" best of {rounds} evaluations {best * 1000:.1f} ms")


if __name__ == "__main__":
    main()
