package org.sae4j.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * Adds one array per partition in a tree of fixed shape, so that the driver receives at most
 * {@code fanout} arrays however many partitions there are. Level by level, the arrays of indices
 * [g·fanout, (g + 1)·fanout) are summed in index order into array g of the next level (one shuffle
 * per level), until at most {@code fanout} are left; the driver adds those in order. The bits depend
 * only on the number of partitions and the fanout; with no more partitions than the fanout the tree is
 * the driver's sum in partition order.
 */
final class TreeSum {
    /** Arrays per group unless told otherwise: up to 16 partitions, the driver adds them all itself. */
    static final int DEFAULT_FANOUT = 16;

    private TreeSum() {
    }

    /** @param partials exactly one array of {@code length} per partition */
    static double[] of(JavaRDD<double[]> partials, int length, int fanout) {
        if (fanout < 2) {
            throw new IllegalArgumentException("the fan-in must be >= 2, got " + fanout);
        }
        JavaRDD<Tuple2<Integer, double[]>> level = partials.mapPartitionsWithIndex((Integer p,
                Iterator<double[]> it) -> List.of(new Tuple2<>(p, it.next())).iterator(), true);
        for (int count = partials.getNumPartitions(); count > fanout; ) {
            int groups = (count + fanout - 1) / fanout;
            JavaPairRDD<Integer, Tuple2<Integer, double[]>> keyed = level.mapToPair(t -> new Tuple2<>(t._1() / fanout, t));
            level = keyed.partitionBy(new SampleBlocks.BlockPartitioner(groups, groups)).mapPartitionsWithIndex((Integer g,
                    Iterator<Tuple2<Integer, Tuple2<Integer, double[]>>> it) -> {
                List<Tuple2<Integer, double[]>> members = new ArrayList<>();
                it.forEachRemaining(t -> members.add(t._2()));
                return List.of(new Tuple2<>(g, sumInOrder(members, length))).iterator();
            }, true);
            count = groups;
        }
        return sumInOrder(new ArrayList<>(level.collect()), length);
    }

    private static double[] sumInOrder(List<Tuple2<Integer, double[]>> members, int length) {
        members.sort(Comparator.comparing(Tuple2::_1));
        double[] sum = new double[length];
        for (Tuple2<Integer, double[]> m : members) {
            double[] a = m._2();
            for (int i = 0; i < length; i++) {
                sum[i] += a[i];
            }
        }
        return sum;
    }
}
