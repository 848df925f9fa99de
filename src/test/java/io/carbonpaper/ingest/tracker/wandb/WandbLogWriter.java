package io.carbonpaper.ingest.tracker.wandb;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Writes W&B {@code .wandb} run logs for tests, from the format's description (docs/trackers.md):
 * the 7-byte header, 32 KiB blocks of CRC-32-checked chunks (FULL/FIRST/MIDDLE/LAST, trailer
 * padding) and protobuf {@code Record}s built with {@link Msg}.
 */
public final class WandbLogWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public WandbLogWriter() {
        out.writeBytes(new byte[] {':', 'W', '&', 'B', (byte) 0xE1, (byte) 0xBE, 0});
    }

    /** Appends one record, split over blocks as the LevelDB log format does. */
    public WandbLogWriter record(Msg record) {
        byte[] data = record.bytes();
        int pos = 0;
        boolean first = true;
        do {
            int left = WandbLogFile.BLOCK - out.size() % WandbLogFile.BLOCK;
            if (left < WandbLogFile.CHUNK_HEADER) {
                out.writeBytes(new byte[left]);
                continue;
            }
            int n = Math.min(left - WandbLogFile.CHUNK_HEADER, data.length - pos);
            boolean last = pos + n == data.length;
            int type = first && last ? WandbLogFile.FULL : first ? WandbLogFile.FIRST : last ? WandbLogFile.LAST : WandbLogFile.MIDDLE;
            CRC32 crc = new CRC32();
            crc.update(type);
            crc.update(data, pos, n);
            long c = crc.getValue();
            out.write((int) c);
            out.write((int) (c >>> 8));
            out.write((int) (c >>> 16));
            out.write((int) (c >>> 24));
            out.write(n & 0xff);
            out.write(n >>> 8);
            out.write(type);
            out.write(data, pos, n);
            pos += n;
            first = false;
        } while (pos < data.length);
        return this;
    }

    public byte[] bytes() { return out.toByteArray(); }

    /** A protobuf message being built, fields in the order they are added. */
    public static final class Msg {
        private final ByteArrayOutputStream b = new ByteArrayOutputStream();

        public Msg varint(int field, long v) {
            key(field, 0);
            raw(v);
            return this;
        }

        public Msg string(int field, String s) { return bytes(field, s.getBytes(StandardCharsets.UTF_8)); }

        public Msg message(int field, Msg m) { return bytes(field, m.bytes()); }

        public Msg fixed32(int field, int v) {
            key(field, 5);
            for (int i = 0; i < 4; i++) b.write(v >>> (8 * i));
            return this;
        }

        private Msg bytes(int field, byte[] data) {
            key(field, 2);
            raw(data.length);
            b.writeBytes(data);
            return this;
        }

        public byte[] bytes() { return b.toByteArray(); }

        private void key(int field, int wireType) { raw((long) field << 3 | wireType); }

        private void raw(long v) {
            while ((v & ~0x7FL) != 0) {
                b.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            b.write((int) v);
        }
    }

    // Record builders (field numbers: docs/trackers.md).

    public static Msg timestamp(long epochMicros) {
        return new Msg().varint(1, Math.floorDiv(epochMicros, 1_000_000)).varint(2, Math.floorMod(epochMicros, 1_000_000) * 1000);
    }

    /** A stats record of system metrics at a time: key to JSON value. */
    public static Msg stats(long num, long epochMicros, Map<String, String> items) {
        Msg s = new Msg().message(2, timestamp(epochMicros));
        items.forEach((k, v) -> s.message(3, new Msg().string(1, k).string(16, v)));
        return new Msg().varint(1, num).message(7, s);
    }

    public static Msg run(long num, long startMicros, String displayName, String group, String host) {
        Msg r = new Msg().string(1, "abcd1234");
        if (group != null) r.string(6, group);
        if (displayName != null) r.string(8, displayName);
        if (host != null) r.string(13, host);
        r.message(17, timestamp(startMicros));
        return new Msg().varint(1, num).message(17, r);
    }

    /** An exit record; zero values are left out as proto3 does. */
    public static Msg exit(long num, int code, int runtimeSeconds) {
        Msg e = new Msg();
        if (code != 0) e.varint(1, code);
        if (runtimeSeconds != 0) e.varint(2, runtimeSeconds);
        return new Msg().varint(1, num).message(18, e);
    }

    public static Msg environment(long num, String gpuType, int gpuCount) {
        return new Msg().varint(1, num).message(26, new Msg().string(12, "node-1").string(18, gpuType).varint(19, gpuCount)
                .message(24, new Msg().string(1, gpuType).varint(2, 42949672960L)));
    }

    /** A TPU VM's environment record (wandb-core): no gpu fields, a tpu block {name=1, hbm_gib=2, devices_per_chip=3, count=4}. */
    public static Msg tpuEnvironment(long num, String chip, int chips) {
        return new Msg().varint(1, num).message(26, new Msg().string(12, "t1v-n-0").varint(16, 120)
                .message(29, new Msg().string(1, chip).varint(2, 32).varint(3, 1).varint(4, chips)));
    }

    /** A Mac's environment record (wandb-core): an apple block {name=1, ecpu_cores=2, pcpu_cores=3, gpu_cores=4, memory_gb=5}. */
    public static Msg appleEnvironment(long num, String chip) {
        return new Msg().varint(1, num).message(26, new Msg().string(12, "macbook").varint(16, 12)
                .message(23, new Msg().string(1, chip).varint(2, 4).varint(3, 8).varint(4, 38).varint(5, 96)));
    }

    /** An environment record with the Slurm block (slurm=27: map entries {key=1, value=2}). */
    public static Msg slurmEnvironment(long num, Map<String, String> slurm) {
        Msg env = new Msg().string(12, "node0");
        slurm.forEach((k, v) -> env.message(27, new Msg().string(1, k).string(2, v)));
        return new Msg().varint(1, num).message(26, env);
    }

    public static Msg summary(long num, Map<String, String> items) {
        Msg s = new Msg();
        items.forEach((k, v) -> s.message(1, new Msg().string(1, k).string(16, v)));
        return new Msg().varint(1, num).message(3, s);
    }
}
