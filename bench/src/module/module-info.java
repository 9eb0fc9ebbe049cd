/** The JMH benchmarks; they run from the shaded benchmarks.jar on the class path. */
module org.sae4j.bench {
    requires org.sae4j.engine;
    requires org.sae4j.report;
    requires jmh.core;

    exports org.sae4j.bench;
}
