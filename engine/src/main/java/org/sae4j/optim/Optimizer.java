package org.sae4j.optim;

import org.sae4j.parallel.ParallelRuntime;

/** Unconstrained minimisation of a {@link DifferentiableFunction}. Implementations are immutable. */
public interface Optimizer {

    /**
     * Minimises {@code f} from {@code x0}, which is not modified. The function is always evaluated at
     * {@code x0} first. The run stops early with {@link Termination#CANCELLED} when
     * {@code cancellation} is cancelled or the calling thread is interrupted (the interrupt flag is left
     * set).
     *
     * @param f            the function; its {@link DifferentiableFunction#dimension()} must equal
     *                     {@code x0.length}
     * @param x0           the finite starting point
     * @param listener     called after every iteration; may be null
     * @param cancellation checked before every evaluation; may be null
     * @param runtime      threads the optimiser's own vector work may use (the run's runtime, shared with
     *                     the function's evaluation); the result does not depend on it
     * @throws IllegalArgumentException if {@code x0} has the wrong length or a non-finite entry
     */
    OptimizationResult minimize(DifferentiableFunction f, double[] x0, ProgressListener listener,
                                Cancellation cancellation, ParallelRuntime runtime);

    /**
     * Continues the run that {@code state} was captured from (see {@link ProgressListener#onState}),
     * under this optimiser's budgets, which may differ from the first run's. The result is bitwise the
     * one the first run would have reached had it not stopped, counts and value history included.
     *
     * @throws IllegalArgumentException if the state was saved by an optimiser whose
     *                                  {@link #resumeSettings()} differ, or does not fit {@code f}
     */
    OptimizationResult resume(DifferentiableFunction f, OptimizerState state, ProgressListener listener,
                              Cancellation cancellation, ParallelRuntime runtime);

    /**
     * The settings that decide the steps, without the budgets: two optimisers with equal resume settings
     * take the same steps, so a state saved by one may be resumed by the other.
     */
    String resumeSettings();

    /** The iteration budget. */
    int maxIterations();

    /** {@link #minimize(DifferentiableFunction, double[], ProgressListener, Cancellation, ParallelRuntime)} on the calling thread. */
    default OptimizationResult minimize(DifferentiableFunction f, double[] x0, ProgressListener listener,
                                        Cancellation cancellation) {
        return minimize(f, x0, listener, cancellation, ParallelRuntime.singleThreaded());
    }

    /** {@link #resume(DifferentiableFunction, OptimizerState, ProgressListener, Cancellation, ParallelRuntime)} on the calling thread. */
    default OptimizationResult resume(DifferentiableFunction f, OptimizerState state, ProgressListener listener,
                                      Cancellation cancellation) {
        return resume(f, state, listener, cancellation, ParallelRuntime.singleThreaded());
    }
}
