package org.sae4j.train;

import java.time.Duration;
import java.util.Objects;
import org.sae4j.model.TrainedModel;
import org.sae4j.optim.Termination;

/**
 * What a training run produced.
 *
 * @param model        the best parameters found
 * @param finalCost    J at the returned parameters
 * @param termination  why the optimiser stopped
 * @param iterations   optimiser iterations
 * @param evaluations  evaluations of J and ∇J
 * @param costHistory  J after each iteration; index 0 is J at the initial θ
 * @param elapsed      wall time of the optimisation
 */
public record TrainingResult(TrainedModel model, double finalCost, Termination termination, int iterations,
                             int evaluations, double[] costHistory, Duration elapsed) {

    public TrainingResult {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(termination, "termination");
        Objects.requireNonNull(elapsed, "elapsed");
        costHistory = costHistory.clone();
    }

    /** A copy of the cost history. */
    @Override
    public double[] costHistory() {
        return costHistory.clone();
    }
}
