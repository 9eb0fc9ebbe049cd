package org.sae4j.train;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sae4j.autoencoder.EvaluationSettings;
import org.sae4j.autoencoder.SparseAutoencoderConfig;
import org.sae4j.data.Dataset;
import org.sae4j.data.SampleReader;
import org.sae4j.optim.Optimizer;
import org.sae4j.precision.Precision;

/**
 * What decides the bits of a training run, field by field: the configuration, the precision, the
 * data's shape and content hash, the chunk size (the chunks follow from it and the samples, cut
 * near-equal), the resolved backend and the optimiser's
 * {@link Optimizer#resumeSettings()}. It leaves out the budgets and the thread count, which do not
 * change the steps, so a run may be resumed to go further or on other threads.
 */
public final class RunFingerprint {
    private static final int HASH_BLOCK = 1 << 16;

    private RunFingerprint() {
    }

    public static Map<String, String> of(SparseAutoencoderConfig config, Dataset data, EvaluationSettings settings,
                                         Optimizer optimizer) {
        return of(config, data.samples(), contentHash(data), settings, optimizer);
    }

    /**
     * The fingerprint of a run whose data's hash was taken elsewhere, e.g. block by block on a cluster.
     *
     * @param dataHash a hash of the data's values as the run holds them, in hexadecimal
     */
    public static Map<String, String> of(SparseAutoencoderConfig config, long samples, String dataHash,
                                         EvaluationSettings settings, Optimizer optimizer) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("visible", Integer.toString(config.visible()));
        f.put("hidden", Integer.toString(config.hidden()));
        f.put("rho", Double.toString(config.rho()));
        f.put("lambda", Double.toString(config.lambda()));
        f.put("beta", Double.toString(config.beta()));
        f.put("decoder", config.outputLayer().shortName());
        f.putAll(engine(samples, dataHash, settings, optimizer));
        return f;
    }

    /**
     * The fields of any model's run that the engine decides: the precision, the samples and their hash,
     * the chunking, the resolved backend and the optimiser's resume settings. A trainer of another model
     * puts its own fields in front ({@code SoftmaxTrainer}, the stacked networks' fine-tuning).
     */
    public static Map<String, String> engine(long samples, String dataHash, EvaluationSettings settings,
                                             Optimizer optimizer) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("precision", settings.precision().shortName());
        f.put("samples", Long.toString(samples));
        f.put("data sha-256", dataHash);
        f.put("chunk", settings.chunkSize() == EvaluationSettings.AUTO_CHUNK ? "auto" : Integer.toString(
                settings.chunkSize()));
        // a checkpoint of the builds that cut 512-sample chunks and a short last one has no such field
        f.put("chunking", "near-equal");
        f.put("backend", settings.backend().name());
        f.put("optimizer", optimizer.resumeSettings());
        return f;
    }

    /** SHA-256 of the labels as big-endian int32, in hexadecimal. */
    public static String labelsHash(int[] labels) {
        MessageDigest sha = sha256();
        ByteBuffer block = ByteBuffer.allocate(HASH_BLOCK);
        block.putInt(labels.length);
        for (int label : labels) {
            if (!block.hasRemaining()) {
                drain(block, sha);
            }
            block.putInt(label);
        }
        drain(block, sha);
        return HexFormat.of().formatHex(sha.digest());
    }

    /** SHA-256 of the values' bits as big-endian float64, in hexadecimal. */
    public static String valuesHash(double[] values) {
        MessageDigest sha = sha256();
        ByteBuffer block = ByteBuffer.allocate(HASH_BLOCK);
        block.putInt(values.length);
        for (double v : values) {
            if (!block.hasRemaining()) {
                drain(block, sha);
            }
            block.putDouble(v);
        }
        drain(block, sha);
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * Null if {@code found} is the fingerprint {@code expected}, else a sentence naming the first field
     * that differs, with both values.
     */
    public static String mismatch(Map<String, String> expected, Map<String, String> found) {
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String other = found.get(e.getKey());
            if (!e.getValue().equals(other)) {
                return e.getKey() + " differs: the checkpoint has " + (other == null ? "none" : other)
                        + ", this run has " + e.getValue();
            }
        }
        for (String key : found.keySet()) {
            if (!expected.containsKey(key)) {
                return "the checkpoint has a field this run does not know: " + key;
            }
        }
        return null;
    }

    /**
     * SHA-256 of the values' bits as the engine reads them (in the set's precision, after its scale),
     * with the shape in front, in hexadecimal: the same values give the same hash from every kind of store.
     */
    public static String contentHash(Dataset data) {
        MessageDigest sha = sha256();
        boolean f64 = data.precision() == Precision.F64;
        int v = data.features();
        int perRead = Math.max(1, Math.min(data.samples(), HASH_BLOCK / (v * (f64 ? 8 : 4))));
        ByteBuffer block = ByteBuffer.allocate(Math.max(HASH_BLOCK, v * (f64 ? 8 : 4)));
        block.putInt(v).putInt(data.samples()).putInt(f64 ? 64 : 32);
        drain(block, sha);
        SampleReader reader = data.reader(perRead);
        for (int first = 0; first < data.samples(); first += perRead) {
            int n = Math.min(perRead, data.samples() - first);
            reader.read(first, n);
            if (f64) {
                block.asDoubleBuffer().put(reader.doubles(), reader.offset(), n * v);
                block.position(n * v * 8);
            } else {
                block.asFloatBuffer().put(reader.floats(), reader.offset(), n * v);
                block.position(n * v * 4);
            }
            drain(block, sha);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static void drain(ByteBuffer block, MessageDigest sha) {
        sha.update(block.array(), 0, block.position());
        block.clear();
    }
}
