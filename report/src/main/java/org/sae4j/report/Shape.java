package org.sae4j.report;

/**
 * The benchmark shapes of the issues: A is the UFLDL patch problem, B the MNIST-sized one, C a wide
 * hidden layer on the full MNIST training set.
 */
public enum Shape {
    A(64, 25, 10_000),
    B(784, 196, 10_000),
    C(784, 1024, 60_000);

    public final int visible;
    public final int hidden;
    public final int samples;

    Shape(int visible, int hidden, int samples) {
        this.visible = visible;
        this.hidden = hidden;
        this.samples = samples;
    }
}
