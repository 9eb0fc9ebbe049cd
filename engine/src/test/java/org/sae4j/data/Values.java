package org.sae4j.data;

import org.sae4j.precision.Precision;

/** All values of a dataset as read (scaled, in its precision), sample after sample, as doubles: for tests. */
public final class Values {
    private Values() {
    }

    public static double[] of(Dataset data) {
        int v = data.features();
        double[] out = new double[Math.multiplyExact(v, data.samples())];
        SampleReader r = data.reader(data.samples());
        r.read(0, data.samples());
        for (int k = 0; k < out.length; k++) {
            out[k] = data.precision() == Precision.F64 ? r.doubles()[r.offset() + k] : r.floats()[r.offset() + k];
        }
        return out;
    }
}
