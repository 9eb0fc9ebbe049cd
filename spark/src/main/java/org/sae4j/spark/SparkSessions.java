package org.sae4j.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session a command runs in: the one the caller already holds (a notebook's, a platform's JAR
 * task's), or one it starts, and then stops when it is done. It never stops a session it did not start.
 */
final class SparkSessions implements AutoCloseable {
    private final SparkSession session;
    private final boolean started;

    private SparkSessions(SparkSession session, boolean started) {
        this.session = session;
        this.started = started;
    }

    /**
     * The active session, or a new one named {@code appName} on {@code master} (or what spark-submit set,
     * else {@code local[*]}).
     */
    static SparkSessions join(String appName, String master) {
        long before = System.currentTimeMillis();
        SparkSession.Builder builder = SparkSession.builder().appName(appName);
        if (master != null) {
            builder.master(master);
        } else if (!new SparkConf().contains("spark.master")) {
            builder.master("local[*]");
        }
        SparkSession session = builder.getOrCreate();
        // a context of the caller's (a session's, or a bare JavaSparkContext's) started before this call
        boolean started = session.sparkContext().startTime() >= before;
        if (!started && master != null && !master.equals(session.sparkContext().master())) {
            throw new IllegalArgumentException("--master " + master + " was given, but this JVM already runs Spark on "
                    + session.sparkContext().master() + "; leave --master out to run there");
        }
        return new SparkSessions(session, started);
    }

    JavaSparkContext context() {
        return JavaSparkContext.fromSparkContext(session.sparkContext());
    }

    SparkSession session() {
        return session;
    }

    @Override
    public void close() {
        if (started) {
            session.stop();
        }
    }
}
